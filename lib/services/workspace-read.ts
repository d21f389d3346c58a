// The lean SQL under getWorkspace (lib/services/rater-workspace.ts): one statement reads the
// rater's own assignment with its round, item, rubric, the rater's own judgment with its scores,
// the alignment to show (the rater's own, else a TextGrid, else the model's) with its spans, and
// the round's progress and next open assignment. The item's words/phones come from the per-process
// shape cache (items never change after import). Every part is scoped by the rater's id.
import type { Db } from "@/lib/db/client";

export interface WorkspaceRow {
  id: string;
  status: string;
  position: number;
  skipReason: string | null;
  itemId: string;
  roundId: string;
  roundName: string;
  roundKind: string;
  settings: string;
  text: string;
  durationSec: number;
  rubric: string;
  done: number;
  total: number;
  next: string | null;
  /** JSON text: the judgment header with `words` and `phones` score arrays, or null. */
  judgment: string | null;
  /** JSON text: { source, spans: [wordId, phoneId, startSec, endSec][] }, or null. */
  alignment: string | null;
}

const iso = (col: string) => `to_char(${col}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const SQL = `
WITH a AS (
  SELECT a.id, a.status::text AS status, a.position, a."skipReason", a."itemId", a."roundId",
         r.name AS "roundName", r.kind::text AS "roundKind", r.settings::text AS settings,
         i.text, i."durationSec", d.rubric::text AS rubric
    FROM "Assignment" a
    JOIN "Round" r ON r.id = a."roundId"
    JOIN "Item" i ON i.id = a."itemId"
    JOIN "Dataset" d ON d.id = i."datasetId"
   WHERE a.id = $1 AND a."raterId" = $2 AND r.kind <> 'IMPORT'
)
SELECT a.*,
  (SELECT count(*) FILTER (WHERE q.status IN ('SUBMITTED', 'SKIPPED'))::int FROM "Assignment" q WHERE q."raterId" = $2 AND q."roundId" = a."roundId") AS done,
  (SELECT count(*)::int FROM "Assignment" q WHERE q."raterId" = $2 AND q."roundId" = a."roundId") AS total,
  (SELECT q.id FROM "Assignment" q
    WHERE q."raterId" = $2 AND q."roundId" = a."roundId" AND q.id <> a.id AND q.status IN ('PENDING', 'IN_PROGRESS')
    ORDER BY (q.position > a.position) DESC, q.position ASC LIMIT 1) AS next,
  (SELECT json_build_object(
      'id', j.id, 'status', j.status, 'revision', j.revision,
      'accuracy', j.accuracy, 'fluency', j.fluency, 'prosody', j.prosody, 'completeness', j.completeness, 'total', j.total,
      'comment', j.comment, 'durationMs', j."durationMs", 'updatedAt', ${iso('j."updatedAt"')}, 'submittedAt', ${iso('j."submittedAt"')},
      'words', COALESCE((SELECT json_agg(json_build_array(w."wordId", w.accuracy, w.stress, w.total, w."insertedPhones")) FROM "WordScore" w WHERE w."judgmentId" = j.id), '[]'::json),
      'phones', COALESCE((SELECT json_agg(json_build_array(p."phoneId", p.score, p.pronounced)) FROM "PhoneScore" p WHERE p."judgmentId" = j.id), '[]'::json)
    )::text
     FROM "Judgment" j WHERE j."assignmentId" = a.id AND j."raterId" = $2 AND j.kind = 'RATER') AS judgment,
  (SELECT json_build_object('source', al.source,
      'spans', COALESCE((SELECT json_agg(json_build_array(s."wordId", s."phoneId", s."startSec", s."endSec")) FROM "AlignmentSpan" s WHERE s."alignmentId" = al.id), '[]'::json))::text
     FROM "Alignment" al
    WHERE al."itemId" = a."itemId" AND ((al.source = 'RATER' AND al."raterId" = $2) OR al.source IN ('TEXTGRID', 'MODEL'))
    ORDER BY CASE al.source WHEN 'RATER' THEN 0 WHEN 'TEXTGRID' THEN 1 ELSE 2 END, al."updatedAt" DESC
    LIMIT 1) AS alignment
FROM a`;

/** The rater's own assignment with everything the workspace shows, or null (missing and someone else's alike). */
export async function readWorkspaceRow(db: Db, raterId: string, assignmentId: string): Promise<WorkspaceRow | null> {
  const rows = await db.prisma.$queryRawUnsafe<WorkspaceRow[]>(SQL, assignmentId, raterId);
  const r = rows[0];
  return r ? { ...r, position: Number(r.position), durationSec: Number(r.durationSec), done: Number(r.done), total: Number(r.total) } : null;
}
