// A rater's own judgment of an assigned item: drafts and submissions, idempotent retries, a revision
// kept for every edit of a submitted judgment, and optimistic conflict detection (two tabs). Every
// read and write is scoped by the rater: nobody reaches another rater's judgment through here.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/schemas/parse";
import { SaveJudgmentSchema, type SaveJudgmentInput } from "@/lib/schemas/rater";
import { parseRubric } from "@/lib/rubric/rubric";
import { validateScores, type NormalizedScores } from "@/lib/rater/validate-judgment";

export interface OwnJudgment extends NormalizedScores {
  id: string;
  status: "DRAFT" | "SUBMITTED";
  revision: number;
  comment: string | null;
  durationMs: number | null;
  updatedAt: string;
  submittedAt: string | null;
}

export type SaveResult =
  | { ok: true; replayed: boolean; judgment: OwnJudgment }
  | { ok: false; conflict: { message: string; yours: NormalizedScores & { comment: string | null }; theirs: OwnJudgment | null } };

const judgmentInclude = { wordScores: true, phoneScores: true } as const;
type Row = NonNullable<Awaited<ReturnType<Db["prisma"]["judgment"]["findFirst"]>>> & {
  wordScores: { wordId: string; accuracy: number | null; stress: number | null; total: number | null; insertedPhones: string[] }[];
  phoneScores: { phoneId: string; score: number | null; pronounced: string | null }[];
};

export function toOwnJudgment(j: Row, order?: { wordIds: string[]; phoneIds: string[] }): OwnJudgment {
  const ws = [...j.wordScores];
  const ps = [...j.phoneScores];
  if (order) {
    ws.sort((a, b) => order.wordIds.indexOf(a.wordId) - order.wordIds.indexOf(b.wordId));
    ps.sort((a, b) => order.phoneIds.indexOf(a.phoneId) - order.phoneIds.indexOf(b.phoneId));
  }
  return {
    id: j.id,
    status: j.status,
    revision: j.revision,
    sentence: { accuracy: j.accuracy, fluency: j.fluency, prosody: j.prosody, completeness: j.completeness, total: j.total },
    words: ws.map((w) => ({ wordId: w.wordId, accuracy: w.accuracy, stress: w.stress, total: w.total, inserted: w.insertedPhones })),
    phones: ps.map((p) => ({ phoneId: p.phoneId, score: p.score, pronounced: p.pronounced })),
    comment: j.comment,
    durationMs: j.durationMs,
    updatedAt: j.updatedAt.toISOString(),
    submittedAt: j.submittedAt?.toISOString() ?? null,
  };
}

/** The rater's own assignment in an open rating round, with the item's words/phones and rubric. */
export async function getOwnAssignmentOrThrow(db: Db, raterId: string, assignmentId: string) {
  const a = await db.prisma.assignment.findFirst({
    where: { id: assignmentId, raterId, round: { kind: { not: "IMPORT" } } },
    include: {
      round: true,
      item: { include: { dataset: { select: { id: true, name: true, rubric: true } }, words: { orderBy: { index: "asc" }, include: { phones: { orderBy: { index: "asc" } } } } } },
    },
  });
  // One answer for "no such assignment" and "someone else's": ids are not to be probed.
  if (!a) throw new AppError("NOT_FOUND", "no such assignment in your queue");
  return a;
}

export async function getOwnJudgment(db: Db, raterId: string, assignmentId: string): Promise<OwnJudgment | null> {
  await getOwnAssignmentOrThrow(db, raterId, assignmentId);
  const j = await db.prisma.judgment.findFirst({ where: { assignmentId, raterId, kind: "RATER" }, include: judgmentInclude });
  return j ? toOwnJudgment(j as Row) : null;
}

class LostRace extends Error {}

const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string; message?: string; cause?: unknown };
  return err?.code === "P2002" || /unique constraint|duplicate key/i.test(String(err?.message ?? ""));
};

