// Balanced, seeded assignment of items to raters: every item gets exactly k distinct raters, every
// rater's load differs from every other's by at most one, and the same seed gives the same plan.
// Gold items (known consensus) are mixed into each rater's queue at a set rate to measure raters.
import { mulberry32, randomInt, seededShuffle } from "@/lib/metrics/random";

export interface PlannedAssignment {
  itemId: string;
  raterId: string;
  /** Queue order within the rater's queue, 0-based. */
  position: number;
  isGold: boolean;
}

export interface AssignmentPlanInput {
  itemIds: readonly string[];
  raterIds: readonly string[];
  k: number;
  seed: number;
  /** Items whose consensus is known; about round(goldRate × load) per rater, each to k raters. */
  goldItemIds?: readonly string[];
  goldRate?: number;
}

export function planAssignments(input: AssignmentPlanInput): PlannedAssignment[] {
  const raters = [...new Set(input.raterIds)];
  const items = [...new Set(input.itemIds)];
  const { k, seed } = input;
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive whole number, got ${k}`);
  if (k > raters.length) throw new Error(`k = ${k} raters per item needs at least ${k} raters in the pool, got ${raters.length}`);
  const rng = mulberry32(seed);
  const order = seededShuffle(items, rng);
  // Ties in load are broken by a seeded rank, rotated per item, so no rater is always first.
  const rank = new Map(seededShuffle(raters, rng).map((r, i) => [r, i] as const));
  const load = new Map<string, number>(raters.map((r) => [r, 0]));
  const byRater = new Map<string, { itemId: string; isGold: boolean }[]>(raters.map((r) => [r, []]));
  order.forEach((itemId, n) => {
    const picked = [...raters]
      .sort((a, b) => load.get(a)! - load.get(b)! || ((rank.get(a)! + n) % raters.length) - ((rank.get(b)! + n) % raters.length))
      .slice(0, k);
    for (const r of picked) {
      load.set(r, load.get(r)! + 1);
      byRater.get(r)!.push({ itemId, isGold: false });
    }
  });

  // Gold items follow the same overlap pattern as every other item: each goes to exactly k raters
  // (those with the least work so far), so raters comparing their queues cannot find the gold items
  // as the ones only one of them has. Enough of them are drawn for about round(goldRate × load) per
  // rater; gold items that are already in the round as ordinary items are not drawn again.
  const items0 = new Set(items);
  const gold = [...new Set(input.goldItemIds ?? [])].filter((g) => !items0.has(g));
  const rate = input.goldRate ?? 0;
  if (rate < 0 || rate > 1) throw new Error(`goldRate must be between 0 and 1, got ${rate}`);
  if (gold.length && rate > 0) {
    const wanted = raters.reduce((sum, r) => sum + Math.max(1, Math.round(rate * byRater.get(r)!.length)), 0);
    const drawn = seededShuffle(gold, rng).slice(0, Math.ceil(wanted / k));
    drawn.forEach((itemId, n) => {
      const picked = [...raters]
        .sort((a, b) => load.get(a)! - load.get(b)! || ((rank.get(a)! + n) % raters.length) - ((rank.get(b)! + n) % raters.length))
        .slice(0, k);
      for (const r of picked) {
        load.set(r, load.get(r)! + 1);
        byRater.get(r)!.push({ itemId, isGold: true });
      }
    });
  }

  const out: PlannedAssignment[] = [];
  for (const r of raters) {
    const queue = byRater.get(r)!;
    // Gold items are interleaved at random positions so a rater cannot tell them apart by place.
    const mixed = queue.filter((q) => !q.isGold);
    for (const g of queue.filter((q) => q.isGold)) mixed.splice(randomInt(rng, mixed.length + 1), 0, g);
    mixed.forEach((q, position) => out.push({ itemId: q.itemId, raterId: r, position, isGold: q.isGold }));
  }
  return out;
}
