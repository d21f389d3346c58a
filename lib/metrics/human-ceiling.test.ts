import { describe, it, expect } from "vitest";
import { pearson } from "./correlation";
import { leaveOneRaterOut, meanPairwisePearson } from "./human-ceiling";

const m = [
  [1, 2, 1],
  [2, 2, null],
  [3, 4, 3],
  [4, 3, 5],
  [5, null, null],
  [null, 1, 2],
];

describe("leaveOneRaterOut", () => {
  it("correlates each rater with the mean of the others on units where both exist", () => {
    const r = leaveOneRaterOut(m);
    // rater 0: units 0–3 (unit 4 has no other rating); others' means 1.5, 2, 3.5, 4
    expect(r.perRater[0].n).toBe(4);
    expect(r.perRater[0].pearson).toBeCloseTo(pearson([1, 2, 3, 4], [1.5, 2, 3.5, 4])!, 12);
    // rater 2: units 0, 2, 3, 5; others 1.5, 3.5, 3.5, 1
    expect(r.perRater[2].pearson).toBeCloseTo(pearson([1, 3, 5, 2], [1.5, 3.5, 3.5, 1])!, 12);
    const defined = r.perRater.map((p) => p.pearson!);
    expect(r.mean).toBeCloseTo(defined.reduce((s, v) => s + v, 0) / 3, 12);
  });

  it("gives null per rater and overall when undefined", () => {
    expect(leaveOneRaterOut([])).toEqual({ perRater: [], mean: null });
    const one = leaveOneRaterOut([[1], [2], [3]]);
    expect(one.perRater[0]).toEqual({ rater: 0, n: 0, pearson: null });
    expect(one.mean).toBeNull();
    expect(leaveOneRaterOut([[3, 3], [3, 3]]).mean).toBeNull();
  });
});

describe("meanPairwisePearson", () => {
  it("averages Pearson over rater pairs on jointly rated units", () => {
    const r = meanPairwisePearson(m);
    expect(r.pairs).toHaveLength(3);
    expect(r.pairs[0]).toMatchObject({ raterA: 0, raterB: 1, n: 4 });
    expect(r.pairs[0].pearson).toBeCloseTo(pearson([1, 2, 3, 4], [2, 2, 4, 3])!, 12);
    const mean = r.pairs.reduce((s, p) => s + p.pearson!, 0) / 3;
    expect(r.mean).toBeCloseTo(mean, 12);
  });

  it("returns null mean with fewer than two raters", () => {
    expect(meanPairwisePearson([[1], [2]])).toEqual({ pairs: [], mean: null });
  });
});
