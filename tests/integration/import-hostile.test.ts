import { describe, it, expect, beforeAll, afterAll } from "vitest";
import fc from "fast-check";
import { mkdtemp, readFile, writeFile, cp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { TEST_DATABASES, openMigrated } from "../helpers/databases";
import { miniCorpus } from "../helpers/corpus";

const counts = async (db: Db) => [await db.prisma.dataset.count(), await db.prisma.item.count(), await db.prisma.judgment.count()];

describe("the importer under hostile input", () => {
  let db: Db;
  let base: string;
  beforeAll(async () => {
    process.env.ATTEST_DATA_DIR = await mkdtemp(path.join(tmpdir(), "attest-hostile-"));
    db = await openMigrated(TEST_DATABASES[0]);
    base = await miniCorpus(2);
  });
  afterAll(async () => db?.close());

  it("refuses an audio path that leaves the corpus folder", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "attest-trav-"));
    await cp(base, dir, { recursive: true });
    const scp = path.join(dir, "test/wav.scp");
    const lines = (await readFile(scp, "utf8")).trim().split("\n");
    const [utt] = lines[0].split("\t");
    lines[0] = `${utt}\t../../../../etc/passwd`;
    await writeFile(scp, lines.join("\n") + "\n");
    const err = await importSpeechocean762(db, { dir, dataset: "trav", split: "test" }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.problems).toContainEqual(expect.objectContaining({ utterance: utt, field: "audio", message: expect.stringMatching(/outside the corpus folder/) }));
    expect(await counts(db)).toEqual([0, 0, 0]);
  });

  it("leaves no record when writing the audio fails", async () => {
    const saved = process.env.ATTEST_DATA_DIR;
    const broken = await mkdtemp(path.join(tmpdir(), "attest-diskfail-"));
    await writeFile(path.join(broken, "audio"), "not a folder"); // every audio write fails (ENOTDIR)
    process.env.ATTEST_DATA_DIR = broken;
    try {
      const before = await counts(db);
      const err = await importSpeechocean762(db, { dir: base, dataset: "diskfail", split: "test" }).catch((e) => e);
      expect(String(err) + JSON.stringify(err.problems ?? [])).toMatch(/ENOTDIR|not a directory/i);
      expect(await counts(db)).toEqual(before);
    } finally {
      process.env.ATTEST_DATA_DIR = saved;
    }
  });

  it("never crashes and never half-writes on randomly corrupted scores", async () => {
    const detailFile = path.join(base, "resource/scores-detail.json");
    const original = JSON.parse(await readFile(detailFile, "utf8"));
    const utts = Object.keys(original);
    const junk = fc.oneof(fc.constant(null), fc.string(), fc.double(), fc.integer({ min: -100, max: 100 }), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }), fc.object({ maxDepth: 1 }));
    const mutation = fc.record({
      utt: fc.constantFrom(...utts),
      key: fc.constantFrom("accuracy", "fluency", "prosodic", "completeness", "total", "words", "text"),
      word: fc.nat({ max: 3 }),
      wordKey: fc.constantFrom("accuracy", "stress", "total", "phones", "text", null),
      index: fc.nat({ max: 5 }),
      value: junk,
    });
    let n = 0;
    let accepted = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const dir = await mkdtemp(path.join(tmpdir(), "attest-fuzz-"));
        await cp(base, dir, { recursive: true });
        const d = structuredClone(original);
        const u = d[m.utt];
        if (m.wordKey && Array.isArray(u.words) && u.words[m.word]) {
          const w = u.words[m.word];
          if (Array.isArray(w[m.wordKey])) w[m.wordKey][m.index] = m.value;
          else w[m.wordKey] = m.value;
        } else if (Array.isArray(u[m.key])) u[m.key][m.index] = m.value;
        else u[m.key] = m.value;
        await writeFile(path.join(dir, "resource/scores-detail.json"), JSON.stringify(d));
        const before = await counts(db);
        const name = `fuzz-${n++}`;
        try {
          await importSpeechocean762(db, { dir, dataset: name, split: "test" });
          await db.prisma.dataset.delete({ where: { name } }); // accepted: the value was valid after all
          accepted++;
        } catch (e) {
          expect(e, String(e)).toBeInstanceOf(AppError);
          expect((e as AppError).problems.length).toBeGreaterThan(0);
          expect((e as AppError).problems.filter((p) => /cannot read/.test(p.message))).toEqual([]);
          expect(await counts(db)).toEqual(before);
          rejected++;
        }
      }),
      { numRuns: 40, seed: 762 },
    );
    // Most corruptions are caught; the run must have reached the validator, not failed on files.
    expect(rejected).toBeGreaterThan(20);
  });
});
