// The rationale-audit review loop on every test database: flagged rationales go to a REVIEW round
// (flagged items only, chosen raters only), and the flags are scored against raters' answers.
// Predictions, RationaleAudit and MentionAnswer rows are seeded directly.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { TEST_DATABASES, openMigrated } from "../helpers/databases";
import { miniCorpus } from "../helpers/corpus";
import type { Db } from "@/lib/db/client";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { sendFlaggedToReview, flagAgreement } from "@/lib/services/audit-review";
import { splitRationale } from "@/lib/rater/rationale-statements";
import { parseResponse } from "@/lib/inference/response/parse-response";

const response = (a: string, b: string) => `Accuracy: Good\nFluency: Good\nProsody: Average\n\nThe word "${a}" was clear. Then "${b}" came out wrong.`;

describe.each(TEST_DATABASES)("audit review loop on $name", (t) => {
  let db: Db;
  let raters: string[];
  let datasetId: string;
  let items: { id: string; words: string[] }[];
  let m1: string;
  let m2: string;
  const preds: Record<string, { id: string; keys: { a: string; b: string } }> = {};

  /** A prediction whose two quoted words are mentions; the audit gives each mention a verdict. */
  async function seedPrediction(model: string, item: (typeof items)[number], verdicts: { a: string; b: string }, flags: string[]) {
    const [a, b] = [item.words[0], item.words[1]];
    const text = response(a, b);
    const p = await db.prisma.prediction.create({ data: { modelVersionId: model, itemId: item.id, response: text, sentence: {}, words: [], phones: [] } });
    const mentions = splitRationale(parseResponse(text).rationale, item.words).flatMap((s) => s.mentions);
    const find = (w: string) => mentions.find((m) => m.text.toLowerCase() === `"${w.toLowerCase()}"`)!;
    const [ma, mb] = [find(a), find(b)];
    const audit = (m: typeof ma, v: string) => ({ key: `word:${m.start}-${m.end}`, type: "word", text: m.text, start: m.start, end: m.end, prediction: null, consensus: null, vsPrediction: "agrees", vsConsensus: v });
    await db.prisma.rationaleAudit.create({
      data: {
        predictionId: p.id,
        granularity: "word",
        mentions: { items: [audit(ma, verdicts.a), audit(mb, verdicts.b)] },
        flags: flags.map((code) => ({ granularity: "word", code, severity: "high", mention: null, evidence: {} })),
        flagged: flags.length > 0,
      },
    });
    return { id: p.id, keys: { a: ma.key, b: mb.key } };
  }

  beforeAll(async () => {
    db = await openMigrated(t);
    const corpus = await miniCorpus(3);
    await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
    datasetId = (await db.prisma.dataset.findFirstOrThrow()).id;
    const rows = await db.prisma.item.findMany({ where: { datasetId }, orderBy: { uttId: "asc" }, include: { words: { orderBy: { index: "asc" } } } });
    items = rows.map((r) => ({ id: r.id, words: r.words.map((w) => w.text) }));
    // Two distinct words per item so that both quoted mentions resolve.
    expect(items.every((i) => i.words.length >= 2 && i.words[0].toLowerCase() !== i.words[1].toLowerCase())).toBe(true);
    raters = [];
    for (const n of [1, 2, 3]) raters.push((await createUser(db, { email: `r${n}@example.org`, password: "correct horse battery", role: "rater" })).id);
    m1 = (await db.prisma.modelVersion.create({ data: { name: "m1", kind: "FILE" } })).id;
    m2 = (await db.prisma.modelVersion.create({ data: { name: "m2", kind: "FILE" } })).id;
    // m1: items 0 and 1 flagged (1 under both codes), item 2 clean. m2: item 2 flagged.
    preds.A = await seedPrediction(m1, items[0], { a: "contradicts", b: "agrees" }, ["contradicts_consensus"]);
    preds.B = await seedPrediction(m1, items[1], { a: "not_in_utterance", b: "agrees" }, ["contradicts_consensus", "not_in_utterance"]);
    preds.C = await seedPrediction(m1, items[2], { a: "agrees", b: "agrees" }, []);
    preds.D = await seedPrediction(m2, items[2], { a: "contradicts", b: "agrees" }, ["contradicts_consensus"]);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("sends the flagged items only to the chosen raters, as a REVIEW round", async () => {
    const r = await sendFlaggedToReview(db, { modelId: m1, datasetId, raterIds: [raters[0], raters[1]], createdById: null, seed: 5, name: "review all" });
    expect(r).toMatchObject({ name: "review all", items: 2, assignments: 4 });
    const round = await db.prisma.round.findUniqueOrThrow({ where: { id: r.id } });
    expect(round.kind).toBe("REVIEW");
    expect(round.settings).toMatchObject({ modelVersionId: m1, showModel: "alongside", raterIds: [raters[0], raters[1]] });
    const as = await db.prisma.assignment.findMany({ where: { roundId: r.id } });
    expect(new Set(as.map((a) => a.itemId))).toEqual(new Set([items[0].id, items[1].id]));
    expect(new Set(as.map((a) => a.raterId))).toEqual(new Set([raters[0], raters[1]]));
    for (const rater of [raters[0], raters[1]]) {
      expect(as.filter((a) => a.raterId === rater).map((a) => a.position).sort()).toEqual([0, 1]);
    }

    // A flag code narrows the items; m2's flags never leak into m1's review.
    const byCode = await sendFlaggedToReview(db, { modelId: m1, datasetId, raterIds: [raters[2]], createdById: null, code: "not_in_utterance", name: "review niu" });
    expect(byCode).toMatchObject({ items: 1, assignments: 1 });
    expect((await db.prisma.assignment.findMany({ where: { roundId: byCode.id } })).map((a) => [a.itemId, a.raterId])).toEqual([[items[1].id, raters[2]]]);
    const other = await sendFlaggedToReview(db, { modelId: m2, datasetId, raterIds: [raters[2]], createdById: null, name: "review m2" });
    expect((await db.prisma.assignment.findMany({ where: { roundId: other.id } })).map((a) => a.itemId)).toEqual([items[2].id]);
  });

  it("creates nothing when there is nothing to review or nobody to review it", async () => {
    const before = await db.prisma.round.count();
    await expect(sendFlaggedToReview(db, { modelId: m1, datasetId, raterIds: [raters[0]], createdById: null, code: "missed_errors" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const researcher = await createUser(db, { email: "res@example.org", password: "correct horse battery", role: "researcher" });
    await expect(sendFlaggedToReview(db, { modelId: m1, datasetId, raterIds: [researcher.id], createdById: null })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await db.prisma.round.count()).toBe(before);
  });

  it("scores flags against the raters' majority answer per mention", async () => {
    expect(await flagAgreement(db, m1, datasetId)).toEqual({ answered: 0, flaggedAndIncorrect: 0, flagged: 0, incorrect: 0, precision: null, recall: null });
    const answer = (pred: string, rater: string, mentionKey: string, a: string) => db.prisma.mentionAnswer.create({ data: { predictionId: pred, raterId: rater, mentionKey, answer: a } });
    // A.a flagged, both raters say incorrect → a hit.
    await answer(preds.A.id, raters[0], preds.A.keys.a, "incorrect");
    await answer(preds.A.id, raters[1], preds.A.keys.a, "incorrect");
    // A.b not flagged, a tie → left out; "can't tell" and the trust question never count.
    await answer(preds.A.id, raters[0], preds.A.keys.b, "incorrect");
    await answer(preds.A.id, raters[1], preds.A.keys.b, "correct");
    await answer(preds.A.id, raters[2], preds.A.keys.b, "cant_tell");
    await answer(preds.A.id, raters[0], "trust", "no");
    // B.a flagged, raters say correct → a false alarm.
    await answer(preds.B.id, raters[0], preds.B.keys.a, "correct");
    // B.b not flagged, majority incorrect → a miss.
    await answer(preds.B.id, raters[0], preds.B.keys.b, "incorrect");
    await answer(preds.B.id, raters[1], preds.B.keys.b, "incorrect");
    await answer(preds.B.id, raters[2], preds.B.keys.b, "correct");
    // Another model's answers are not m1's business.
    await answer(preds.D.id, raters[0], preds.D.keys.a, "incorrect");

    expect(await flagAgreement(db, m1, datasetId)).toEqual({ answered: 3, flaggedAndIncorrect: 1, flagged: 2, incorrect: 2, precision: 0.5, recall: 0.5 });
    expect(await flagAgreement(db, m2, datasetId)).toEqual({ answered: 1, flaggedAndIncorrect: 1, flagged: 1, incorrect: 1, precision: 1, recall: 1 });
  });
});
