// Provider (b) end to end: a user's ONNX model (written here with onnx-proto) registered with its
// manifest, run over an imported mini corpus by the infer job; shapes Attest cannot feed or that
// disagree with the model are refused at registration with the problem named.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { unitIndex } from "@/lib/inference/acoustic/phone-set";
import { registerOnnxModel } from "@/lib/inference/register";
import { parseResponse } from "@/lib/inference/response/parse-response";
import { predictionLines, runInference } from "@/lib/inference/run-inference";
import { labelFor } from "@/lib/rubric/label-bins";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { miniCorpus } from "../helpers/corpus";
import { openMigrated, TEST_DATABASES } from "../helpers/databases";
import { TINY_FLUENCY_SD, TINY_SENTENCE_MEANS, tinyUserManifest, tinyUserOnnx } from "./tiny-user-onnx";

describe.each(TEST_DATABASES)("user ONNX provider on $name", (t) => {
  let db: Db;
  let dir: string;
  let onnx: string;
  beforeAll(async () => {
    process.env.ATTEST_DATA_DIR ??= await mkdtemp(path.join(tmpdir(), "attest-user-onnx-data-"));
    db = await openMigrated(t);
    await importSpeechocean762(db, { dir: await miniCorpus(2, "test"), dataset: "mini", split: "test" });
    dir = await mkdtemp(path.join(tmpdir(), "attest-user-onnx-"));
    onnx = path.join(dir, "tiny-user.onnx");
    await writeFile(onnx, tinyUserOnnx());
  });
  afterAll(async () => db?.close());

  it("runs a registered model over a dataset: feeds, output roles, intervals, labels and a rationale", async () => {
    const mv = await registerOnnxModel(db, "user-tiny", onnx, tinyUserManifest());
    expect(mv.kind).toBe("ONNX");
    const r = await runInference(db, { dataset: "mini", model: "user-tiny" });
    expect(r).toMatchObject({ items: 2, predicted: 2, skipped: 0 });
    expect(await runInference(db, { dataset: "mini", model: "user-tiny" })).toMatchObject({ predicted: 0, skipped: 2 });

    const items = await db.prisma.item.findMany({ orderBy: { uttId: "asc" }, include: { words: { orderBy: { index: "asc" } } } });
    const lines = (await predictionLines(db, { dataset: "mini", model: "user-tiny" })).map((l) => JSON.parse(l));
    expect(lines.map((l) => l.utt_id)).toEqual(items.map((i) => i.uttId));
    for (const [k, l] of lines.entries()) {
      const item = items[k];
      const phones = item.words.flatMap((w) => w.canonicalPhones.split(/\s+/).filter(Boolean));
      ["accuracy", "fluency", "prosody", "completeness", "total"].forEach((a, i) => {
        expect(l.sentence[a].mean).toBeCloseTo(TINY_SENTENCE_MEANS[i], 3);
        expect(l.sentence[a].label).toBe(labelFor("sentence", TINY_SENTENCE_MEANS[i]));
      });
      // Conformal from the manifest's calibration (q̂ = 1), Gaussian from σ (z₀.₉₅ = 1.645), else none.
      expect([l.sentence.accuracy.low, l.sentence.accuracy.high]).toEqual([7, 9]);
      expect(l.sentence.fluency.sd).toBe(TINY_FLUENCY_SD);
      expect(l.sentence.fluency.low).toBeCloseTo(7 - 1.645 * TINY_FLUENCY_SD, 2);
      expect(l.sentence.fluency.high).toBeCloseTo(7 + 1.645 * TINY_FLUENCY_SD, 2);
      expect(l.sentence.prosody).toMatchObject({ sd: null, low: null, high: null });
      expect(l.words.map((w: any) => w.text)).toEqual(item.words.map((w) => w.text));
      expect(l.words.map((w: any) => w.accuracy)).toEqual(item.words.map((_, i) => Math.min(10, 2 * i + 1)));
      expect(l.words.map((w: any) => w.label)).toEqual(l.words.map((w: any) => labelFor("word", w.accuracy)));
      expect(l.phones).toHaveLength(phones.length);
      l.phones.forEach((p: any, i: number) => {
        expect(p.symbol).toBe(phones[i]);
        expect(p.score).toBeCloseTo((2 * unitIndex(phones[i])) / 39, 3);
        expect(p.label).toBe(labelFor("phone", p.score));
      });
      const parsed = parseResponse(l.response, { words: item.words.map((w) => w.text), phonesIpa: [] });
      expect(parsed.sentence.fluency).toBe(l.sentence.fluency.label);
      expect(parsed.rationale?.length ?? 0).toBeGreaterThan(0);
    }
  });

  it("refuses a model whose shapes do not match its manifest, or that Attest cannot feed", async () => {
    const narrow = path.join(dir, "narrow.onnx");
    await writeFile(narrow, tinyUserOnnx({ melBins: 40 }));
    const e1 = await registerOnnxModel(db, "user-narrow", narrow, tinyUserManifest()).catch((e) => e);
    expect(e1.message).toMatch(/does not match its manifest; refused/);
    expect(e1.problems.map((p: any) => p.message).join("\n")).toMatch(/"logmel" dimension 2 is 40 in the model, 80 in the manifest/);

    const m = tinyUserManifest();
    const wrong = { ...m, inputs: [...m.inputs.slice(0, 1), { name: "logmel", shape: [1, "T", 40], type: "float32" }, ...m.inputs.slice(2)] };
    const e2 = await registerOnnxModel(db, "user-narrow", narrow, wrong).catch((e) => e);
    expect(e2.problems.map((p: any) => p.message).join("\n")).toMatch(/feed logmel dimension 2 is 80, the manifest says 40/);

    const unfeedable = { ...m, inputs: m.inputs.map((x) => (x.name === "waveform" ? { ...x, feed: "mfcc" } : x)), outputs: m.outputs.map((x) => ({ ...x, role: "ignore" })) };
    const e3 = await registerOnnxModel(db, "user-odd", onnx, unfeedable).catch((e) => e);
    const text = e3.problems.map((p: any) => p.message).join("\n");
    expect(text).toMatch(/Attest cannot feed input "waveform" \(feed "mfcc"\)/);
    expect(text).toMatch(/no output maps to a prediction/);
    expect(await db.prisma.modelVersion.count({ where: { name: { in: ["user-narrow", "user-odd"] } } })).toBe(0);
  });
});
