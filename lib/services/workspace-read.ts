// The read under getWorkspace (lib/services/rater-workspace.ts): one call of the SQL function
// attest_workspace (prisma/migrations/*_rater_hot_path_functions) returns the rater's own assignment
// with its round, item, rubric, the rater's own judgment with its scores, the alignment to show and
// the round's progress and next open assignment, as one JSON text. PostgreSQL keeps the function's
// plans, and the call goes to the driver directly (no ORM round trip): this runs on every workspace
// fetch. Every part is scoped by the rater's id.
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
  settings: unknown;
  text: string;
  durationSec: number;
  rubric: string;
  done: number;
  total: number;
  next: string | null;
  /** The assignments before and after this one in the rater's order (any status), or null. */
  prev: string | null;
  following: string | null;
  /** The judgment header with `words` and `phones` score arrays, or null. */
  judgment: JudgmentJson | null;
  /** The alignment to show with its spans as [wordId, phoneId, startSec, endSec], or null. */
  alignment: { source: "RATER" | "TEXTGRID" | "MODEL"; spans: [string | null, string | null, number, number][] } | null;
}

export interface JudgmentJson {
  id: string;
  status: "DRAFT" | "SUBMITTED";
  revision: number;
  accuracy: number | null;
  fluency: number | null;
  prosody: number | null;
  completeness: number | null;
  total: number | null;
  comment: string | null;
  durationMs: number | null;
  unfitValues: Record<string, string> | null;
  updatedAt: string;
  submittedAt: string | null;
  words: [string, number | null, number | null, number | null, string[] | null][];
  phones: [string, number | null, string | null][];
}

/** The rater's own assignment with everything the workspace shows, or null (missing and someone else's alike). */
export async function readWorkspaceRow(db: Db, raterId: string, assignmentId: string): Promise<WorkspaceRow | null> {
  const rows = await db.runner.query<{ w: string | null }>(`SELECT attest_workspace($1, $2) AS w`, [assignmentId, raterId]);
  const w = rows[0]?.w;
  return w ? (JSON.parse(w) as WorkspaceRow) : null;
}
