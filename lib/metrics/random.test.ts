import { describe, it, expect } from "vitest";
import { mulberry32, randomInt, randomNormal, seededShuffle } from "./random";

describe("random", () => {
  it("mulberry32 is reproducible, seed-dependent and in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, v) => s + v, 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  it("randomNormal has mean ≈ 0 and variance ≈ 1", () => {
    const rng = mulberry32(7);
    const xs = Array.from({ length: 20000 }, () => randomNormal(rng));
    const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
    const variance = xs.reduce((s, v) => s + (v - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it("seededShuffle is a reproducible permutation that leaves its input alone", () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const s1 = seededShuffle(items, 3);
    expect(seededShuffle(items, 3)).toEqual(s1);
    expect(seededShuffle(items, 4)).not.toEqual(s1);
    expect([...s1].sort((a, b) => a - b)).toEqual(items);
    expect(items[0]).toBe(0);
  });

  it("rejects bad seeds and bounds", () => {
    expect(() => mulberry32(NaN)).toThrow(/seed/);
    expect(() => randomInt(mulberry32(1), 0)).toThrow(/positive/);
  });
});
