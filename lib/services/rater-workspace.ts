// What a rater's pages receive: their queue and one assigned item with their own judgment. Nothing
// here carries other raters' scores, consensus, or whether an item is a gold item.
import type { Db } from "@/lib/db/client";
import { parseRubric, type Rubric } from "@/lib/rubric/rubric";
import { getOwnAssignmentOrThrow, getOwnJudgment, type OwnJudgment } from "@/lib/services/judgments";
import { resolveTiers, saveRaterAlignment } from "@/lib/services/alignments";
import { roundSettings } from "@/lib/services/rounds";
import type { Tiers } from "@/lib/rater/tiers";

const OPEN = ["PENDING", "IN_PROGRESS"] as const;

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
  round: { id: string; name: string; kind: string; showModel: "after_submit" | "alongside" | "never" };
  item: { id: string; text: string; durationSec: number; words: { id: string; index: number; text: string; phones: { id: string; symbol: string }[] }[] };
  rubric: Rubric;
  tiers: Tiers;
  judgment: OwnJudgment | null;
  progress: { done: number; total: number };
  nextAssignmentId: string | null;
}

export async function getWorkspace(db: Db, raterId: string, assignmentId: string): Promise<Workspace> {
  const a = await getOwnAssignmentOrThrow(db, raterId, assignmentId);
  const words = a.item.words.map((w) => ({ id: w.id, index: w.index, text: w.text, phones: w.phones.map((p) => ({ id: p.id, symbol: p.symbol })) }));
  const [tiers, judgment, queue] = await Promise.all([
    resolveTiers(db, a.itemId, raterId, words, a.item.durationSec),
    getOwnJudgment(db, raterId, assignmentId),
    db.prisma.assignment.findMany({
      where: { raterId, roundId: a.roundId },
      orderBy: { position: "asc" },
      select: { id: true, status: true, position: true },
    }),
  ]);
  const next =
    queue.find((q) => q.position > a.position && (OPEN as readonly string[]).includes(q.status)) ??
    queue.find((q) => q.id !== a.id && (OPEN as readonly string[]).includes(q.status));
  const settings = roundSettings(a.round.settings);
  return {
    assignment: { id: a.id, status: a.status, position: a.position, skipReason: a.skipReason },
    round: { id: a.round.id, name: a.round.name, kind: a.round.kind, showModel: settings.showModel },
    item: { id: a.item.id, text: a.item.text, durationSec: a.item.durationSec, words },
    rubric: parseRubric(a.item.dataset.rubric),
    tiers,
    judgment,
    progress: { done: queue.filter((q) => q.status === "SUBMITTED" || q.status === "SKIPPED").length, total: queue.length },
    nextAssignmentId: next?.id ?? null,
  };
}

/** Stores the rater's dragged boundaries for one of their own assignments. */
export async function saveOwnAlignment(db: Db, raterId: string, assignmentId: string, spans: Parameters<typeof saveRaterAlignment>[3]) {
  const a = await getOwnAssignmentOrThrow(db, raterId, assignmentId);
  return saveRaterAlignment(db, raterId, a.itemId, spans);
}
