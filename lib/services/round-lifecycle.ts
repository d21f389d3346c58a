// A round's life after it is created: close (every write refused), reopen, archive (closed and out of
// the rounds list), unarchive, and raters added while it runs. Each change is written to the audit log.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { mulberry32, seededShuffle } from "@/lib/metrics/random";
import { roundSettings } from "@/lib/services/rounds";

type RoundHead = { name: string; closedAt: Date | null; archivedAt: Date | null };

/** The one refusal every write into a round goes through (409, naming the round). */
export function assertRoundOpen(round: RoundHead, what = "nothing can be saved in it"): void {
  if (round.archivedAt) throw new AppError("CONFLICT", `round “${round.name}” is archived: ${what} until it is reopened`);
  if (round.closedAt) throw new AppError("CONFLICT", `round “${round.name}” is closed: ${what} until it is reopened`);
}

async function roundOrThrow(db: Db, roundId: string) {
  const r = await db.prisma.round.findUnique({ where: { id: roundId } });
  if (!r || r.kind === "IMPORT") throw new AppError("NOT_FOUND", `no round ${roundId}`);
  return r;
}

export const ROUND_STATES = ["open", "closed", "archived"] as const;
export type RoundState = (typeof ROUND_STATES)[number];
export const roundState = (r: { closedAt: Date | null; archivedAt: Date | null }): RoundState => (r.archivedAt ? "archived" : r.closedAt ? "closed" : "open");

/**
 * Moves a round to a state: "open" (reopen: writes accepted again), "closed" (every write refused),
 * "archived" (closed, and left out of the rounds list). The first closing time is kept. Written to the
 * audit log with the state before and after.
 */
export async function setRoundState(db: Db, roundId: string, state: RoundState, userId: string | null) {
  const r = await roundOrThrow(db, roundId);
  const now = new Date();
  const data =
    state === "open" ? { closedAt: null, archivedAt: null }
    : state === "closed" ? { closedAt: r.closedAt ?? now, archivedAt: null }
    : { closedAt: r.closedAt ?? now, archivedAt: r.archivedAt ?? now };
  const updated = await db.prisma.$transaction(async (tx) => {
    const u = await tx.round.update({ where: { id: r.id }, data });
    await tx.auditLog.create({ data: { userId, action: "round.state", details: { roundId: r.id, name: r.name, before: roundState(r), after: state } } });
    return u;
  });
  return { id: updated.id, name: updated.name, state: roundState(updated), closedAt: updated.closedAt, archivedAt: updated.archivedAt };
}

const hash = (s: string) => [...s].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 0);

/**
 * Adds raters to a running round. A review round gives each new rater every item of the round. A
 * rating or A/B round keeps k raters per item: each new rater takes over unstarted assignments
 * (pending, nothing saved, not gold) from the raters with the most of them, one at a time, until the
 * unstarted work is shared evenly; items a rater already holds are never given twice. Seeded by the
 * round's seed, so the same call on the same state moves the same assignments.
 */
