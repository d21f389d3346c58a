// The lean SQL under saveJudgment (lib/services/judgments.ts). A save is one read (assignment, round,
// rubric and the judgment's header in one join) and one write statement: the judgment update or
// insert — with the revision check in its WHERE — the revision snapshot, the word/phone score upserts
// and the assignment status all run as data-modifying CTEs of a single statement, so they commit or
// fail together as one transaction without holding a connection (PGlite has only one) across awaits.
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
  const rows = await db.prisma.$queryRawUnsafe<
    { itemId: string; closed: boolean; rubric: string; jid: string | null; revision: number | null; jstatus: string | null; idem: string | null }[]
  >(
    `SELECT a."itemId", r."closedAt" IS NOT NULL AS closed, d.rubric::text AS rubric,
            j.id AS jid, j.revision, j.status::text AS jstatus, j."idempotencyKey" AS idem
       FROM "Assignment" a
       JOIN "Round" r ON r.id = a."roundId"
       JOIN "Item" i ON i.id = a."itemId"
       JOIN "Dataset" d ON d.id = i."datasetId"
       LEFT JOIN "Judgment" j ON j."assignmentId" = a.id AND j."raterId" = $2 AND j.kind = 'RATER'
      WHERE a.id = $1 AND a."raterId" = $2 AND r.kind <> 'IMPORT'`,
    assignmentId,
    raterId,
  );
  const r = rows[0];
  if (!r) return null;
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
 * Writes the judgment, its scores, the revision snapshot and the assignment status in one
 * statement. Returns the judgment's id, revision and submittedAt, or null when the revision check
 * failed (another save got there first). A duplicate key or idempotency key raises a unique violation.
 */
