import { describe, it, expect } from "vitest";
import {
  calibrateConformal,
  conformalIntervals,
  conformalQuantile,
  conformalScores,
  coverageByBin,
  empiricalCoverage,
  meanWidth,
} from "./conformal";
import { mulberry32, randomNormal } from "./random";

/** Heteroscedastic Gaussian data: y ~ N(μ, σ²) with σ varying per item, and a model that knows σ up to 1.3×. */
function synthetic(seed: number, n: number) {
  const rng = mulberry32(seed);
  const mu: number[] = [];
  const sigma: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const m = 2 + 6 * rng();
    const s = 0.3 + 1.2 * rng();
    mu.push(m);
    sigma.push(1.3 * s);
    y.push(m + s * randomNormal(rng));
  }
  return { mu, sigma, y };
}

describe("conformal", () => {
  it("q̂ is the ⌈(n+1)(1−α)⌉-th smallest score, +Infinity when that rank exceeds n", () => {
    const scores = [5, 1, 4, 2, 3, 9, 8, 7, 6, 10];
    expect(conformalQuantile(scores, 0.2)).toBe(9); // ⌈11·0.8⌉ = 9
    expect(conformalQuantile(scores, 0.5)).toBe(6); // ⌈5.5⌉ = 6
    expect(conformalQuantile(Array.from({ length: 9 }, (_, i) => i + 1), 0.1)).toBe(9); // ⌈10·0.9⌉ = 9 despite 0.9·10 rounding
    expect(conformalQuantile(scores, 0.05)).toBe(Infinity); // ⌈10.45⌉ = 11 > 10
  });

  it("computes σ-normalised and plain scores", () => {
    expect(conformalScores([3, 1], [1, 2], [2, 0.5])).toEqual([1, 2]);
    expect(conformalScores([3, 1], [1, 2])).toEqual([2, 1]);
  });

  it("clips intervals to the scale, also for q̂ = Infinity", () => {
    expect(conformalIntervals([1, 9], 2, { min: 0, max: 10 }, [1, 1])).toEqual([
      { lower: 0, upper: 3 },
      { lower: 7, upper: 10 },
    ]);
    expect(conformalIntervals([5], Infinity, { min: 0, max: 10 })).toEqual([{ lower: 0, upper: 10 }]);
  });

  it("covers 1 − α = 0.9 on seeded Gaussian data (n_cal 2000, n_test 20000) within ±0.015", () => {
    const cal = synthetic(101, 2000);
    const test = synthetic(202, 20000);
    const scale = { min: -100, max: 100 };
    for (const normalized of [true, false]) {
      const { qhat } = calibrateConformal(cal.y, cal.mu, 0.1, normalized ? cal.sigma : undefined);
      const intervals = conformalIntervals(test.mu, qhat, scale, normalized ? test.sigma : undefined);
      const coverage = empiricalCoverage(test.y, intervals)!;
      expect(Math.abs(coverage - 0.9)).toBeLessThan(0.015);
      expect(meanWidth(intervals)!).toBeGreaterThan(0);
    }
  });

  it("reports coverage per bin of the true value", () => {
    const y = [1, 2, 8, 9];
    const iv = [
      { lower: 0, upper: 2 },
      { lower: 3, upper: 4 },
      { lower: 7, upper: 9 },
      { lower: 8, upper: 10 },
    ];
    const bins = coverageByBin(y, iv, (v) => (v < 5 ? "low" : "high"));
    expect(bins).toEqual([
      { bin: "low", n: 2, coverage: 0.5, meanWidth: 1.5 },
      { bin: "high", n: 2, coverage: 1, meanWidth: 2 },
    ]);
  });

  it("handles degenerate input with nulls or clear errors", () => {
    expect(empiricalCoverage([], [])).toBeNull();
    expect(meanWidth([])).toBeNull();
    expect(() => conformalQuantile([], 0.1)).toThrow(/no calibration/);
    expect(() => conformalQuantile([1], 0)).toThrow(/alpha/);
    expect(() => conformalScores([1], [1], [0])).toThrow(/sigma/);
    expect(() => conformalScores([1, 2], [1])).toThrow(/length/);
    expect(() => conformalScores([NaN], [1])).toThrow(/finite/);
    expect(() => empiricalCoverage([1], [])).toThrow(/intervals/);
  });
});