export async function addRatersToRound(db: Db, roundId: string, raterIds: string[], userId: string | null) {
  // The request's own content first: an empty one is refused whatever the round.
  const wanted = [...new Set(raterIds)];
  if (wanted.length === 0) throw new AppError("INVALID_INPUT", "choose at least one rater to add", [{ field: "raterIds", message: "empty" }]);
  const r = await roundOrThrow(db, roundId);
  assertRoundOpen(r, "raters cannot be added");
  const accounts = await db.prisma.user.findMany({ where: { id: { in: wanted }, role: "RATER", canSignIn: true, disabled: false }, select: { id: true } });
  const missing = wanted.filter((id) => !accounts.some((a) => a.id === id));
  if (missing.length) throw new AppError("INVALID_INPUT", "some raters are not active rater accounts", missing.map((id) => ({ field: "raterIds", message: `${id} is not an active rater` })));
  const settings = roundSettings(r.settings);
  const current = await db.prisma.assignment.findMany({
    where: { roundId },
    select: { id: true, itemId: true, raterId: true, position: true, status: true, isGold: true, startedAt: true, judgment: { select: { id: true } } },
    orderBy: [{ raterId: "asc" }, { position: "asc" }],
  });
  const inRound = new Set([...settings.raterIds, ...current.map((a) => a.raterId)]);
  const already = wanted.filter((id) => inRound.has(id));
  if (already.length) throw new AppError("INVALID_INPUT", "some raters are already in this round", already.map((id) => ({ field: "raterIds", message: `${id} is already a rater of this round` })));
  const newcomers = wanted.sort();

  const created: { roundId: string; itemId: string; raterId: string; position: number }[] = [];
  const moved: { id: string; raterId: string; position: number }[] = [];
  if (r.kind === "REVIEW") {
    const items = [...new Set(current.map((a) => a.itemId))].sort();
    for (const rid of newcomers) seededShuffle(items, (r.seed ^ hash(rid)) >>> 0).forEach((itemId, position) => created.push({ roundId, itemId, raterId: rid, position }));
  } else {
    // Unstarted work per rater, the last in each queue first (what they would reach last).
    const movable = new Map<string, typeof current>();
    const held = new Map<string, Set<string>>();
    for (const a of current) {
      if (!held.has(a.raterId)) held.set(a.raterId, new Set());
      held.get(a.raterId)!.add(a.itemId);
      if (a.status === "PENDING" && !a.startedAt && !a.judgment && !a.isGold) {
        if (!movable.has(a.raterId)) movable.set(a.raterId, []);
        movable.get(a.raterId)!.push(a);
      }
    }
    const rng = mulberry32((r.seed ^ 0x5bd1e995) >>> 0);
    const olders = seededShuffle([...movable.keys()].sort(), rng);
    const total = [...movable.values()].reduce((n, xs) => n + xs.length, 0);
    const share = Math.floor(total / (olders.length + newcomers.length));
    for (const rid of newcomers) {
      const mine = new Set<string>();
      const taken: string[] = [];
      while (taken.length < share) {
        // The rater with the most unstarted assignments gives one (ties: the seeded order).
        const donor = olders.filter((o) => (movable.get(o) ?? []).some((a) => !mine.has(a.itemId))).sort((a, b) => movable.get(b)!.length - movable.get(a)!.length)[0];
        if (!donor) break;
        const queue = movable.get(donor)!;
        let k = queue.length - 1;
        while (k >= 0 && mine.has(queue[k].itemId)) k--;
        const [a] = queue.splice(k, 1);
        mine.add(a.itemId);
        taken.push(a.id);
      }
      seededShuffle(taken, (r.seed ^ hash(rid)) >>> 0).forEach((id, position) => moved.push({ id, raterId: rid, position }));
    }
  }
  await db.prisma.$transaction(async (tx) => {
    for (const m of moved) {
      // Only if still unstarted (a rater may have opened it meanwhile): otherwise it stays theirs.
      await tx.assignment.updateMany({ where: { id: m.id, status: "PENDING", startedAt: null, judgment: { is: null } }, data: { raterId: m.raterId, position: m.position } });
    }
    if (created.length) await tx.assignment.createMany({ data: created });
    const next = { ...(r.settings as object), raterIds: [...settings.raterIds, ...newcomers] };
    await tx.round.update({ where: { id: roundId }, data: { settings: next } });
    await tx.auditLog.create({ data: { userId, action: "round.add-raters", details: { roundId, raterIds: newcomers, moved: moved.length, created: created.length } } });
  });
  const counts = Object.fromEntries(newcomers.map((id) => [id, moved.filter((m) => m.raterId === id).length + created.filter((c) => c.raterId === id).length]));
  return { id: r.id, added: newcomers, assignments: counts, moved: moved.length, created: created.length };
}
