// Researcher review of a round: every rater's judgment of an item side by side with disagreements
// marked, an adjudicated consensus (Judgment kind ADJUDICATED), and per-rater statistics.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/schemas/parse";
import { SaveJudgmentSchema } from "@/lib/schemas/rater";
import { parseRubric } from "@/lib/rubric/rubric";
import { validateScores } from "@/lib/rater/validate-judgment";
import { isUniqueViolation, needsAttention, toOwnJudgment, type OwnJudgment } from "@/lib/services/judgments";
import { fittingValue, judgmentValue, scoreFields, type ScoreField } from "@/lib/rater/score-fields";
import { meanPrefill } from "@/lib/rater/adjudication";
import { predictionFactor } from "@/lib/rubric/label-bins";
import { roundPrediction } from "@/lib/services/model-panel";
import { assertRoundOpen, roundState } from "@/lib/services/round-lifecycle";

/** How far apart raters may be before a score is marked as a disagreement, per scale width. */
const DISAGREE_SHARE = 0.3;

const range = (xs: (number | null)[]) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length >= 2 ? Math.max(...v) - Math.min(...v) : 0;
};

export async function getRoundOrThrow(db: Db, roundId: string) {
  const r = await db.prisma.round.findUnique({ where: { id: roundId }, include: { dataset: { select: { id: true, name: true, rubric: true } } } });
  if (!r || r.kind === "IMPORT") throw new AppError("NOT_FOUND", `no round ${roundId}`);
  return r;
}

export async function getItemReview(db: Db, roundId: string, itemId: string) {
  const round = await getRoundOrThrow(db, roundId);
  const rubric = parseRubric(round.dataset.rubric);
  const item = await db.prisma.item.findFirst({
    where: { id: itemId, datasetId: round.datasetId },
    include: { words: { orderBy: { index: "asc" }, include: { phones: { orderBy: { index: "asc" } } } } },
  });
  if (!item) throw new AppError("NOT_FOUND", `no item ${itemId} in this round's dataset`);
  const order = { wordIds: item.words.map((w) => w.id), phoneIds: item.words.flatMap((w) => w.phones.map((p) => p.id)) };
  const assignments = await db.prisma.assignment.findMany({
    where: { roundId, itemId },
    include: { rater: { select: { email: true, name: true } }, judgment: { include: { wordScores: true, phoneScores: true } } },
    orderBy: { rater: { email: "asc" } },
  });
  const raters = assignments.map((a) => ({
    rater: a.rater.name ?? a.rater.email,
    status: a.status,
    isGold: a.isGold,
    skipReason: a.skipReason,
    judgment: a.judgment && a.judgment.status === "SUBMITTED" ? toOwnJudgment(a.judgment, order) : null,
  }));
  const js = raters.map((r) => r.judgment).filter((j): j is OwnJudgment => !!j);
  const fields = scoreFields(rubric, item.words);
  // A disagreement: any difference on a scale of a few allowed values (stress, phones), else a
  // spread of at least 30% of the scale.
  const disagreements = fields
    .filter((f) => {
      const spread = range(js.map((j) => fittingValue(f, judgmentValue(f, j))));
      return f.scale.values ? spread > 0 : spread >= DISAGREE_SHARE * (f.scale.max - f.scale.min);
    })
    .map((f) => f.key);
  const adj = await db.prisma.judgment.findUnique({ where: { key: `c:${itemId}:ADJUDICATED` }, include: { wordScores: true, phoneScores: true } });
  const prediction = await roundPrediction(db, round.settings, itemId);
  return {
    round: { id: round.id, name: round.name, dataset: round.dataset.name },
    item: { id: item.id, uttId: item.uttId, text: item.text, words: item.words.map((w) => ({ id: w.id, text: w.text, phones: w.phones.map((p) => ({ id: p.id, symbol: p.symbol })) })) },
    rubric,
    raters,
    disagreements,
    /** The round's model on the rubric's scales (completeness 0-1), by field key, or null without a prediction. */
    model: prediction ? { name: prediction.modelVersion.name, values: modelValues(fields, prediction) } : null,
    /** Where the adjudication form starts: the raters' mean rounded to the scale; a halfway mean is left empty. */
    prefill: Object.fromEntries(fields.map((f) => [f.key, meanPrefill(f.scale, js.map((j) => fittingValue(f, judgmentValue(f, j))))])),
    adjudicated: adj ? toOwnJudgment(adj, order) : null,
  };
}

