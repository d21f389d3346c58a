// Splits are by speaker: a speaker whose items sit in two splits leaks their voice from train into
// test. An item has exactly one split (one column), so only speakers need checking.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export interface SplitReport {
  splits: Record<string, number>;
  speakers: number;
  /** speaker → the splits their items are in, for speakers in more than one. */
  leaks: Record<string, string[]>;
}

export async function checkSplits(db: Db, datasetId: string): Promise<SplitReport> {
  const groups = await db.prisma.item.groupBy({ by: ["speakerId", "split"], where: { datasetId }, _count: { _all: true } });
  const splits: Record<string, number> = {};
  const bySpeaker = new Map<string, string[]>();
  for (const g of groups) {
    splits[g.split] = (splits[g.split] ?? 0) + g._count._all;
    bySpeaker.set(g.speakerId, [...(bySpeaker.get(g.speakerId) ?? []), g.split]);
  }
  const leaks: Record<string, string[]> = {};
  for (const [spk, ss] of bySpeaker) if (ss.length > 1) leaks[spk] = ss.sort();
  return { splits, speakers: bySpeaker.size, leaks };
}

/** Refuses an export from a dataset whose splits share speakers (unless the caller accepts it). */
export async function assertSplitHygiene(db: Db, datasetId: string, allowLeaks = false): Promise<SplitReport> {
  const r = await checkSplits(db, datasetId);
  const leaked = Object.entries(r.leaks);
  if (leaked.length && !allowLeaks) {
    throw new AppError(
      "CONFLICT",
      `${leaked.length} speaker(s) have items in more than one split; splits must be by speaker. Fix the splits or pass allowSplitLeaks.`,
      leaked.slice(0, 50).map(([spk, ss]) => ({ field: "split", message: `speaker ${spk} is in ${ss.join(" and ")}` })),
    );
  }
  return r;
}
