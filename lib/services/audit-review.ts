// Closing the loop: flagged rationales go to a rater review round, and raters' per-mention answers
// (MentionAnswer, written by the rater workspace) are compared with the automatic verdicts.
// lib/services/rounds.ts creates RATING/AB rounds only, so the REVIEW round is created here:
// one assignment per flagged item and rater, in a seeded order, in one transaction.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { seededShuffle } from "@/lib/metrics/random";
import { splitRationale } from "@/lib/rater/rationale-statements";
import { parseResponse } from "@/lib/inference/response/parse-response";
import type { MentionAudit } from "@/lib/audit";
import { flaggedItemIds } from "@/lib/services/audit-report";

export async function sendFlaggedToReview(db: Db, input: { modelId: string; datasetId: string; raterIds: string[]; createdById: string | null; code?: string; q?: string; seed?: number; name?: string }) {
  const raters = await db.prisma.user.findMany({ where: { id: { in: input.raterIds }, role: "RATER", disabled: false, canSignIn: true }, select: { id: true } });
  if (raters.length === 0) throw new AppError("INVALID_INPUT", "no active rater to send the review to", [{ field: "raterIds", message: "no active rater" }]);
  // The same selection (and count) as the audit page's list: flagged rationales matching code and search.
  const itemIds = await flaggedItemIds(db, input.modelId, input.datasetId, { code: input.code, q: input.q });
  if (itemIds.length === 0) throw new AppError("INVALID_INPUT", "nothing is flagged", [{ field: "code", message: "no flagged rationale" }]);
  const seed = input.seed ?? 0;
  const stamp = new Date().toISOString().slice(0, 19).replace("T", " ");
  const name = input.name ?? `review ${input.code ?? "flagged"} ${stamp}`;
  return db.prisma.$transaction(async (tx) => {
    const round = await tx.round.create({
      data: {
        datasetId: input.datasetId, name, kind: "REVIEW", seed, createdById: input.createdById,
        settings: { k: raters.length, raterIds: raters.map((r) => r.id), modelVersionId: input.modelId, showModel: "alongside", filter: { auditFlagged: true, itemIds }, source: "audit", code: input.code ?? null, q: input.q?.trim() || null },
      },
    });
    const data = raters.flatMap((r) => seededShuffle(itemIds, seed ^ r.id.length).map((itemId, position) => ({ roundId: round.id, itemId, raterId: r.id, position })));
    await tx.assignment.createMany({ data });
    return { id: round.id, name: round.name, items: itemIds.length, assignments: data.length };
  });
}

export interface FlagAgreement {
  /** Mentions answered correct/incorrect by at least one rater and matched to an audited mention. */
  answered: number;
  flaggedAndIncorrect: number;
  flagged: number;
  incorrect: number;
  precision: number | null;
  recall: number | null;
}

const BAD = new Set(["contradicts", "not_in_utterance", "ambiguous"]);
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/**
 * Flag precision = share of flagged mentions raters called incorrect; recall = share of mentions
 * raters called incorrect that were flagged. A rater's mention key (lib/rater) is matched to the
 * audited mention whose span overlaps it; majority over raters, ties and "can't tell" left out.
 */
export async function flagAgreement(db: Db, modelId: string, datasetId: string): Promise<FlagAgreement> {
  const preds = await db.prisma.prediction.findMany({
    where: { modelVersionId: modelId, item: { datasetId }, mentionAnswers: { some: {} } },
    select: { response: true, item: { select: { words: { orderBy: { index: "asc" }, select: { text: true } } } }, mentionAnswers: { select: { mentionKey: true, answer: true } }, audits: { select: { mentions: true } } },
  });
  const out = { answered: 0, flaggedAndIncorrect: 0, flagged: 0, incorrect: 0 };
  for (const p of preds) {
    const spans = new Map(splitRationale(parseResponse(p.response).rationale, p.item.words.map((w) => w.text)).flatMap((s) => s.mentions.map((m) => [m.key, m] as const)));
    const mine: MentionAudit[] = p.audits.flatMap((a) => ((a.mentions as { items?: MentionAudit[] })?.items ?? []).filter((m) => m.type !== "aspect"));
    const votes = new Map<string, number>();
    for (const a of p.mentionAnswers) {
      if (a.answer !== "correct" && a.answer !== "incorrect") continue;
      votes.set(a.mentionKey, (votes.get(a.mentionKey) ?? 0) + (a.answer === "incorrect" ? 1 : -1));
    }
    for (const [key, v] of votes) {
      const span = spans.get(key);
      const m = span && mine.find((x) => overlaps(x, span));
      if (!m || v === 0) continue;
      out.answered++;
      const flagged = BAD.has(m.vsPrediction) || BAD.has(m.vsConsensus);
      const incorrect = v > 0;
      if (flagged) out.flagged++;
      if (incorrect) out.incorrect++;
      if (flagged && incorrect) out.flaggedAndIncorrect++;
    }
  }
  return { ...out, precision: out.flagged ? out.flaggedAndIncorrect / out.flagged : null, recall: out.incorrect ? out.flaggedAndIncorrect / out.incorrect : null };
}
