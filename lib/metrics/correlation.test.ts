import { describe, it, expect } from "vitest";
import { averageRanks, pearson, spearman } from "./correlation";

describe("pearson", () => {
  it("matches a hand-computed value", () => {
    // x̄ = 3, ȳ = 4; Σdxdy = 8, Σdx² = 10, Σdy² = 14 → r = 8/√140
    expect(pearson([1, 2, 3, 4, 5], [2, 3, 4, 7, 4])).toBeCloseTo(8 / Math.sqrt(140), 12);
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
  });

  it("skips pairs with a null on either side", () => {
    expect(pearson([1, null, 2, 3, 9], [2, 5, 4, 6, null])).toBeCloseTo(1, 12);
  });

  it("returns null for n < 2 or zero variance, and throws on unequal lengths or NaN", () => {
    expect(pearson([], [])).toBeNull();
    expect(pearson([1], [2])).toBeNull();
    expect(pearson([1, null], [null, 2])).toBeNull();
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(pearson([0.1, 0.1, 0.1], [1, 2, 3])).toBeNull();
    expect(() => pearson([1, 2], [1])).toThrow(/length/);
    expect(() => pearson([1, NaN], [1, 2])).toThrow(/finite/);
  });
});

describe("spearman", () => {
  it("uses average ranks for ties", () => {
    expect(Array.from(averageRanks([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
    // ranks x: 1, 2.5, 2.5, 4; y: 1, 2, 3, 4 → Pearson of ranks = 4.5/√(4.5·5) = 0.9486833
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(0.9486832980505138, 12);
  });

  it("is 1 for any monotone relation and skips nulls", () => {
    expect(spearman([1, 2, 3, 4, null], [1, 8, 27, 64, 0])).toBeCloseTo(1, 12);
  });

  it("returns null for constant input", () => {
    expect(spearman([2, 2, 2], [1, 2, 3])).toBeNull();
  });
});
