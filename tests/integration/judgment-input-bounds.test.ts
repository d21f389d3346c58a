// A judgment's arrays are bounded by the item's shape before any per-element work, and error lists
// are capped by a count, so an oversized body costs little and answers briefly.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { TEST_DATABASES, openMigrated } from "../helpers/databases";
import { miniCorpus } from "../helpers/corpus";
import type { Db } from "@/lib/db/client";
import { AppError, capProblems, MAX_PROBLEMS } from "@/lib/errors";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { saveJudgment } from "@/lib/services/judgments";
import { saveOwnAlignment } from "@/lib/services/rater-workspace";

describe("capProblems", () => {
  it("keeps the first problems and says how many more there were", () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({ field: `words.${i}`, message: "unknown" }));
    const capped = capProblems(many);
    expect(capped).toHaveLength(MAX_PROBLEMS + 1);
    expect(capped.slice(0, MAX_PROBLEMS)).toEqual(many.slice(0, MAX_PROBLEMS));
    expect(capped[MAX_PROBLEMS].message).toBe(`… and ${(100_000 - MAX_PROBLEMS).toLocaleString("en-US")} more`);
    expect(capProblems(many.slice(0, 3))).toEqual(many.slice(0, 3));
  });
});

describe.each(TEST_DATABASES)("judgment input bounds on $name", (t) => {
  let db: Db;
  let rater: string;
  let assignment: string;
  let shape: { words: number; phones: number };

  beforeAll(async () => {
    db = await openMigrated(t);
    await importSpeechocean762(db, { dir: await miniCorpus(1), dataset: "mini", split: "test" });
    rater = (await createUser(db, { email: "r@example.org", password: "correct horse battery", role: "rater" })).id;
    const ds = await db.prisma.dataset.findFirstOrThrow();
    const item = await db.prisma.item.findFirstOrThrow({ include: { _count: { select: { words: true, phones: true } } } });
    shape = { words: item._count.words, phones: item._count.phones };
    const round = await db.prisma.round.create({ data: { datasetId: ds.id, name: "r", kind: "RATING" } });
    assignment = (await db.prisma.assignment.create({ data: { roundId: round.id, itemId: item.id, raterId: rater } })).id;
  });
  afterAll(async () => db?.close());

  const refusal = async (p: Promise<unknown>): Promise<AppError> => {
    const e = await p.then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  };

  it("refuses more words or phones than the item has, by count, before looking at any of them", async () => {
    const words = Array.from({ length: 100_000 }, (_, i) => ({ wordId: `nope-${i}`, accuracy: 5 }));
    const e = await refusal(saveJudgment(db, rater, assignment, { status: "DRAFT", baseRevision: null, words }));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.problems).toEqual([{ field: "words", message: `100,000 words given; this item has ${shape.words}` }]);
    // The elements were never parsed: a malformed one changes nothing in the answer.
    const odd = [...words.slice(0, 99_999), { wordId: 42 } as never];
    expect((await refusal(saveJudgment(db, rater, assignment, { status: "DRAFT", baseRevision: null, words: odd }))).problems).toEqual(e.problems);
    const phones = Array.from({ length: shape.phones + 1 }, (_, i) => ({ phoneId: `p${i}`, score: 1 }));
    expect((await refusal(saveJudgment(db, rater, assignment, { status: "DRAFT", baseRevision: null, phones }))).problems).toEqual([
      { field: "phones", message: `${shape.phones + 1} phones given; this item has ${shape.phones}` },
    ]);
    expect(await db.prisma.judgment.count({ where: { assignmentId: assignment } })).toBe(0);
  });

  it("refuses more alignment spans than the item has words and phones", async () => {
    const spans = Array.from({ length: shape.words + shape.phones + 1 }, () => ({ wordId: "x", startSec: 0, endSec: 0.1 }));
    const e = await refusal(saveOwnAlignment(db, rater, assignment, spans));
    expect(e.problems).toEqual([{ field: "spans", message: `${spans.length} spans given; this item has ${shape.words} words and ${shape.phones} phones` }]);
  });
});
