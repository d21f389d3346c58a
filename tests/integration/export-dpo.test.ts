// DPO exports: TRL JSONL and the SpeechLLM CSV from label_flip, rater_preference and rater_correction
// pairs; exact columns, canonical labels, weights 1 + 0.5·|d|, same seed → same bytes, split per row.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { TEST_DATABASES, openMigrated } from "../helpers/databases";
import { miniCorpus } from "../helpers/corpus";
import { runCli } from "../helpers/cli";
import type { Db } from "@/lib/db/client";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { exportDpo } from "@/lib/exports/export-dpo";
import { CSV_COLUMNS } from "@/lib/exports/pair-formats";
import { parseResponse } from "@/lib/inference/response/parse-response";
import { LABELS } from "@/lib/rubric/labels";

const LABEL_RE = new RegExp(`/(${LABELS.join("|")})\\b`, "g");

describe.each(TEST_DATABASES)("DPO export on $name", (t) => {
  let db: Db;
  let dir: string;
  let corpus: string;
  beforeAll(async () => {
    process.env.ATTEST_DATA_DIR = await mkdtemp(path.join(tmpdir(), "attest-dpo-"));
    dir = await mkdtemp(path.join(tmpdir(), "attest-dpo-out-"));
    db = await openMigrated(t);
    corpus = await miniCorpus(6);
    await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
    const items = await db.prisma.item.findMany({ orderBy: { uttId: "asc" } });
    // An A/B choice (written by the A/B round UI), a tie (not exported) and a flagged model response.
    await db.prisma.preference.create({
      data: { key: "rater_preference:x:1", source: "rater_preference", itemId: items[0].id, prompt: "", chosen: "Accuracy: Good", rejected: "Accuracy: Bad", sideA: "Accuracy: Good", sideB: "Accuracy: Bad", choice: "A", strength: 2, dpoWeight: 1.5 },
    });
    await db.prisma.preference.create({
      data: { key: "rater_preference:x:2", source: "rater_preference", itemId: items[1].id, prompt: "", chosen: "A", rejected: "B", choice: "tie" },
    });
    const mv = await db.prisma.modelVersion.create({ data: { name: "m1", kind: "BUILTIN" } });
    const pred = await db.prisma.prediction.create({
      data: { modelVersionId: mv.id, itemId: items[2].id, response: "Accuracy: Excellent\nFluency: Excellent\nProsody: Excellent\nThe speech is perfect.", sentence: {}, words: [], phones: [] },
    });
    await db.prisma.rationaleAudit.create({ data: { predictionId: pred.id, granularity: "word", mentions: [], flags: ["missed_errors"], flagged: true } });
  });
  afterAll(async () => {
    await db?.close();
  });

  it("writes the SpeechLLM CSV with exactly its columns, canonical labels and the weight formula", async () => {
    const out = path.join(dir, "pairs.csv");
    const s = await exportDpo(db, { dataset: "mini", source: "all", format: "csv", out, seed: 5 });
    const text = await readFile(out, "utf8");
    const records: Record<string, string>[] = parse(text, { columns: true });
    expect(text.split("\n")[0]).toBe(CSV_COLUMNS.join(","));
    expect(records).toHaveLength(s.rows);
    expect(s.by_source.rater_preference).toBe(1);
    expect(s.by_source.rater_correction).toBe(1);
    expect(s.by_source.label_flip).toBeGreaterThanOrEqual(12);
    const items = await db.prisma.item.findMany({ include: { words: { orderBy: { index: "asc" } } } });
    const flips = records.filter((r) => ["acc", "flu", "pros", "word", "phone"].includes(r.flip_target) && !r.rejected.includes("The speech is perfect."));
    expect(flips.length).toBe(s.by_source.label_flip);
    for (const r of flips) {
      expect(Object.keys(r)).toEqual([...CSV_COLUMNS]);
      const item = items.find((i) => i.text === r.transcript)!;
      const phonesIpa = r.target_phonemes.split(" ");
      expect(phonesIpa).toHaveLength(item.words.reduce((n, w) => n + w.canonicalPhones.split(" ").length, 0));
      for (const resp of [r.chosen, r.rejected]) {
        const p = parseResponse(resp, { words: item.text.split(" "), phonesIpa });
        expect(p.warnings).toEqual([]);
        const labels = [...resp.matchAll(LABEL_RE)].map((m) => m[1]);
        expect(labels.length).toBe(item.words.length + phonesIpa.length);
        expect(resp).not.toMatch(/\b(Fair|Poor|Very Poor)\b/);
      }
      // |d| from the two responses' labels, and the weight from |d|.
      const a = parseResponse(r.chosen, { words: item.text.split(" "), phonesIpa });
      const b = parseResponse(r.rejected, { words: item.text.split(" "), phonesIpa });
      const ids = (x: typeof a) => [x.sentence.accuracy, x.sentence.fluency, x.sentence.prosody, ...x.words!.map((w) => w.label), ...x.phones!.map((q) => q.label)].map((l) => LABELS.indexOf(l!));
      const d = ids(b).reduce((acc, v, i) => acc + Math.abs(v - ids(a)[i]), 0);
      expect(Number(r.dpo_weight)).toBe(1 + 0.5 * d);
      expect(r.audio_path).toMatch(/^audio\/\d+\.wav$/);
    }
    // The recordings travel with the pairs: audio/<utt_id>.wav beside the CSV, byte for byte the imported file.
    const wavScp = new Map((await readFile(path.join(corpus, "test/wav.scp"), "utf8")).trim().split("\n").map((l) => l.split(/\s+/) as [string, string]));
    for (const r of records) {
      const utt = path.basename(r.audio_path, ".wav");
      expect(Buffer.compare(await readFile(path.join(dir, r.audio_path)), await readFile(path.join(corpus, wavScp.get(utt)!)))).toBe(0);
    }
    expect(s.audio).toBe("copy");
    expect(s.recordings).toBe(6);
    const correction = records.find((r) => r.rejected.includes("The speech is perfect."))!;
    expect(correction.chosen).toMatch(/^Accuracy: /);
    expect(correction.flip_target).toBe("word");
  });

  it("writes TRL JSONL with the pair, audio, split, source, target, distance and weight; same seed → same bytes", async () => {
    const a = path.join(dir, "a.jsonl");
    const b = path.join(dir, "b.jsonl");
    const c = path.join(dir, "c.jsonl");
    await exportDpo(db, { dataset: "mini", source: "label_flip", format: "trl", out: a, seed: 11 });
    await exportDpo(db, { dataset: "mini", source: "label_flip", format: "trl", out: b, seed: 11 });
    await exportDpo(db, { dataset: "mini", source: "label_flip", format: "trl", out: c, seed: 12 });
    const bytesA = await readFile(a);
    expect(Buffer.compare(bytesA, await readFile(b))).toBe(0);
    expect(Buffer.compare(bytesA, await readFile(c))).not.toBe(0);
    const rows = bytesA.toString("utf8").trim().split("\n").map((l) => JSON.parse(l));
    for (const r of rows) {
      expect(Object.keys(r)).toEqual(["prompt", "chosen", "rejected", "audio", "utt_id", "split", "source", "flip_target", "distance", "dpo_weight"]);
      expect(r).toMatchObject({ split: "test", source: "label_flip" });
      expect(r.dpo_weight).toBe(1 + 0.5 * Math.abs(r.distance));
      expect(r.distance).not.toBe(0);
      expect(r.prompt).toContain(r.chosen.split("\n")[3].replace(/\/\w+/g, "").replace("Words: ", ""));
    }
    expect(await db.prisma.auditLog.count({ where: { action: "export.dpo" } })).toBeGreaterThanOrEqual(4);
  });

  it("writes, when asked, the path each recording was imported from; items imported before that was kept get it from a re-import", async () => {
    const out = path.join(dir, "source", "pairs.jsonl");
    const s = await exportDpo(db, { dataset: "mini", source: "label_flip", format: "trl", out, audio: "source" });
    expect(s).toMatchObject({ audio: "source", recordings: 0 });
    const rows = (await readFile(out, "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    const wavScp = new Map((await readFile(path.join(corpus, "test/wav.scp"), "utf8")).trim().split("\n").map((l) => l.split(/\s+/) as [string, string]));
    for (const r of rows) expect(r.audio).toBe(path.resolve(corpus, wavScp.get(r.utt_id)!));
    expect(await readdir(path.dirname(out))).toEqual(["pairs.jsonl"]);

    // A dataset imported before Attest kept import paths: refused by name, then a re-import records them.
    await db.prisma.item.updateMany({ data: { audioSource: null } });
    const again = path.join(dir, "source", "again.jsonl");
    await expect(exportDpo(db, { dataset: "mini", source: "label_flip", format: "trl", out: again, audio: "source" })).rejects.toThrow(/no import path recorded.*import the dataset again/);
    expect(await readdir(path.dirname(out))).toEqual(["pairs.jsonl"]);
    const re = await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
    expect(re).toMatchObject({ new_items: 0, unchanged_items: 6 });
    await exportDpo(db, { dataset: "mini", source: "label_flip", format: "trl", out: again, audio: "source" });
    expect(await readFile(again, "utf8")).toBe(await readFile(out, "utf8"));
  });

  it("refuses to overwrite another recording in the export folder and leaves nothing of its own", async () => {
    const folder = path.join(dir, "taken");
    const first = (await db.prisma.item.findFirstOrThrow({ orderBy: { uttId: "asc" } })).uttId;
    await mkdir(path.join(folder, "audio"), { recursive: true });
    await writeFile(path.join(folder, "audio", `${first}.wav`), "not this recording");
    await expect(exportDpo(db, { dataset: "mini", source: "label_flip", format: "csv", out: path.join(folder, "pairs.csv") })).rejects.toThrow(/already holds another recording/);
    expect(await readdir(folder)).toEqual(["audio"]);
    expect(await readdir(path.join(folder, "audio"))).toEqual([`${first}.wav`]);
  });

  it("filters by split", async () => {
    const s = await exportDpo(db, { dataset: "mini", source: "label_flip", format: "trl", out: path.join(dir, "train.jsonl"), splits: ["train"] });
    expect(s.rows).toBe(0);
  });
});

describe("export commands", () => {
  it("print {rows, out, seconds} with --json and progress on stderr", async () => {
    const env = { ATTEST_DATA_DIR: await mkdtemp(path.join(tmpdir(), "attest-cli-export-")), DATABASE_URL: "" };
    const corpus = await miniCorpus(3);
    expect(runCli(["import", "speechocean762", corpus, "--dataset", "mini", "--split", "test", "--json"], env).status).toBe(0);
    const out = path.join(env.ATTEST_DATA_DIR, "p.csv");
    const r = runCli(["export", "dpo", "--dataset", "mini", "--source", "label_flip", "--format", "csv", "--out", out, "--seed", "3", "--json"], env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(r.json).toMatchObject({ out, rows: expect.any(Number), seconds: expect.any(Number) });
    expect(r.json.rows).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/pairs/);
    const so = runCli(["export", "speechocean762", "--dataset", "mini", "--out", path.join(env.ATTEST_DATA_DIR, "so"), "--json"], env);
    expect(so.status, so.stderr).toBe(0);
    expect(so.json).toMatchObject({ rows: 3, seconds: expect.any(Number), out: path.join(env.ATTEST_DATA_DIR, "so") });
    expect(so.stderr).toMatch(/items: 3\/3/);
    expect(r.json).toMatchObject({ audio: "copy", recordings: 3 });
    const src = runCli(["export", "dpo", "--dataset", "mini", "--source", "label_flip", "--format", "csv", "--audio", "source", "--out", path.join(env.ATTEST_DATA_DIR, "src", "p.csv"), "--json"], env);
    expect(src.status, src.stderr).toBe(0);
    expect(src.json).toMatchObject({ audio: "source", recordings: 0 });
    const csv: Record<string, string>[] = parse(await readFile(path.join(env.ATTEST_DATA_DIR, "src", "p.csv"), "utf8"), { columns: true });
    expect(csv[0].audio_path.startsWith(path.resolve(corpus))).toBe(true);
    const bad = runCli(["export", "dpo", "--dataset", "mini", "--source", "nope", "--format", "csv", "--out", out], env);
    expect(bad.status).toBe(2);
    const badAudio = runCli(["export", "dpo", "--dataset", "mini", "--source", "label_flip", "--format", "csv", "--audio", "link", "--out", out], env);
    expect(badAudio.status).toBe(2);
    expect(badAudio.stderr).toMatch(/--audio must be copy or source, got "link"/);
  }, 600_000);
});
