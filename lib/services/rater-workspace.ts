// What a rater's pages receive: their queue and one assigned item with their own judgment. Nothing
// here carries other raters' scores, consensus, or whether an item is a gold item.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Rubric } from "@/lib/rubric/rubric";
import { getOwnAssignmentOrThrow, toOwnJudgment, type OwnJudgment } from "@/lib/services/judgments";
import { itemShape, rubricOf } from "@/lib/services/judgment-store";
import { saveRaterAlignment } from "@/lib/services/alignments";
import { assertRoundOpen } from "@/lib/services/round-lifecycle";
import { roundSettings } from "@/lib/services/rounds";
import { readWorkspaceRow, type JudgmentJson, type WorkspaceRow } from "@/lib/services/workspace-read";
import { tiersFromSpans, uniformTiers, type TierWord, type Tiers } from "@/lib/rater/tiers";

export async function getRaterQueue(db: Db, raterId: string) {
  const rows = await db.prisma.assignment.findMany({
    where: { raterId, round: { kind: { not: "IMPORT" }, closedAt: null } },
    orderBy: [{ round: { createdAt: "asc" } }, { position: "asc" }],
    select: { id: true, status: true, skipReason: true, round: { select: { name: true } }, item: { select: { text: true, durationSec: true } } },
  });
  const done = rows.filter((r) => r.status === "SUBMITTED" || r.status === "SKIPPED").length;
  const next = rows.find((r) => r.status === "IN_PROGRESS") ?? rows.find((r) => r.status === "PENDING");
  return {
    total: rows.length,
    done,
    nextAssignmentId: next?.id ?? null,
    rows: rows.map((r) => ({ id: r.id, status: r.status, round: r.round.name, text: r.item.text, durationSec: r.item.durationSec, skipReason: r.skipReason })),
  };
}

export interface Workspace {
  assignment: { id: string; status: string; position: number; skipReason: string | null };
  round: { id: string; name: string; kind: string; showModel: "after_submit" | "alongside" | "never"; instructions: string | null };
  item: { id: string; text: string; durationSec: number; words: { id: string; index: number; text: string; phones: { id: string; symbol: string }[] }[] };
  rubric: Rubric;
  tiers: Tiers;
  judgment: OwnJudgment | null;
  progress: { done: number; total: number };
  nextAssignmentId: string | null;
  /** The assignments before and after this one in the rater's order (keyboard previous / next item). */
  prevAssignmentId: string | null;
  followingAssignmentId: string | null;
}

export async function getWorkspace(db: Db, raterId: string, assignmentId: string): Promise<Workspace> {
  const a = await readWorkspaceRow(db, raterId, assignmentId);
  // One answer for "no such assignment" and "someone else's": ids are not to be probed.
  if (!a) throw new AppError("NOT_FOUND", "no such assignment in your queue");
  const shape = await itemShape(db, a.itemId);
  const words = shape.words.map((w) => ({ id: w.id, index: w.index, text: w.text, phones: w.phones.map((p) => ({ id: p.id, symbol: p.symbol })) }));
  const settings = roundSettings(a.settings);
  return {
    assignment: { id: a.id, status: a.status, position: a.position, skipReason: a.skipReason },
    round: { id: a.roundId, name: a.roundName, kind: a.roundKind, showModel: settings.showModel, instructions: settings.instructions ?? null },
    item: { id: a.itemId, text: a.text, durationSec: a.durationSec, words },
    rubric: rubricOf(a.rubric),
    tiers: tiersOf(a.alignment, words, a.durationSec),
    judgment: a.judgment ? judgmentOf(a.judgment, shape) : null,
    progress: { done: a.done, total: a.total },
    nextAssignmentId: a.next,
    prevAssignmentId: a.prev,
    followingAssignmentId: a.following,
  };
}

function tiersOf(alignment: WorkspaceRow["alignment"], words: TierWord[], durationSec: number): Tiers {
  if (!alignment) return uniformTiers(words, durationSec);
  const spans = alignment.spans.map(([wordId, phoneId, startSec, endSec]) => ({ wordId, phoneId, startSec, endSec }));
  return tiersFromSpans(words, durationSec, spans, alignment.source, alignment.source === "MODEL");
}

/** The judgment the workspace read returned, as the rater's pages see it, in the item's word/phone order. */
function judgmentOf(j: JudgmentJson, order: { wordIds: string[]; phoneIds: string[] }): OwnJudgment {
  return toOwnJudgment(
    {
      ...j,
      wordScores: j.words.map(([wordId, accuracy, stress, total, inserted]) => ({ wordId, accuracy, stress, total, insertedPhones: inserted ?? [] })),
      phoneScores: j.phones.map(([phoneId, score, pronounced]) => ({ phoneId, score, pronounced })),
    },
    order,
  );
}

/** Stores the rater's dragged boundaries for one of their own assignments. */
export async function saveOwnAlignment(db: Db, raterId: string, assignmentId: string, spans: Parameters<typeof saveRaterAlignment>[3]) {
  const a = await getOwnAssignmentOrThrow(db, raterId, assignmentId);
  assertRoundOpen(a.round, "alignments cannot be saved");
  return saveRaterAlignment(db, raterId, a.itemId, spans);
}
