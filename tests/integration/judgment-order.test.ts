// Issue 16.9 (a): a rater's judgment is read back with its words and phones in the item's order
// (word index, phone position), whatever order the database keeps or indexes the rows in. An
// unordered read followed the score rows' key order (the word and phone ids), which need not be the
// item's order: here the item's words and phones are renumbered back to front after the import.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { TEST_DATABASES, openMigrated } from "../helpers/databases";
import { miniCorpus } from "../helpers/corpus";
import type { Db } from "@/lib/db/client";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { createRound } from "@/lib/services/rounds";
import { getOwnJudgment, saveJudgment } from "@/lib/services/judgments";

describe.each(TEST_DATABASES)("a judgment read back in item order on $name", (t) => {
  let db: Db;
  beforeAll(async () => {
    db = await openMigrated(t);
    await importSpeechocean762(db, { dir: await miniCorpus(2), dataset: "mini", split: "test" });
  });
  afterAll(async () => {
    await db?.close();
  });

  it("returns words by index and phones by position after rows were rewritten out of order", async () => {
    const rater = await createUser(db, { email: "order@example.org", password: "correct horse battery", role: "rater" });
    const ds = await db.prisma.dataset.findFirstOrThrow();
    await createRound(db, { datasetId: ds.id, name: "order", k: 1, raterIds: [rater.id] }, null);
    const a = await db.prisma.assignment.findFirstOrThrow({ where: { raterId: rater.id }, orderBy: { position: "asc" } });
    // Ids no longer in item order: reverse the item's word indices and phone positions (in two
    // steps each, so that the unique keys hold after every statement).
    await db.runner.query(`UPDATE "Word" SET index = index + 1000 WHERE "itemId" = $1`, [a.itemId]);
    await db.runner.query(`UPDATE "Word" SET index = (SELECT count(*) FROM "Word" w WHERE w."itemId" = $1) - 1 - (index - 1000) WHERE "itemId" = $1`, [a.itemId]);
    await db.runner.query(`UPDATE "Phone" p SET index = (SELECT count(*) FROM "Phone" q WHERE q."wordId" = p."wordId") - 1 - p.index WHERE p."itemId" = $1`, [a.itemId]);
    await db.runner.query(`UPDATE "Phone" SET position = position + 1000 WHERE "itemId" = $1`, [a.itemId]);
    await db.runner.query(`UPDATE "Phone" SET position = (SELECT count(*) FROM "Phone" p WHERE p."itemId" = $1) - 1 - (position - 1000) WHERE "itemId" = $1`, [a.itemId]);
    const words = await db.prisma.word.findMany({ where: { itemId: a.itemId }, orderBy: { index: "asc" }, include: { phones: { orderBy: { index: "asc" } } } });
    const phones = await db.prisma.phone.findMany({ where: { itemId: a.itemId }, orderBy: { position: "asc" } });
    expect(words.length).toBeGreaterThan(1);
    // Sent in reverse order; then the first word's and first phone's rows are rewritten (moved).
    const r = await saveJudgment(db, rater.id, a.id, {
      status: "DRAFT",
      baseRevision: null,
      sentence: { accuracy: 8, fluency: 7, prosody: 6, completeness: 1 },
      words: words.map((w) => ({ wordId: w.id, accuracy: 9, stress: 10 })).reverse(),
      phones: phones.map((p) => ({ phoneId: p.id, score: 2 })).reverse(),
    });
    expect(r.ok).toBe(true);
    await db.runner.query(`UPDATE "WordScore" SET accuracy = 8 WHERE "wordId" = $1`, [words[0].id]);
    await db.runner.query(`UPDATE "PhoneScore" SET score = 1 WHERE "phoneId" = $1`, [phones[0].id]);
    const j = (await getOwnJudgment(db, rater.id, a.id))!;
    expect(j.words.map((w) => w.wordId)).toEqual(words.map((w) => w.id));
    expect(j.phones.map((p) => p.phoneId)).toEqual(phones.map((p) => p.id));
    expect(j.words[0].accuracy).toBe(8);
    expect(j.phones[0].score).toBe(1);
  });
});
