import { describe, it, expect } from "vitest";
import { offsetFromOthers, raterBias, raterDrift } from "./rater-bias";
import { consensusOf } from "./consensus";

describe("raterBias", () => {
  it("is each rater's mean offset from the mean of the others, skipping missing cells", () => {
    const m = [
      [5, 3, 4],
      [6, 4, null],
      [7, null, null],
    ];
    expect(offsetFromOthers(m, 0, 0)).toBe(1.5);
    expect(offsetFromOthers(m, 2, 0)).toBeNull(); // nobody else rated unit 2
    const b = raterBias(m);
    expect(b[0]).toEqual({ rater: 0, n: 2, bias: 1.75, sd: Math.sqrt(0.125) });
    expect(b[2]).toMatchObject({ n: 1, bias: 0, sd: null });
  });
});

describe("raterDrift", () => {
  it("averages consecutive windows of the working order", () => {
    expect(raterDrift([0, 0, 1, 1, 2, 2], 3).map((p) => p.bias)).toEqual([0, 1, 2]);
    expect(raterDrift([1, 2], 5)).toHaveLength(2);
    expect(() => raterDrift([1], 0)).toThrow();
  });
});

describe("consensusOf", () => {
  it("takes the median or mean of present values, null when none", () => {
    expect(consensusOf([1, null, 3, 10], "median")).toBe(3);
    expect(consensusOf([1, 2, 3, 10], "median")).toBe(2.5);
    expect(consensusOf([1, null, 3], "mean")).toBe(2);
    expect(consensusOf([null, null], "median")).toBeNull();
  });
});
