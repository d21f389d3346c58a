// The "infer" job is resumable: a run interrupted half-way and run again stores one prediction per
// item (no duplicates), with estimated MODEL alignments; a third run adds nothing.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { runInference, predictionLines } from "@/lib/inference/run-inference";
import { importResponses, registerOnnxModel } from "@/lib/inference/register";
import { writeFile } from "node:fs/promises";
import { writeTinyBundle } from "@/lib/inference/testing/tiny-bundle";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { miniCorpus } from "../helpers/corpus";
import { openMigrated, TEST_DATABASES } from "../helpers/databases";

describe.each(TEST_DATABASES)("infer job on $name", (t) => {
  let db: Db;
  let bundle: string;
  beforeAll(async () => {
    process.env.ATTEST_DATA_DIR ??= await mkdtemp(path.join(tmpdir(), "attest-infer-data-"));
    db = await openMigrated(t);
    await importSpeechocean762(db, { dir: await miniCorpus(3, "test"), dataset: "mini", split: "test" });
    bundle = await writeTinyBundle(await mkdtemp(path.join(tmpdir(), "attest-tiny-")), "tiny", 7);
    await db.prisma.modelVersion.create({ data: { name: "tiny", kind: "BUILTIN", config: { bundle } } });
  });
  afterAll(async () => db?.close());

  it("continues after an interruption without duplicate predictions", async () => {
    let calls = 0;
    const crash = async () => {
      if (++calls > 1) throw new Error("killed");
    };
    await expect(runInference(db, { dataset: "mini", model: "tiny" }, { checkCancelled: crash })).rejects.toThrow("killed");
    expect(await db.prisma.prediction.count()).toBe(1);

    const second = await runInference(db, { dataset: "mini", model: "tiny", split: "test" });
    expect(second).toMatchObject({ items: 3, predicted: 2, skipped: 1 });
    const third = await runInference(db, { dataset: "mini", model: "tiny" });
    expect(third).toMatchObject({ items: 3, predicted: 0, skipped: 3 });

    const preds = await db.prisma.prediction.findMany();
    expect(preds).toHaveLength(3);
    expect(new Set(preds.map((p) => p.itemId)).size).toBe(3);
    const al = await db.prisma.alignment.findMany({ include: { spans: true } });
    expect(al).toHaveLength(3);
    expect(al.every((a) => a.source === "MODEL" && a.estimated)).toBe(true);
    const phones = await db.prisma.phone.count();
    const words = await db.prisma.word.count();
    expect(al.reduce((s, a) => s + a.spans.length, 0)).toBe(phones + words);

    const lines = (await predictionLines(db, { dataset: "mini", model: "tiny" })).map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    for (const l of lines) {
      expect(Object.keys(l.sentence).sort()).toEqual(["accuracy", "completeness", "fluency", "prosody", "total"]);
      for (const s of Object.values(l.sentence) as any[]) {
        expect(s.low).toBeLessThanOrEqual(s.mean);
        expect(s.high).toBeGreaterThanOrEqual(s.mean);
        expect(s.sd).toBeGreaterThan(0);
      }
      expect(typeof l.response).toBe("string");
      expect(l.words[0]).toHaveProperty("accuracy");
      expect(l.phones[0]).toHaveProperty("score");
    }
  });

  it("registers a user ONNX model only when its manifest matches the real inputs and outputs", async () => {
    const onnx = bundle.replace(/\.json$/, ".onnx");
    const io = (name: string, shape: (number | string)[]) => ({ name, shape, type: "float32" });
    const good = {
      inputs: [io("sentence_features", ["N", 28]), io("word_features", ["M", 13]), io("phone_features", ["K", 50])],
      outputs: [io("sentence_mean", ["N", 5]), io("sentence_sd", ["N", 5]), io("word_accuracy", ["M", 1]), io("phone_score", ["K", 1])],
    };
    const bad = { ...good, inputs: [io("features", ["N", 28]), io("word_features", ["M", 99]), io("phone_features", ["K", 50])] };
    const err = await registerOnnxModel(db, "user-bad", onnx, bad).catch((e) => e);
    expect(err.message).toMatch(/does not match its manifest; refused/);
    const text = err.problems.map((p: any) => p.message).join("\n");
    expect(text).toMatch(/no input "features"/);
    expect(text).toMatch(/dimension 1 is 13 in the model, 99 in the manifest/);
    expect(text).toMatch(/does not declare the model's input "sentence_features"/);
    expect(await db.prisma.modelVersion.findUnique({ where: { name: "user-bad" } })).toBeNull();
    const mv = await registerOnnxModel(db, "user-good", onnx, good);
    expect(mv.kind).toBe("ONNX");
  });

  it("imports a JSONL file of responses as a FILE model version, keeping parse warnings", async () => {
    const items = await db.prisma.item.findMany({ orderBy: { uttId: "asc" } });
    const file = path.join(path.dirname(bundle), "responses.jsonl");
    await writeFile(file, [
      JSON.stringify({ utt_id: items[0].uttId, response: "Accuracy: good\nFluency: Fair\nProsody: Excellent\nThe speech is clear." }),
      JSON.stringify({ utt_id: items[1].uttId, response: "Words: ONLY/Bad\nVerdict: too short" }),
    ].join("\n"));
    const r = await importResponses(db, "llm-file", "mini", file);
    expect(r).toMatchObject({ kind: "FILE", predictions: 2 });
    const preds = await db.prisma.prediction.findMany({ where: { modelVersion: { name: "llm-file" } }, include: { item: true } });
    const first = preds.find((p) => p.item.uttId === items[0].uttId)!;
    expect((first.sentence as any).fluency.label).toBe("Average");
    expect(preds.find((p) => p.item.uttId === items[1].uttId)!.parseWarnings.length).toBeGreaterThan(0);
    await writeFile(file, '{"utt_id": "nope", "response": "x"}\nnot json\n');
    const err = await importResponses(db, "llm-file-2", "mini", file).catch((e) => e);
    expect(err.problems.map((p: any) => p.line)).toEqual([1, 2]);
  });
});