export async function saveJudgment(db: Db, raterId: string, assignmentId: string, input: SaveJudgmentInput): Promise<SaveResult> {
  const data = parseOrThrow(SaveJudgmentSchema, input);
  const a = await getOwnAssignmentOrThrow(db, raterId, assignmentId);
  if (a.round.closedAt) throw new AppError("CONFLICT", "this round is closed");
  const rubric = parseRubric(a.item.dataset.rubric);
  const { scores, problems } = validateScores(data, rubric, a.item);
  if (problems.length) throw new AppError("INVALID_INPUT", problems.length === 1 ? problems[0].message : `${problems.length} scores need attention`, problems);
  const order = { wordIds: a.item.words.map((w) => w.id), phoneIds: a.item.words.flatMap((w) => w.phones.map((p) => p.id)) };
  const comment = data.comment ?? null;
  const fields = {
    status: data.status,
    accuracy: scores.sentence.accuracy,
    fluency: scores.sentence.fluency,
    prosody: scores.sentence.prosody,
    completeness: scores.sentence.completeness,
    total: scores.sentence.total,
    comment,
    durationMs: data.durationMs ?? null,
    idempotencyKey: data.idempotencyKey ?? null,
  };
  const children = (judgmentId: string) => ({
    words: scores.words.map((w) => ({ judgmentId, wordId: w.wordId, accuracy: w.accuracy, stress: w.stress, total: w.total, insertedPhones: w.inserted })),
    phones: scores.phones.map((p) => ({ judgmentId, phoneId: p.phoneId, score: p.score, pronounced: p.pronounced })),
  });

  for (let attempt = 0; attempt < 4; attempt++) {
    const existing = (await db.prisma.judgment.findFirst({ where: { assignmentId, raterId, kind: "RATER" }, include: judgmentInclude })) as Row | null;
    if (existing && data.idempotencyKey && existing.idempotencyKey === data.idempotencyKey) {
      return { ok: true, replayed: true, judgment: toOwnJudgment(existing, order) };
    }
    if ((existing?.revision ?? null) !== data.baseRevision) {
      return {
        ok: false,
        conflict: {
          message: existing
            ? `this judgment was saved elsewhere (revision ${existing.revision}) after you loaded revision ${data.baseRevision ?? "none"}`
            : "this judgment no longer exists",
          yours: { ...scores, comment },
          theirs: existing ? toOwnJudgment(existing, order) : null,
        },
      };
    }
    if (existing?.status === "SUBMITTED" && data.status === "DRAFT") {
      throw new AppError("BAD_REQUEST", "this judgment is already submitted: submit your edit instead of saving a draft");
    }
    const now = new Date();
    try {
      const saved = await db.prisma.$transaction(async (tx) => {
        let id: string;
        if (existing) {
          // The revision check is in the WHERE: of two concurrent saves on the same base, one wins.
          const n = await tx.judgment.updateMany({
            where: { id: existing.id, raterId, revision: existing.revision },
            data: { ...fields, revision: existing.revision + 1, submittedAt: data.status === "SUBMITTED" ? (existing.submittedAt ?? now) : null },
          });
          if (n.count !== 1) throw new LostRace();
          if (existing.status === "SUBMITTED") {
            await tx.judgmentRevision.create({
              data: { judgmentId: existing.id, revision: existing.revision, authorId: raterId, data: JSON.parse(JSON.stringify(toOwnJudgment(existing, order))) },
            });
          }
          await tx.wordScore.deleteMany({ where: { judgmentId: existing.id } });
          await tx.phoneScore.deleteMany({ where: { judgmentId: existing.id } });
          id = existing.id;
        } else {
          const j = await tx.judgment.create({
            data: { ...fields, key: `a:${assignmentId}`, kind: "RATER", itemId: a.itemId, raterId, assignmentId, revision: 1, submittedAt: data.status === "SUBMITTED" ? now : null },
          });
          id = j.id;
        }
        const c = children(id);
        if (c.words.length) await tx.wordScore.createMany({ data: c.words });
        if (c.phones.length) await tx.phoneScore.createMany({ data: c.phones });
        await tx.assignment.update({
          where: { id: assignmentId },
          data:
            data.status === "SUBMITTED"
              ? { status: "SUBMITTED", finishedAt: now, startedAt: a.startedAt ?? now, skipReason: null }
              : { status: a.status === "SUBMITTED" ? "SUBMITTED" : "IN_PROGRESS", startedAt: a.startedAt ?? now },
        });
        return tx.judgment.findFirstOrThrow({ where: { id, raterId }, include: judgmentInclude });
      });
      return { ok: true, replayed: false, judgment: toOwnJudgment(saved as Row, order) };
    } catch (e) {
      // Another save got there first (same key, same revision): look again — a replay or a conflict.
      if (e instanceof LostRace || isUniqueViolation(e)) continue;
      throw e;
    }
  }
  throw new AppError("CONFLICT", "this judgment is being saved from several places at once; reload and try again");
}

export async function skipAssignment(db: Db, raterId: string, assignmentId: string, reason: string) {
  const a = await getOwnAssignmentOrThrow(db, raterId, assignmentId);
  if (a.status === "SUBMITTED") throw new AppError("CONFLICT", "this item is already submitted");
  const n = await db.prisma.assignment.updateMany({ where: { id: a.id, raterId }, data: { status: "SKIPPED", skipReason: reason, finishedAt: new Date() } });
  return { skipped: n.count === 1 };
}

/** Earlier states of the rater's own judgment (newest first). */
export async function listOwnRevisions(db: Db, raterId: string, assignmentId: string) {
  const j = await db.prisma.judgment.findFirst({ where: { assignmentId, raterId, kind: "RATER" }, select: { id: true } });
  if (!j) return [];
  const revs = await db.prisma.judgmentRevision.findMany({ where: { judgmentId: j.id, judgment: { raterId } }, orderBy: { revision: "desc" } });
  return revs.map((r) => ({ revision: r.revision, createdAt: r.createdAt.toISOString(), data: r.data }));
}
