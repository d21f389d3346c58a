// A rater's own judgment of an assigned item: drafts and submissions, idempotent retries, a revision
// kept for every edit of a submitted judgment, and optimistic conflict detection (two tabs). Every
// read and write is scoped by the rater: nobody reaches another rater's judgment through here.
import type { Db } from "@/lib/db/client";
import { AppError, type Problem } from "@/lib/errors";
import { assertRoundOpen } from "@/lib/services/round-lifecycle";
import { assertListLength, parseOrThrow } from "@/lib/schemas/parse";
import { SaveJudgmentSchema, type SaveJudgmentInput } from "@/lib/schemas/rater";
import { validateScores, type NormalizedScores } from "@/lib/rater/validate-judgment";
import { itemShape, readAssignmentHead, rubricOf, writeJudgment } from "@/lib/services/judgment-store";

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
  /** `problems`: values of a draft that do not fit the rubric (kept in `judgment.unfit`), each at its field key. */
  | { ok: true; replayed: boolean; judgment: OwnJudgment; problems: Problem[] }
  | { ok: false; conflict: { message: string; yours: NormalizedScores & { comment: string | null }; theirs: OwnJudgment | null } };

// Scores in the item's order (word index, phone position): the rows' own order is the database's.
const judgmentInclude = { wordScores: { orderBy: { word: { index: "asc" } } }, phoneScores: { orderBy: { phone: { position: "asc" } } } } as const;
type Row = NonNullable<Awaited<ReturnType<Db["prisma"]["judgment"]["findFirst"]>>> & {
  wordScores: { wordId: string; accuracy: number | null; stress: number | null; total: number | null; insertedPhones: string[] }[];
  phoneScores: { phoneId: string; score: number | null; pronounced: string | null }[];
};

/** What toOwnJudgment reads: a stored judgment row with its scores (dates as Date or ISO text). */
export type StoredJudgment = Pick<Row, "id" | "status" | "revision" | "accuracy" | "fluency" | "prosody" | "completeness" | "total" | "comment" | "durationMs" | "wordScores" | "phoneScores"> & {
  unfitValues?: unknown;
  updatedAt: Date | string;
  submittedAt: Date | string | null;
};

const iso = (d: Date | string) => (typeof d === "string" ? d : d.toISOString());

export function toOwnJudgment(j: StoredJudgment, order?: { wordIds: string[]; phoneIds: string[] }): OwnJudgment {
  const ws = [...j.wordScores];
  const ps = [...j.phoneScores];
  if (order) {
    const wordAt = new Map(order.wordIds.map((id, i) => [id, i]));
    const phoneAt = new Map(order.phoneIds.map((id, i) => [id, i]));
    ws.sort((a, b) => (wordAt.get(a.wordId) ?? Infinity) - (wordAt.get(b.wordId) ?? Infinity));
    ps.sort((a, b) => (phoneAt.get(a.phoneId) ?? Infinity) - (phoneAt.get(b.phoneId) ?? Infinity));
  }
  return {
    id: j.id,
    status: j.status,
    revision: j.revision,
    sentence: { accuracy: j.accuracy, fluency: j.fluency, prosody: j.prosody, completeness: j.completeness, total: j.total },
    words: ws.map((w) => ({ wordId: w.wordId, accuracy: w.accuracy, stress: w.stress, total: w.total, inserted: w.insertedPhones })),
    phones: ps.map((p) => ({ phoneId: p.phoneId, score: p.score, pronounced: p.pronounced })),
    unfit: (j.unfitValues ?? {}) as Record<string, string>,
    comment: j.comment,
    durationMs: j.durationMs,
    updatedAt: iso(j.updatedAt),
    submittedAt: j.submittedAt === null ? null : iso(j.submittedAt),
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

/** Throws NOT_FOUND unless the assignment is the rater's own (one light query; for route guards). */
export async function assertOwnAssignment(db: Db, raterId: string, assignmentId: string): Promise<void> {
  if (!(await readAssignmentHead(db, raterId, assignmentId))) throw new AppError("NOT_FOUND", "no such assignment in your queue");
}

export async function getOwnJudgment(db: Db, raterId: string, assignmentId: string): Promise<OwnJudgment | null> {
  await assertOwnAssignment(db, raterId, assignmentId);
  const j = await db.prisma.judgment.findFirst({ where: { assignmentId, raterId, kind: "RATER" }, include: judgmentInclude });
  return j ? toOwnJudgment(j as Row) : null;
}

/** One line for a list of score problems: "2 scores need attention: TWO — stress must be 5 or 10; …". */
export function needsAttention(problems: Problem[]): string {
  const n = problems.length;
  return `${n} score${n === 1 ? " needs" : "s need"} attention: ${problems.slice(0, 3).map((p) => p.message).join("; ")}${n > 3 ? "; …" : ""}`;
}

export const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string; message?: string; cause?: unknown };
  // Prisma's own writes say P2002; raw statements carry PostgreSQL's 23505 in the message.
  return err?.code === "P2002" || /unique constraint|duplicate key|23505/i.test(String(err?.message ?? ""));
};

