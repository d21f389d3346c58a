import { describe, it, expect } from "vitest";
import { bootstrapCI, quantileSorted, selectUnits } from "./bootstrap";
import { pearson } from "./correlation";
import { mulberry32, randomNormal } from "./random";

const rng = mulberry32(11);
const x = Array.from({ length: 200 }, () => randomNormal(rng));
const y = x.map((v) => v + randomNormal(rng));
const meanOf = (idx: readonly number[]) => idx.reduce((s, i) => s + x[i], 0) / idx.length;

describe("bootstrapCI", () => {
  it("gives identical intervals for the same seed and different ones for another seed", () => {
    const stat = (idx: readonly number[]) => pearson(selectUnits(x, idx), selectUnits(y, idx));
    const a = bootstrapCI(x.length, stat, { seed: 5, replicates: 300 });
    const b = bootstrapCI(x.length, stat, { seed: 5, replicates: 300 });
    const c = bootstrapCI(x.length, stat, { seed: 6, replicates: 300 });
    expect(b).toEqual(a);
    expect(c.lower).not.toBe(a.lower);
    expect(a.lower!).toBeLessThan(a.estimate!);
    expect(a.upper!).toBeGreaterThan(a.estimate!);
    expect(a.valid).toBe(300);
  });

  it("covers the mean with a width close to the normal-theory interval", () => {
    const ci = bootstrapCI(x.length, meanOf, { seed: 1, replicates: 2000, confidence: 0.9 });
    const m = meanOf(x.map((_, i) => i));
    const sd = Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1));
    const normalWidth = 2 * 1.6449 * (sd / Math.sqrt(x.length));
    expect(ci.upper! - ci.lower!).toBeGreaterThan(0.85 * normalWidth);
    expect(ci.upper! - ci.lower!).toBeLessThan(1.15 * normalWidth);
  });

  it("drops resamples whose statistic is undefined and reports how many were valid", () => {
    const ci = bootstrapCI(3, (idx) => (new Set(idx).size < 2 ? null : idx.length), { seed: 2, replicates: 100 });
    expect(ci.valid).toBeLessThan(100);
    expect(ci.valid).toBeGreaterThan(0);
    const none = bootstrapCI(2, () => null, { seed: 2, replicates: 10 });
    expect(none).toMatchObject({ estimate: null, lower: null, upper: null, valid: 0 });
  });

  it("rejects bad arguments and non-finite statistics", () => {
    expect(() => bootstrapCI(0, meanOf, { seed: 1 })).toThrow(/nUnits/);
    expect(() => bootstrapCI(5, meanOf, { seed: 1, confidence: 1 })).toThrow(/confidence/);
    expect(() => bootstrapCI(5, () => NaN, { seed: 1 })).toThrow(/statistic/);
  });
});

describe("quantileSorted", () => {
  it("interpolates like R's type 7", () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([7], 0.9)).toBe(7);
    expect(() => quantileSorted([], 0.5)).toThrow(/empty/);
  });
});
