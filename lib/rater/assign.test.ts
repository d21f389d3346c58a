import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { planAssignments } from "./assign";

const ids = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i}`);

describe("planAssignments", () => {
  it("gives every item exactly k distinct raters and balances the load within one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 }), fc.integer(), (n, r, kRaw, seed) => {
        const k = Math.min(kRaw, r);
        const plan = planAssignments({ itemIds: ids("i", n), raterIds: ids("r", r), k, seed });
        expect(plan).toHaveLength(n * k);
        const perItem = new Map<string, Set<string>>();
        for (const a of plan) {
          const s = perItem.get(a.itemId) ?? new Set();
          expect(s.has(a.raterId)).toBe(false);
          s.add(a.raterId);
          perItem.set(a.itemId, s);
        }
        for (const s of perItem.values()) expect(s.size).toBe(k);
        const loads = ids("r", r).map((x) => plan.filter((a) => a.raterId === x).length);
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
        // Positions are 0..load-1 per rater.
        for (const x of ids("r", r)) {
          const pos = plan.filter((a) => a.raterId === x).map((a) => a.position).sort((a, b) => a - b);
          expect(pos).toEqual(pos.map((_, i) => i));
        }
      }),
    );
  });

  it("is reproducible from the seed and changes with it", () => {
    const input = { itemIds: ids("i", 30), raterIds: ids("r", 5), k: 3 };
    const a = planAssignments({ ...input, seed: 7 });
    expect(planAssignments({ ...input, seed: 7 })).toEqual(a);
    expect(planAssignments({ ...input, seed: 8 })).not.toEqual(a);
  });

  it("mixes in gold items at the rate, never duplicating an item for a rater", () => {
    const items = ids("i", 20);
    const plan = planAssignments({ itemIds: items, raterIds: ids("r", 4), k: 2, seed: 1, goldItemIds: ["g0", "g1", "g2", "g3", "g4", "i0"], goldRate: 0.2 });
    for (const r of ids("r", 4)) {
      const mine = plan.filter((a) => a.raterId === r);
      expect(new Set(mine.map((a) => a.itemId)).size).toBe(mine.length);
      const gold = mine.filter((a) => a.isGold);
      expect(gold.length).toBe(2); // round(0.2 × 10): 4 gold items, each to k = 2 raters
    }
    expect(plan.some((a) => a.itemId === "i0" && a.isGold)).toBe(false); // already an ordinary item
  });

  it("gives gold items the same overlap as every other item: exactly k raters each (issue 16.9c)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 12 }), fc.double({ min: 0.05, max: 1, noNaN: true }), fc.integer(), (n, r, kRaw, g, rate, seed) => {
        const k = Math.min(kRaw, r);
        const plan = planAssignments({ itemIds: ids("i", n), raterIds: ids("r", r), k, seed, goldItemIds: ids("g", g), goldRate: rate });
        const perItem = new Map<string, Set<string>>();
        for (const a of plan) {
          const s = perItem.get(a.itemId) ?? new Set();
          expect(s.has(a.raterId)).toBe(false);
          perItem.set(a.itemId, s.add(a.raterId));
        }
        // Every item of the round, gold or not, is rated by exactly k raters: the overlap pattern
        // of the queues says nothing about which items are gold.
        for (const s of perItem.values()) expect(s.size).toBe(k);
        const loads = ids("r", r).map((x) => plan.filter((a) => a.raterId === x).length);
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("refuses k above the pool size", () => {
    expect(() => planAssignments({ itemIds: ["a"], raterIds: ["r"], k: 2, seed: 0 })).toThrow(/at least 2 raters/);
  });
});