type StoredPrediction = { sentence: unknown; words: unknown; phones: unknown };
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** A prediction's value and label per score field, its value put on the rubric's scale; fields it has nothing for are left out. */
export function modelValues(fields: ScoreField[], p: StoredPrediction): Record<string, { value: number | null; label: string | null }> {
  const sentence = (p.sentence ?? {}) as Record<string, { mean?: number; label?: string } | undefined>;
  const words = (p.words ?? []) as { accuracy?: number; label?: string }[];
  const phones = (p.phones ?? []) as { score?: number; label?: string }[];
  const wordIds = [...new Set(fields.filter((f) => f.granularity === "word").map((f) => f.targetId!))];
  const phoneIds = [...new Set(fields.filter((f) => f.granularity === "phone").map((f) => f.targetId!))];
  const out: Record<string, { value: number | null; label: string | null }> = {};
  for (const f of fields) {
    let raw: { value: number | null; label: string | null } | null = null;
    if (f.granularity === "sentence") {
      const s = sentence[f.aspect] ?? (f.aspect === "prosody" ? sentence.prosodic : undefined);
      if (s) raw = { value: num(s.mean), label: s.label ?? null };
    } else if (f.granularity === "word" && f.aspect === "accuracy" && words.length === wordIds.length) {
      // Words and phones line up by position, and only when the prediction has as many.
      const w = words[wordIds.indexOf(f.targetId!)];
      if (w) raw = { value: num(w.accuracy), label: w.label ?? null };
    } else if (f.granularity === "phone" && phones.length === phoneIds.length) {
      const ph = phones[phoneIds.indexOf(f.targetId!)];
      if (ph) raw = { value: num(ph.score), label: ph.label ?? null };
    }
    if (raw) out[f.key] = { value: raw.value === null ? null : raw.value / predictionFactor(f.granularity, f.scale.max), label: raw.label };
  }
  return out;
}

export type AdjudicateResult =
  | { ok: true; id: string; revision: number }
  | { ok: false; conflict: { message: string; theirs: OwnJudgment | null } };

/**
 * Saves (or revises) the adjudicated consensus of an item; every earlier state is kept. Like a
 * rater's save it carries the revision it was made on (`baseRevision`, null for a first one): when
 * someone saved another adjudication meanwhile, nothing is written and the answer is a conflict
 * with their version.
 */
export async function adjudicate(db: Db, researcherId: string, roundId: string, itemId: string, input: unknown): Promise<AdjudicateResult> {
  const data = parseOrThrow(SaveJudgmentSchema, { ...(input as object), status: "SUBMITTED" });
  assertRoundOpen(await getRoundOrThrow(db, roundId), "its items cannot be adjudicated");
  const review = await getItemReview(db, roundId, itemId);
  const { scores, problems, refused } = validateScores(data, review.rubric, review.item as never);
  if (refused.length || problems.length) throw new AppError("INVALID_INPUT", needsAttention([...refused, ...problems]), [...refused, ...problems]);
  const key = `c:${itemId}:ADJUDICATED`;
  const order = { wordIds: review.item.words.map((w) => w.id), phoneIds: review.item.words.flatMap((w) => w.phones.map((p) => p.id)) };
  const conflictWith = (prev: Awaited<ReturnType<typeof db.prisma.judgment.findUnique>> & object | null, theirs: OwnJudgment | null) => ({
    ok: false as const,
    conflict: {
      message: prev
        ? `another adjudication of this item was saved meanwhile (revision ${prev.revision}); you started from ${data.baseRevision === null ? "none" : `revision ${data.baseRevision}`}`
        : "the adjudication you started from no longer exists",
      theirs,
    },
  });
  try {
    return await db.prisma.$transaction(async (tx) => {
      const prev = await tx.judgment.findUnique({ where: { key }, include: { wordScores: true, phoneScores: true } });
      if ((prev?.revision ?? null) !== data.baseRevision) return conflictWith(prev, prev ? toOwnJudgment(prev, order) : null);
      const fields = { ...scores.sentence, comment: data.comment ?? null, raterId: researcherId, status: "SUBMITTED" as const, submittedAt: new Date() };
      let id: string;
      if (prev) {
        await tx.judgmentRevision.create({ data: { judgmentId: prev.id, revision: prev.revision, authorId: researcherId, data: JSON.parse(JSON.stringify(toOwnJudgment(prev))) } });
        // The revision in the WHERE: a concurrent save that got here first makes this one a conflict.
        const n = await tx.judgment.updateMany({ where: { id: prev.id, revision: prev.revision }, data: { ...fields, revision: prev.revision + 1 } });
        if (n.count !== 1) throw new AdjudicationRace();
        await tx.wordScore.deleteMany({ where: { judgmentId: prev.id } });
        await tx.phoneScore.deleteMany({ where: { judgmentId: prev.id } });
        id = prev.id;
      } else {
        id = (await tx.judgment.create({ data: { ...fields, key, kind: "ADJUDICATED", itemId } })).id;
      }
      await tx.wordScore.createMany({ data: scores.words.map((w) => ({ judgmentId: id, wordId: w.wordId, accuracy: w.accuracy, stress: w.stress, total: w.total, insertedPhones: w.inserted })) });
      await tx.phoneScore.createMany({ data: scores.phones.map((p) => ({ judgmentId: id, phoneId: p.phoneId, score: p.score, pronounced: p.pronounced })) });
      await tx.auditLog.create({ data: { userId: researcherId, action: "judgment.adjudicate", details: { roundId, itemId, judgmentId: id, revision: prev ? prev.revision + 1 : 1 } } });
      return { ok: true as const, id, revision: prev ? prev.revision + 1 : 1 };
    });
  } catch (e) {
    // Two first adjudications at once (the key is unique) or a revision moved on under us: theirs won.
    if (!(e instanceof AdjudicationRace) && !isUniqueViolation(e)) throw e;
    const prev = await db.prisma.judgment.findUnique({ where: { key }, include: { wordScores: true, phoneScores: true } });
    return conflictWith(prev, prev ? toOwnJudgment(prev, order) : null);
  }
}

