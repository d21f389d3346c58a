// Round trip: import speechocean762 → export speechocean762 gives back the input's values (and the
// Kaldi files byte for byte); the export is itself a valid corpus that imports again.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { existsSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { TEST_DATABASES, openMigrated } from "../helpers/databases";
import { miniCorpus, readJson, requireCorpus } from "../helpers/corpus";
import type { Db } from "@/lib/db/client";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { exportSpeechocean762 } from "@/lib/exports/export-speechocean762";

const KALDI = ["text", "wav.scp", "utt2spk", "spk2utt", "spk2age", "spk2gender"];

async function expectSameValues(src: string, out: string, split: "test" | "train") {
  for (const f of ["scores.json", "scores-detail.json"]) {
    const input = await readJson(path.join(src, "resource", f));
    const output = await readJson(path.join(out, "resource", f));
    const ids = (await readFile(path.join(src, split, "text"), "utf8")).split("\n").filter(Boolean).map((l) => l.split(/\s/)[0]);
    expect(Object.keys(output)).toEqual([...ids].sort());
    expect(output).toEqual(Object.fromEntries(ids.map((id) => [id, input[id]])));
  }
  for (const f of KALDI) {
    if (!existsSync(path.join(src, split, f))) continue; // miniCorpus writes no spk2utt
    expect(await readFile(path.join(out, split, f), "utf8"), f).toBe(await readFile(path.join(src, split, f), "utf8"));
  }
}

describe.each(TEST_DATABASES)("speechocean762 export on $name", (t) => {
  let db: Db;
  beforeAll(async () => {
    process.env.ATTEST_DATA_DIR = await mkdtemp(path.join(tmpdir(), "attest-export-"));
    db = await openMigrated(t);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("reproduces a mini corpus' values, and the export imports again unchanged", async () => {
    const src = await miniCorpus(8);
    await importSpeechocean762(db, { dir: src, dataset: "mini", split: "test" });
    const out = await mkdtemp(path.join(tmpdir(), "attest-so762-out-"));
    const summary = await exportSpeechocean762(db, { dataset: "mini", out });
    expect(summary).toMatchObject({ rows: 8, out, raters: 5, with_consensus: 8 });
    expect(typeof summary.seconds).toBe("number");
    await expectSameValues(src, out, "test");
    // The exported audio is the input audio.
    const wav = (await readFile(path.join(src, "test/wav.scp"), "utf8")).split("\n")[0].split("\t")[1];
    expect(Buffer.compare(await readFile(path.join(out, wav)), await readFile(path.join(src, wav)))).toBe(0);
    // Importing the export into another dataset and exporting again gives the same files.
    await importSpeechocean762(db, { dir: out, dataset: "mini-again", split: "test" });
    const out2 = await mkdtemp(path.join(tmpdir(), "attest-so762-out2-"));
    await exportSpeechocean762(db, { dataset: "mini-again", out: out2 });
    for (const f of ["resource/scores.json", "resource/scores-detail.json", "resource/text-phone"]) {
      expect(await readFile(path.join(out2, f), "utf8"), f).toBe(await readFile(path.join(out, f), "utf8"));
    }
    const log = await db.prisma.auditLog.findMany({ where: { action: "export.speechocean762" } });
    expect(log).toHaveLength(2);
  });

  it("reproduces the full corpus' test split (bracket groups, missing 5th sentence ratings, completeness ×10)", async () => {
    const src = requireCorpus();
    await importSpeechocean762(db, { dir: src, dataset: "full-test", split: "test" });
    const out = await mkdtemp(path.join(tmpdir(), "attest-so762-full-"));
    const summary = await exportSpeechocean762(db, { dataset: "full-test", out, audio: false });
    expect(summary.rows).toBe(548);
    await expectSameValues(src, out, "test");
    // Python's float formatting: "10.0" stays a float, scores.json ints stay ints.
    const text = await readFile(path.join(out, "resource/scores.json"), "utf8");
    expect(text).toMatch(/"completeness": 10\.0,/);
    expect(text).toMatch(/"accuracy": \d+,/);
    const exported = JSON.parse(text);
    const tp = (await readFile(path.join(src, "resource/text-phone"), "utf8")).split("\n").filter((l) => l && l.split(".")[0] in exported);
    expect(await readFile(path.join(out, "resource/text-phone"), "utf8")).toBe(tp.join("\n") + "\n");
  });
});