/**
 * Saves the rater's draft or submission. The hot path is two statements: a one-join read of the
 * assignment and the judgment's header, and one write (lib/services/judgment-store.ts) whose revision
 * check and unique keys make retries replays and concurrent saves conflicts. The stored scores are
 * read only when they are needed: for a replay, a conflict, or the revision kept when a submitted
 * judgment is edited.
 */
export async function saveJudgment(db: Db, raterId: string, assignmentId: string, input: SaveJudgmentInput): Promise<SaveResult> {
  let head = await readAssignmentHead(db, raterId, assignmentId);
  // One answer for "no such assignment" and "someone else's": ids are not to be probed.
  if (!head) throw new AppError("NOT_FOUND", "no such assignment in your queue");
  const shape = await itemShape(db, head.itemId);
  // A judgment names each of the item's words and phones at most once: a longer list is refused by
  // its length before any of its elements is parsed or looked up.
  assertListLength(input, "words", shape.wordIds.length, `this item has ${shape.wordIds.length}`);
  assertListLength(input, "phones", shape.phoneIds.length, `this item has ${shape.phoneIds.length}`);
  const data = parseOrThrow(SaveJudgmentSchema, input);
  if (head.closed) throw new AppError("CONFLICT", "this round is closed: nothing can be saved in it until it is reopened");
  const rubric = rubricOf(head.rubricText);
  const { scores, problems, refused } = validateScores(data, rubric, shape);
  if (refused.length) throw new AppError("INVALID_INPUT", refused[0].message, refused);
  // A draft keeps what was typed (unfit values included); a submission must be complete and fit.
  if (data.status === "SUBMITTED" && problems.length) throw new AppError("INVALID_INPUT", needsAttention(problems), problems);
  const order = { wordIds: shape.wordIds, phoneIds: shape.phoneIds };
  const comment = data.comment ?? null;
  const loadFull = async () => (await db.prisma.judgment.findFirst({ where: { assignmentId, raterId, kind: "RATER" }, include: judgmentInclude })) as Row | null;

  for (let attempt = 0; attempt < 4; attempt++) {
    if (attempt > 0) {
      head = await readAssignmentHead(db, raterId, assignmentId);
      if (!head) throw new AppError("NOT_FOUND", "no such assignment in your queue");
    }
    let existing: Pick<Row, "id" | "revision" | "status" | "idempotencyKey"> | null = head.judgment;
    let full: Row | null = null;
    const replay = (e: typeof existing) => !!(e && data.idempotencyKey && e.idempotencyKey === data.idempotencyKey);
    const conflict = (e: typeof existing) => (e?.revision ?? null) !== data.baseRevision;
    // The header decides the common case; anything else is decided again on the full row.
    if (replay(existing) || conflict(existing) || existing?.status === "SUBMITTED") {
      full = await loadFull();
      existing = full;
    }
    if (full && replay(full)) return { ok: true, replayed: true, judgment: toOwnJudgment(full, order), problems };
    if (conflict(existing)) {
      return {
        ok: false,
        conflict: {
          message: existing
            ? `this judgment was saved elsewhere (revision ${existing.revision}) after you loaded revision ${data.baseRevision ?? "none"}`
            : "this judgment no longer exists",
          yours: { ...scores, comment },
          theirs: full ? toOwnJudgment(full, order) : null,
        },
      };
    }
    if (existing?.status === "SUBMITTED" && data.status === "DRAFT") {
      throw new AppError("BAD_REQUEST", "this judgment is already submitted: submit your edit instead of saving a draft");
    }
    const now = new Date();
    try {
      const saved = await writeJudgment(db, {
        raterId,
        assignmentId,
        itemId: head.itemId,
        status: data.status,
        scores,
        comment,
        durationMs: data.durationMs ?? null,
        idempotencyKey: data.idempotencyKey ?? null,
        now,
        existing: existing ? { id: existing.id, revision: existing.revision } : null,
        snapshot: full && full.status === "SUBMITTED" ? toOwnJudgment(full, order) : null,
      });
      // Another save moved the revision on since the read: look again — a replay or a conflict.
      if (!saved) continue;
      const judgment: OwnJudgment = {
        id: saved.id,
        status: data.status,
        revision: saved.revision,
        ...scores,
        comment,
        durationMs: data.durationMs ?? null,
        updatedAt: now.toISOString(),
        submittedAt: saved.submittedAt?.toISOString() ?? null,
      };
      return { ok: true, replayed: false, judgment, problems };
    } catch (e) {
      // Another save created the judgment or used the key first: look again.
      if (isUniqueViolation(e)) continue;
      throw e;
    }
  }
  throw new AppError("CONFLICT", "this judgment is being saved from several places at once; reload and try again");
}

export async function skipAssignment(db: Db, raterId: string, assignmentId: string, reason: string) {
  const a = await getOwnAssignmentOrThrow(db, raterId, assignmentId);
  assertRoundOpen(a.round, "items cannot be skipped");
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