class AdjudicationRace extends Error {}

const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Items of a round with their status, and per-rater statistics. */
export async function getRoundOverview(db: Db, roundId: string) {
  const round = await getRoundOrThrow(db, roundId);
  const as = await db.prisma.assignment.findMany({
    where: { roundId },
    include: { rater: { select: { id: true, email: true, name: true } }, item: { select: { id: true, uttId: true, text: true } }, judgment: { select: { total: true, durationMs: true, status: true } } },
  });
  const consensus = await db.prisma.judgment.findMany({
    where: { itemId: { in: [...new Set(as.map((a) => a.itemId))] }, kind: { in: ["ADJUDICATED", "PUBLISHED_CONSENSUS"] } },
    select: { itemId: true, kind: true, total: true },
  });
  const consensusTotal = new Map<string, number | null>();
  for (const c of consensus) if (c.kind === "ADJUDICATED" || !consensusTotal.has(c.itemId)) consensusTotal.set(c.itemId, c.total);
  const totalOf = (a: (typeof as)[number]) => (a.judgment?.status === "SUBMITTED" ? a.judgment.total : null);
  const items = new Map<string, { id: string; uttId: string; text: string; submitted: number; assigned: number; totals: number[]; adjudicated: boolean }>();
  for (const a of as) {
    const it = items.get(a.itemId) ?? { ...a.item, submitted: 0, assigned: 0, totals: [], adjudicated: consensus.some((c) => c.itemId === a.itemId && c.kind === "ADJUDICATED") };
    it.assigned++;
    const t = totalOf(a);
    if (t !== null) {
      it.submitted++;
      it.totals.push(t);
    }
    items.set(a.itemId, it);
  }
  const raters = new Map<string, { id: string; rater: string; assigned: number; done: number; skipped: number; times: number[]; diffs: number[]; gold: number; goldHits: number }>();
  for (const a of as) {
    const r = raters.get(a.raterId) ?? { id: a.raterId, rater: a.rater.name ?? a.rater.email, assigned: 0, done: 0, skipped: 0, times: [], diffs: [], gold: 0, goldHits: 0 };
    r.assigned++;
    if (a.status === "SKIPPED") r.skipped++;
    const t = totalOf(a);
    if (t !== null) {
      r.done++;
      if (a.judgment?.durationMs) r.times.push(a.judgment.durationMs);
      // Agreement with the others: |own total − mean of the other raters' totals| on shared items.
      const others = as.filter((b) => b.itemId === a.itemId && b.raterId !== a.raterId).map(totalOf).filter((x): x is number => x !== null);
      if (others.length) r.diffs.push(Math.abs(t - others.reduce((x, y) => x + y, 0) / others.length));
      const c = consensusTotal.get(a.itemId);
      if (a.isGold && c !== null && c !== undefined) {
        r.gold++;
        if (Math.abs(t - c) <= 1) r.goldHits++;
      }
    }
    raters.set(a.raterId, r);
  }
  return {
    round: { id: round.id, name: round.name, kind: round.kind, dataset: round.dataset.name, seed: round.seed, settings: round.settings, createdAt: round.createdAt, closedAt: round.closedAt, archivedAt: round.archivedAt, state: roundState(round) },
    items: [...items.values()]
      .map((i) => ({ id: i.id, uttId: i.uttId, text: i.text, assigned: i.assigned, submitted: i.submitted, spread: range(i.totals), adjudicated: i.adjudicated }))
      .sort((a, b) => a.uttId.localeCompare(b.uttId)),
    raters: [...raters.values()].sort((a, b) => a.rater.localeCompare(b.rater)).map((r) => ({
      id: r.id,
      rater: r.rater,
      assigned: r.assigned,
      done: r.done,
      skipped: r.skipped,
      /** Assignments neither submitted nor skipped. */
      open: r.assigned - r.done - r.skipped,
      /** Share of the rater's assignments finished (submitted or skipped). */
      progress: r.assigned ? (r.done + r.skipped) / r.assigned : null,
      medianSeconds: r.times.length ? median(r.times)! / 1000 : null,
      meanAbsDiffFromOthers: r.diffs.length ? r.diffs.reduce((x, y) => x + y, 0) / r.diffs.length : null,
      goldItems: r.gold,
      goldAccuracy: r.gold ? r.goldHits / r.gold : null,
    })),
  };
}
