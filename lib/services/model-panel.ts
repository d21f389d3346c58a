// The model panel of the rater workspace (the round's model labels and rationale, blind-first by
// default), per-mention audit answers, and A/B preferences between two responses for one recording.
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/schemas/parse";
import { MENTION_ANSWERS, MentionAnswerSchema, PreferenceSchema, TRUST_ANSWERS } from "@/lib/schemas/rater";
import { parseResponse } from "@/lib/inference/response/parse-response";
import { mulberry32 } from "@/lib/metrics/random";
import { answerableKeys, splitRationale, TRUST_KEY, type Statement } from "@/lib/rater/rationale-statements";
import { getOwnAssignmentOrThrow } from "@/lib/services/judgments";
import { assertRoundOpen } from "@/lib/services/round-lifecycle";
import { roundSettings } from "@/lib/services/rounds";

type Assignment = Awaited<ReturnType<typeof getOwnAssignmentOrThrow>>;

/** Blind-first: the model is shown after the rater submits, unless the round shows it alongside. */
function modelVisible(a: Assignment): { visible: boolean; reason?: string } {
  const s = roundSettings(a.round.settings);
  if (s.showModel === "never") return { visible: false, reason: "this round does not show the model" };
  if (s.showModel === "alongside" || a.status === "SUBMITTED") return { visible: true };
  return { visible: false, reason: "the model's assessment is shown after you submit your own scores" };
}

/** The prediction a round shows for an item: its model version's, else the item's latest. */
export async function roundPrediction(db: Db, settingsJson: unknown, itemId: string) {
  const s = roundSettings(settingsJson);
  return db.prisma.prediction.findFirst({
    where: { itemId, ...(s.modelVersionId ? { modelVersionId: s.modelVersionId } : {}) },
    orderBy: { createdAt: "desc" },
    include: { modelVersion: { select: { name: true } } },
  });
}

export interface ModelPanel {
  visible: boolean;
  reason?: string;
  prediction?: {
    id: string;
    /** The model's name; null while the rater compares two responses blind (A/B). */
    model: string | null;
    sentence: Record<string, string | null>;
    words: { text: string; label: string | null }[];
    phones: { symbol: string; label: string | null }[];
    rationale: string;
    statements: Statement[];
  };
  answers?: Record<string, string>;
}

export async function getModelPanel(db: Db, raterId: string, assignmentId: string): Promise<ModelPanel> {
  const a = await getOwnAssignmentOrThrow(db, raterId, assignmentId);
  const v = modelVisible(a);
  if (!v.visible) return v;
  const p = await roundPrediction(db, a.round.settings, a.itemId);
  if (!p) return { visible: false, reason: "no model prediction for this recording yet" };
  // Blind A/B: while two responses are offered for comparison, nothing names a model.
  const blind = (await abPair(db, a)) !== null;
  const parsed = parseResponse(p.response);
  const statements = splitRationale(parsed.rationale, a.item.words.map((w) => w.text));
  const answers = await db.prisma.mentionAnswer.findMany({ where: { predictionId: p.id, raterId }, select: { mentionKey: true, answer: true } });
  return {
    visible: true,
    prediction: {
      id: p.id,
      model: blind ? null : p.modelVersion.name,
      sentence: Object.fromEntries(Object.entries(parsed.sentence).map(([k, l]) => [k, l ?? null])),
      words: parsed.words ?? [],
      phones: parsed.phones ?? [],
      rationale: parsed.rationale,
      statements,
    },
    answers: Object.fromEntries(answers.map((x) => [x.mentionKey, x.answer])),
  };
}

