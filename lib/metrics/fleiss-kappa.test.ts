import { describe, it, expect } from "vitest";
import { fleissKappa } from "./fleiss-kappa";

/** Expands Fleiss' (1971) table of category counts per subject into a units × raters matrix. */
function fromCounts(counts: number[][]): number[][] {
  return counts.map((row) => row.flatMap((c, cat) => Array<number>(c).fill(cat + 1)));
}

describe("fleissKappa", () => {
  it("reproduces the worked example on Wikipedia (10 subjects × 14 raters, 5 categories): κ = 0.210", () => {
    const counts = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    expect(fleissKappa(fromCounts(counts))).toBeCloseTo(0.21, 3);
  });

  it("handles missing ratings: nulls are skipped, units with fewer than 2 ratings dropped", () => {
    const m = [[1, 1, null], [2, 2, 2], [1, 2, null], [3, null, null], [null, null, null]];
    // units kept: {1,1}, {2,2,2}, {1,2}; P_i = 1, 1, 0 → P̄ = 2/3; p = (3/7, 4/7) → Pe = 25/49
    expect(fleissKappa(m)).toBeCloseTo((2 / 3 - 25 / 49) / (1 - 25 / 49), 12);
  });

  it("returns null when undefined", () => {
    expect(fleissKappa([])).toBeNull();
    expect(fleissKappa([[1], [2]])).toBeNull();
    expect(fleissKappa([[2, 2], [2, 2, 2]])).toBeNull();
  });
});
