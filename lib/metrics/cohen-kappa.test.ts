import { describe, it, expect } from "vitest";
import { cohenKappa } from "./cohen-kappa";

describe("cohenKappa", () => {
  it("unweighted: matches Cohen (1960) on a 2×2 table", () => {
    // 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: po = 0.7, pe = 0.5·0.6 + 0.5·0.4 = 0.5 → κ = 0.4
    const a = [...Array(25).fill(1), ...Array(25).fill(0)];
    const b = [...Array(20).fill(1), ...Array(5).fill(0), ...Array(10).fill(1), ...Array(15).fill(0)];
    expect(cohenKappa(a, b, { weighting: "unweighted" })).toBeCloseTo(0.4, 12);
  });

  it("quadratic: matches a hand computation", () => {
    // a = [0,1,2,2], b = [0,2,2,1]: observed Σw·o = (1 + 1)/4 = 0.5;
    // marginals a, b: 1/4, 1/4, 1/2; expected Σ (i−j)² a_i b_j = 2·(1/16 + 4/8 + 1/8) = 1.375 → κ = 1 − 0.5/1.375
    expect(cohenKappa([0, 1, 2, 2], [0, 2, 2, 1])).toBeCloseTo(1 - 0.5 / 1.375, 12);
  });

  it("linear differs from quadratic and unweighted", () => {
    const a = [0, 1, 2, 3, 4, 4, 3];
    const b = [0, 2, 2, 4, 4, 3, 1];
    const q = cohenKappa(a, b)!;
    const l = cohenKappa(a, b, { weighting: "linear" })!;
    const u = cohenKappa(a, b, { weighting: "unweighted" })!;
    expect(q).toBeGreaterThan(l);
    expect(l).toBeGreaterThan(u);
  });

  it("weights by value by default, by position when categories are given", () => {
    const a = [0, 5, 10, 10];
    const b = [0, 10, 10, 5];
    // values 0, 5, 10 are evenly spaced, so positions 0,1,2 give the same κ as values
    expect(cohenKappa(a, b)).toBeCloseTo(cohenKappa(a, b, { categories: [0, 5, 10] })!, 12);
    expect(cohenKappa([0, 1, 9, 9], [0, 9, 9, 1])).not.toBeCloseTo(cohenKappa([0, 1, 9, 9], [0, 9, 9, 1], { categories: [0, 1, 9] })!, 3);
    expect(() => cohenKappa([0, 3], [0, 1], { categories: [0, 1] })).toThrow(/not among/);
  });

  it("skips null pairs and returns null when undefined", () => {
    expect(cohenKappa([1, 2, null, 3], [1, 2, 3, null])).toBeCloseTo(1, 12);
    expect(cohenKappa([], [])).toBeNull();
    expect(cohenKappa([1], [1])).toBeNull();
    expect(cohenKappa([3, 3, 3], [3, 3, 3])).toBeNull();
  });
});
