// The lean SQL under saveJudgment (lib/services/judgments.ts). A save is one read (assignment, round,
// rubric and the judgment's header) and one write call: the judgment update or insert — with the
// revision check — the revision snapshot, the word/phone score upserts and the assignment status run
// in one SQL function call, a single statement, so they commit or fail together as one transaction
// without holding a connection (PGlite has only one) across awaits. Both are PL/pgSQL functions
// (prisma/migrations/*_rater_hot_path_functions) called on the driver directly: the database keeps
// their plans, which on PGlite halved the time of a save.
// The item's word/phone shape is cached per process: items are immutable after import.
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { parseRubric, type Rubric } from "@/lib/rubric/rubric";
import type { ItemShape, NormalizedScores } from "@/lib/rater/validate-judgment";

/** What validation and the save decision need; scores are loaded only for replays and conflicts. */
export interface AssignmentHead {
  itemId: string;
  closed: boolean;
  rubricText: string;
  judgment: { id: string; revision: number; status: "DRAFT" | "SUBMITTED"; idempotencyKey: string | null } | null;
}

/** The rater's own assignment in a non-import round, or null (missing and someone else's alike). */
export async function readAssignmentHead(db: Db, raterId: string, assignmentId: string): Promise<AssignmentHead | null> {
  // attest_assignment_head (prisma/migrations/*_rater_hot_path_functions): plans kept by the database.
  const rows = await db.runner.query<{ h: string | null }>(`SELECT attest_assignment_head($1, $2) AS h`, [assignmentId, raterId]);
  const h = rows[0]?.h;
  if (!h) return null;
  const r = JSON.parse(h) as { itemId: string; closed: boolean; rubric: string; jid: string | null; revision: number | null; jstatus: string | null; idem: string | null };
  return {
    itemId: r.itemId,
    closed: r.closed,
    rubricText: r.rubric,
    judgment: r.jid ? { id: r.jid, revision: Number(r.revision), status: r.jstatus as "DRAFT" | "SUBMITTED", idempotencyKey: r.idem } : null,
  };
}

// A dataset's rubric is read with every save (it is a few hundred bytes); only its parse is cached.
const rubrics = new Map<string, Rubric>();
export function rubricOf(text: string): Rubric {
  let r = rubrics.get(text);
  if (!r) {
    if (rubrics.size > 100) rubrics.clear();
    r = parseRubric(JSON.parse(text));
    rubrics.set(text, r);
  }
  return r;
}

export interface CachedShape extends ItemShape {
  wordIds: string[];
  phoneIds: string[];
}
const SHAPE_CACHE_MAX = 20_000;
const shapes = new Map<string, CachedShape>();

/** The item's words and phones in order, cached per process by item id (items never change). */
export async function itemShape(db: Db, itemId: string): Promise<CachedShape> {
  const hit = shapes.get(itemId);
  if (hit) return hit;
  const words = await db.prisma.word.findMany({
    where: { itemId },
    orderBy: { index: "asc" },
    select: { id: true, index: true, text: true, phones: { orderBy: { index: "asc" }, select: { id: true, symbol: true } } },
  });
  const shape = { words, wordIds: words.map((w) => w.id), phoneIds: words.flatMap((w) => w.phones.map((p) => p.id)) };
  if (shapes.size >= SHAPE_CACHE_MAX) shapes.delete(shapes.keys().next().value!);
  shapes.set(itemId, shape);
  return shape;
}

/** A time-ordered id like Prisma's uuid(7) default (raw SQL bypasses Prisma's defaults). */
export function uuid7(ms = Date.now()): string {
  const b = randomBytes(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface WriteInput {
  raterId: string;
  assignmentId: string;
  itemId: string;
  status: "DRAFT" | "SUBMITTED";
  scores: NormalizedScores;
  comment: string | null;
  durationMs: number | null;
  idempotencyKey: string | null;
  now: Date;
  /** The judgment being edited (its revision is checked in the WHERE), or null to create one. */
  existing: { id: string; revision: number } | null;
  /** The earlier state to keep as a JudgmentRevision (edits of a submitted judgment). */
  snapshot: unknown | null;
}

/** Stored timestamps are UTC wall-clock `timestamp(3)`: pass them without a zone. */
const ts = (d: Date) => d.toISOString().replace("Z", "");

/**
 * Writes the judgment, its scores, the revision snapshot and the assignment status in one call of
 * the SQL function attest_write_judgment (prisma/migrations/*_rater_hot_path_functions), whose plans
 * the database keeps. Returns the judgment's id, revision and submittedAt, or null when the revision
 * check failed (another save got there first). A duplicate key or idempotency key raises a unique
 * violation.
 */
export async function writeJudgment(db: Db, w: WriteInput): Promise<{ id: string; revision: number; submittedAt: Date | null } | null> {
  const s = w.scores.sentence;
  const words = w.scores.words;
  const phones = w.scores.phones;
  const params: unknown[] = [
    w.raterId, w.assignmentId, w.itemId, w.status,
    s.accuracy, s.fluency, s.prosody, s.completeness, s.total,
    w.comment, w.durationMs, w.idempotencyKey, ts(w.now),
    w.existing?.id ?? null, w.existing?.revision ?? null, w.existing ? null : uuid7(w.now.getTime()),
    w.snapshot === null ? null : JSON.stringify(w.snapshot), w.snapshot === null ? null : uuid7(),
    words.map(() => uuid7()), words.map((x) => x.wordId), words.map((x) => x.accuracy), words.map((x) => x.stress), words.map((x) => x.total), words.map((x) => JSON.stringify(x.inserted)),
    phones.map(() => uuid7()), phones.map((x) => x.phoneId), phones.map((x) => x.score), phones.map((x) => x.pronounced),
    Object.keys(w.scores.unfit).length ? JSON.stringify(w.scores.unfit) : null,
  ];
  const placeholders = params.map((_, i) => `$${i + 1}`).join(", ");
  const rows = await db.runner.query<{ r: string | null }>(`SELECT attest_write_judgment(${placeholders}) AS r`, params);
  const r = rows[0]?.r ? (JSON.parse(rows[0].r) as { id: string; revision: number; submittedAt: string | null }) : null;
  return r ? { id: r.id, revision: Number(r.revision), submittedAt: r.submittedAt ? new Date(r.submittedAt) : null } : null;
}