export async function answerMention(db: Db, raterId: string, assignmentId: string, input: unknown) {
  const data = parseOrThrow(MentionAnswerSchema, input);
  assertRoundOpen((await getOwnAssignmentOrThrow(db, raterId, assignmentId)).round, "answers cannot be saved");
  const panel = await getModelPanel(db, raterId, assignmentId);
  if (!panel.visible || !panel.prediction) throw new AppError("CONFLICT", panel.reason ?? "the model panel is not shown for this item");
  const keys = answerableKeys(panel.prediction.statements);
  if (!keys.has(data.mentionKey)) throw new AppError("INVALID_INPUT", `no statement or mention "${data.mentionKey}" in this rationale`, [{ field: "mentionKey", message: "unknown" }]);
  const allowed: readonly string[] = data.mentionKey === TRUST_KEY ? TRUST_ANSWERS : MENTION_ANSWERS;
  if (!allowed.includes(data.answer)) throw new AppError("INVALID_INPUT", `answer must be one of ${allowed.join(", ")}`, [{ field: "answer", message: "not allowed here" }]);
  const where = { predictionId_raterId_mentionKey: { predictionId: panel.prediction.id, raterId, mentionKey: data.mentionKey } };
  await db.prisma.mentionAnswer.upsert({ where, create: { predictionId: panel.prediction.id, raterId, mentionKey: data.mentionKey, answer: data.answer }, update: { answer: data.answer } });
  return { mentionKey: data.mentionKey, answer: data.answer };
}

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

/** A stable per-assignment coin from the round's seed: which response is shown on side A. */
function sideSeed(roundSeed: number, assignmentId: string): number {
  return (roundSeed ^ parseInt(sha(assignmentId).slice(0, 8), 16)) >>> 0;
}

async function abPair(db: Db, a: Assignment) {
  const s = roundSettings(a.round.settings);
  const preds = await db.prisma.prediction.findMany({
    where: { itemId: a.itemId, ...(s.abModelVersionIds ? { modelVersionId: { in: s.abModelVersionIds } } : {}) },
    orderBy: { modelVersion: { name: "asc" } },
    select: { id: true, response: true },
    take: 2,
  });
  if (preds.length < 2) return null;
  const swap = mulberry32(sideSeed(a.round.seed, a.id))() < 0.5;
  return swap ? [preds[1], preds[0]] : [preds[0], preds[1]];
}

export async function getAbChoice(db: Db, raterId: string, assignmentId: string) {
  const a = await getOwnAssignmentOrThrow(db, raterId, assignmentId);
  const v = modelVisible(a);
  if (!v.visible) return { available: false as const, reason: v.reason };
  const pair = await abPair(db, a);
  if (!pair) return { available: false as const, reason: "this recording has no second response to compare" };
  const existing = await db.prisma.preference.findFirst({ where: { raterId, itemId: a.itemId, roundId: a.roundId, source: "rater_preference" }, select: { choice: true, strength: true, reason: true } });
  // Model names are not sent: the comparison is blind.
  return { available: true as const, A: pair[0].response, B: pair[1].response, choice: existing };
}

export async function savePreference(db: Db, raterId: string, assignmentId: string, input: unknown) {
  const data = parseOrThrow(PreferenceSchema, input);
  const a = await getOwnAssignmentOrThrow(db, raterId, assignmentId);
  assertRoundOpen(a.round, "choices cannot be saved");
  const v = modelVisible(a);
  if (!v.visible) throw new AppError("CONFLICT", v.reason ?? "not available");
  const pair = await abPair(db, a);
  if (!pair) throw new AppError("CONFLICT", "this recording has no second response to compare");
  const [A, B] = pair;
  const [chosen, rejected] = data.choice === "B" ? [B, A] : [A, B];
  const key = `rater_preference:${raterId}:${a.itemId}:${[sha(A.response), sha(B.response)].sort().join(":")}`;
  const row = {
    source: "rater_preference" as const,
    itemId: a.itemId,
    roundId: a.roundId,
    raterId,
    prompt: a.item.text,
    chosen: chosen.response,
    rejected: rejected.response,
    sideA: A.response,
    sideB: B.response,
    choice: data.choice,
    strength: data.strength,
    reason: data.reason ?? null,
    // A tie carries no preference: kept as evidence, weight 0 for training.
    dpoWeight: data.choice === "tie" ? 0 : 1,
  };
  const p = await db.prisma.preference.upsert({ where: { key }, create: { key, ...row }, update: row });
  return { id: p.id, choice: p.choice, strength: p.strength };
}
