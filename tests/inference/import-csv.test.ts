// Provider (d) from a CSV in the SpeechLLM training columns (METRICS.md preference pairs): the
// utterance from utt_id or audio_path's stem, the response from `response` else `chosen`; bad rows
// are reported with their line numbers and skipped, never fatal.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { importResponses } from "@/lib/inference/register";
import { parseResponsesCsv } from "@/lib/inference/responses-csv";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { miniCorpus } from "../helpers/corpus";
import { openMigrated, TEST_DATABASES } from "../helpers/databases";

const COLUMNS = ["audio_path", "transcript", "target_phonemes", "chosen", "rejected", "dpo_weight", "flip_target"];
const GOOD = "Accuracy: Good\nFluency: Excellent\nProsody: Average\nThe speech is clear, with one slip.";

describe("parseResponsesCsv", () => {
  it("prefers utt_id and response columns, reports the starting line of multi-line records", () => {
    const text = stringify([["utt_id", "audio_path", "response", "chosen"], ["u1", "WAVE/S1/other.WAV", "R1\nsecond line", "C1"], ["", "", "R2", ""], ["u3", "", "", "C3"]]);
    const r = parseResponsesCsv(text, "x.csv");
    expect(r.rows).toEqual([{ line: 2, uttId: "u1", response: "R1\nsecond line" }]);
    expect(r.problems.map((p) => p.line)).toEqual([4, 5]);
  });
  it("refuses a header without an utterance or a response column", () => {
    expect(parseResponsesCsv("transcript,rejected\nA,B\n", "x.csv").problems[0].message).toMatch(/neither "utt_id" nor "audio_path"/);
  });
});

describe.each(TEST_DATABASES)("CSV responses import on $name", (t) => {
  let db: Db;
  let dir: string;
  beforeAll(async () => {
    process.env.ATTEST_DATA_DIR ??= await mkdtemp(path.join(tmpdir(), "attest-csv-data-"));
    db = await openMigrated(t);
    await importSpeechocean762(db, { dir: await miniCorpus(3, "test"), dataset: "mini", split: "test" });
    dir = await mkdtemp(path.join(tmpdir(), "attest-csv-"));
  });
  afterAll(async () => db?.close());

  it("imports the SpeechLLM training CSV columns, merging pair rows and skipping bad rows by line", async () => {
    const items = await db.prisma.item.findMany({ orderBy: { uttId: "asc" } });
    const row = (audio: string, chosen: string, rejected = "Accuracy: Bad") => [audio, "TEXT", "AH B", chosen, rejected, "1.5", "acc"];
    const file = path.join(dir, "pairs.csv");
    await writeFile(file, stringify([
      COLUMNS,
      row(`WAVE/SPEAKER/${items[0].uttId}.WAV`, GOOD), // lines 2–5 (the response spans four lines)
      row(`WAVE/SPEAKER/${items[0].uttId}.WAV`, GOOD, "Accuracy: Worst"), // same chosen: merged
      row(`WAVE/SPEAKER/${items[1].uttId}.WAV`, "Words: ONLY/Bad\nVerdict: ?"),
      row("WAVE/SPEAKER/999999999.WAV", GOOD), // unknown utterance
      row(`WAVE/SPEAKER/${items[2].uttId}.WAV`, ""), // empty chosen
      row(`WAVE/SPEAKER/${items[1].uttId}.WAV`, "Accuracy: Excellent"), // conflicting second response
    ]) + '"broken,"unclosed\n');
    const r: any = await importResponses(db, "llm-csv", "mini", file);
    expect(r).toMatchObject({ kind: "FILE", format: "csv", predictions: 2, merged_rows: 1 });
    const lines = r.problems.map((p: any) => p.line);
    expect(lines.slice(0, 3)).toEqual([12, 16, 17]); // rows start on lines 2, 6, 10, 12, 16, 17 (responses span lines)
    expect(r.problems.map((p: any) => p.message).join("\n")).toMatch(/no item "999999999"[\s\S]*empty chosen[\s\S]*already has a different response \(line 10\)[\s\S]*unreadable CSV record/);
    const preds = await db.prisma.prediction.findMany({ where: { modelVersion: { name: "llm-csv" } }, include: { item: true } });
    expect(preds.map((p) => p.item.uttId).sort()).toEqual([items[0].uttId, items[1].uttId]);
    const first = preds.find((p) => p.item.uttId === items[0].uttId)!;
    expect((first.sentence as any).accuracy.label).toBe("Good");
    expect(first.response).toBe(GOOD);
    expect(preds.find((p) => p.item.uttId === items[1].uttId)!.parseWarnings.length).toBeGreaterThan(0);

    await writeFile(file, stringify([COLUMNS, row("WAVE/X/nope.WAV", GOOD)]));
    const err = await importResponses(db, "llm-csv-2", "mini", file).catch((e) => e);
    expect(err.message).toMatch(/no usable row/);
    expect(err.problems[0]).toMatchObject({ line: 2 });
    expect(await db.prisma.modelVersion.findUnique({ where: { name: "llm-csv-2" } })).toBeNull();
  });
});