export async function writeJudgment(db: Db, w: WriteInput): Promise<{ id: string; revision: number; submittedAt: Date | null } | null> {
  const submitted = w.status === "SUBMITTED";
  const s = w.scores.sentence;
  const p: unknown[] = [];
  const $ = (v: unknown) => `$${p.push(v)}`;
  const now = $(ts(w.now));
  const rater = $(w.raterId);
  // Column → SQL expression, shared by the UPDATE's SET and the INSERT's VALUES.
  const cols: [string, string][] = [
    ["status", `${$(w.status)}::"JudgmentStatus"`],
    ["accuracy", `${$(s.accuracy)}::float8`],
    ["fluency", `${$(s.fluency)}::float8`],
    ["prosody", `${$(s.prosody)}::float8`],
    ["completeness", `${$(s.completeness)}::float8`],
    ["total", `${$(s.total)}::float8`],
    ["comment", `${$(w.comment)}::text`],
    ['"durationMs"', `${$(w.durationMs)}::int4`],
    ['"idempotencyKey"', `${$(w.idempotencyKey)}::text`],
    ['"updatedAt"', `${now}::timestamp(3)`],
  ];
  let judgmentCte: string;
  if (w.existing) {
    judgmentCte = `UPDATE "Judgment" SET ${cols.map(([c, v]) => `${c} = ${v}`).join(", ")}, revision = revision + 1,
        "submittedAt" = ${submitted ? `COALESCE("submittedAt", ${now}::timestamp(3))` : "NULL"}
      WHERE id = ${$(w.existing.id)} AND "raterId" = ${rater} AND revision = ${$(w.existing.revision)}::int4
      RETURNING id, revision, "submittedAt"`;
  } else {
    judgmentCte = `INSERT INTO "Judgment" (id, key, kind, "itemId", "raterId", "assignmentId", revision, "createdAt", "submittedAt", ${cols.map(([c]) => c).join(", ")})
      VALUES (${$(uuid7(w.now.getTime()))}, ${$(`a:${w.assignmentId}`)}, 'RATER', ${$(w.itemId)}, ${rater}, ${$(w.assignmentId)}, 1, ${now}::timestamp(3),
        ${submitted ? `${now}::timestamp(3)` : "NULL"}, ${cols.map(([, v]) => v).join(", ")})
      RETURNING id, revision, "submittedAt"`;
  }
  const words = w.scores.words;
  const phones = w.scores.phones;
  const sql = `WITH j AS (${judgmentCte}),
    rv AS (INSERT INTO "JudgmentRevision" (id, "judgmentId", revision, data, "authorId", "createdAt")
           SELECT ${$(uuid7())}, j.id, j.revision - 1, ${$(JSON.stringify(w.snapshot))}::jsonb, ${rater}, ${now}::timestamp(3) FROM j WHERE ${$(w.snapshot !== null)}::bool),
    ws AS (INSERT INTO "WordScore" AS o (id, "judgmentId", "wordId", accuracy, stress, total, "insertedPhones")
           SELECT t.id, j.id, t.wid, t.acc, t.str, t.tot, ARRAY(SELECT json_array_elements_text(t.ins::json))
             FROM j, unnest(${$(words.map(() => uuid7()))}::text[], ${$(words.map((x) => x.wordId))}::text[], ${$(words.map((x) => x.accuracy))}::float8[],
                            ${$(words.map((x) => x.stress))}::float8[], ${$(words.map((x) => x.total))}::float8[], ${$(words.map((x) => JSON.stringify(x.inserted)))}::text[])
                  AS t(id, wid, acc, str, tot, ins)
           ON CONFLICT ("judgmentId", "wordId") DO UPDATE SET accuracy = EXCLUDED.accuracy, stress = EXCLUDED.stress, total = EXCLUDED.total, "insertedPhones" = EXCLUDED."insertedPhones"
             WHERE (o.accuracy, o.stress, o.total, o."insertedPhones") IS DISTINCT FROM (EXCLUDED.accuracy, EXCLUDED.stress, EXCLUDED.total, EXCLUDED."insertedPhones")),
    wd AS (DELETE FROM "WordScore" WHERE "judgmentId" IN (SELECT id FROM j) AND NOT ("wordId" = ANY(${$(words.map((x) => x.wordId))}::text[]))),
    ps AS (INSERT INTO "PhoneScore" AS o (id, "judgmentId", "phoneId", score, pronounced)
           SELECT t.id, j.id, t.pid, t.sc, t.pr
             FROM j, unnest(${$(phones.map(() => uuid7()))}::text[], ${$(phones.map((x) => x.phoneId))}::text[], ${$(phones.map((x) => x.score))}::float8[],
                            ${$(phones.map((x) => x.pronounced))}::text[]) AS t(id, pid, sc, pr)
           ON CONFLICT ("judgmentId", "phoneId") DO UPDATE SET score = EXCLUDED.score, pronounced = EXCLUDED.pronounced
             WHERE (o.score, o.pronounced) IS DISTINCT FROM (EXCLUDED.score, EXCLUDED.pronounced)),
    pd AS (DELETE FROM "PhoneScore" WHERE "judgmentId" IN (SELECT id FROM j) AND NOT ("phoneId" = ANY(${$(phones.map((x) => x.phoneId))}::text[]))),
    asg AS (UPDATE "Assignment" SET ${
      submitted
        ? `status = 'SUBMITTED', "finishedAt" = ${now}::timestamp(3), "startedAt" = COALESCE("startedAt", ${now}::timestamp(3)), "skipReason" = NULL, "updatedAt" = ${now}::timestamp(3)`
        : `status = CASE WHEN status = 'SUBMITTED' THEN 'SUBMITTED'::"AssignmentStatus" ELSE 'IN_PROGRESS'::"AssignmentStatus" END,
           "startedAt" = COALESCE("startedAt", ${now}::timestamp(3)), "updatedAt" = ${now}::timestamp(3)`
    }
      WHERE id = ${$(w.assignmentId)} AND "raterId" = ${rater} AND EXISTS (SELECT 1 FROM j)
        ${submitted ? "" : `AND NOT (status IN ('IN_PROGRESS', 'SUBMITTED') AND "startedAt" IS NOT NULL)`})
    SELECT id, revision, to_char("submittedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "submittedAt" FROM j`;
  const rows = await db.prisma.$queryRawUnsafe<{ id: string; revision: number; submittedAt: string | null }[]>(sql, ...p);
  const r = rows[0];
  return r ? { id: r.id, revision: Number(r.revision), submittedAt: r.submittedAt ? new Date(r.submittedAt) : null } : null;
}
