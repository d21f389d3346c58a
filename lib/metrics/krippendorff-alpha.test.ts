import { describe, it, expect } from "vitest";
import { alphaFromCoincidences, buildCoincidences, krippendorffAlpha, krippendorffAlphaAll, type AlphaLevel } from "./krippendorff-alpha";
import { mulberry32, randomInt } from "./random";

const _ = null;
// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the 4 observers × 12 units
// example with missing data (observers A–D as columns).
const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _];
const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3];
const C = [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _];
const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _];
const paper = A.map((_, u) => [A[u], B[u], C[u], D[u]]);

/** Brute force from the definition: every ordered pair of values within a unit and across all pairable values. */
function naiveAlpha(matrix: (number | null)[][], level: AlphaLevel): number {
  const units = matrix.map((r) => r.filter((v): v is number => v !== null)).filter((r) => r.length >= 2);
  const all = units.flat();
  const n = all.length;
  const freq = new Map<number, number>();
  for (const v of all) freq.set(v, (freq.get(v) ?? 0) + 1);
  const delta2 = (c: number, k: number): number => {
    if (level === "nominal") return c === k ? 0 : 1;
    if (level === "interval") return (c - k) ** 2;
    if (level === "ratio") return c + k === 0 ? 0 : ((c - k) / (c + k)) ** 2;
    const [lo, hi] = c < k ? [c, k] : [k, c];
    let s = 0;
    for (const [g, ng] of freq) if (g >= lo && g <= hi) s += ng;
    return (s - (freq.get(c)! + freq.get(k)!) / 2) ** 2;
  };
  let dObs = 0;
  for (const r of units) {
    for (let i = 0; i < r.length; i++) for (let j = 0; j < r.length; j++) if (i !== j) dObs += delta2(r[i], r[j]) / (r.length - 1);
  }
  let dExp = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) dExp += delta2(all[i], all[j]);
  return 1 - ((n - 1) * dObs) / dExp;
}

function randomMatrix(seed: number, units: number, raters: number, levels: number, missing: number): (number | null)[][] {
  const rng = mulberry32(seed);
  return Array.from({ length: units }, () => {
    const truth = randomInt(rng, levels);
    return Array.from({ length: raters }, () => {
      if (rng() < missing) return null;
      return Math.max(0, Math.min(levels - 1, truth + randomInt(rng, 3) - 1));
    });
  });
}

describe("krippendorffAlpha", () => {
  it("reproduces Krippendorff (2011): nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797", () => {
    const all = krippendorffAlphaAll(paper);
    expect(all.nominal).toBeCloseTo(0.743, 3);
    expect(all.ordinal).toBeCloseTo(0.815, 3);
    expect(all.interval).toBeCloseTo(0.849, 3);
    expect(all.ratio).toBeCloseTo(0.797, 3);
  });

  it("has the paper's marginals n_c = 9, 13, 10, 5, 3 (n = 40; unit 12 has one value and is dropped)", () => {
    const co = buildCoincidences(paper);
    expect(co.total).toBeCloseTo(40, 12);
    expect(co.values).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(co.marginals)).toEqual([9, 13, 10, 5, 3].map((x) => expect.closeTo(x, 12)));
  });

  it("matches the pairwise definition on random data with missing values, at every level", () => {
    for (const seed of [1, 2, 3]) {
      const m = randomMatrix(seed, 60, 5, 7, 0.25);
      for (const level of ["nominal", "ordinal", "interval", "ratio"] as const) {
        expect(krippendorffAlpha(m, level)).toBeCloseTo(naiveAlpha(m, level), 10);
      }
    }
  });

  it("gives the same result from the per-unit path (many distinct values) and the dense matrix", () => {
    const m = randomMatrix(9, 200, 6, 11, 0.2).map((r) => r.map((v) => (v === null ? null : v * 0.5 + 0.25)));
    const dense = buildCoincidences(m);
    const sparse = buildCoincidences(m, 0);
    for (const level of ["nominal", "ordinal", "interval", "ratio"] as const) {
      expect(alphaFromCoincidences(sparse, level)).toBeCloseTo(alphaFromCoincidences(dense, level)!, 12);
    }
  });

  it("treats missing as missing, not zero: padding with empty raters, short rows and lone ratings change nothing", () => {
    const padded = paper.map((r) => [...r, null, null]);
    const short = paper.map((r) => {
      const copy = [...r];
      while (copy.length && copy[copy.length - 1] === null) copy.pop();
      return copy;
    });
    const withLone = [...paper, [7, null, null, null], [null, null, null, null]];
    const ref = krippendorffAlphaAll(paper);
    expect(krippendorffAlphaAll(padded)).toEqual(ref);
    expect(krippendorffAlphaAll(short)).toEqual(ref);
    expect(krippendorffAlphaAll(withLone)).toEqual(ref);
    const zeroed = paper.map((r) => r.map((v) => v ?? 0));
    expect(krippendorffAlpha(zeroed, "interval")).not.toBeCloseTo(ref.interval!, 2);
  });

  it("is invariant to the order of units and of raters", () => {
    const m = randomMatrix(4, 50, 4, 5, 0.2);
    const shuffled = [...m].reverse().map((r) => [r[2], r[0], r[3], r[1]]);
    expect(krippendorffAlpha(shuffled, "ordinal")).toBeCloseTo(krippendorffAlpha(m, "ordinal")!, 12);
  });

  it("is 1 for perfect agreement with variation", () => {
    const m = [[1, 1, null], [2, 2, 2], [3, null, 3]];
    for (const v of Object.values(krippendorffAlphaAll(m))) expect(v).toBeCloseTo(1, 12);
  });

  it("returns null where alpha is undefined", () => {
    const none = { nominal: null, ordinal: null, interval: null, ratio: null };
    expect(krippendorffAlphaAll([])).toEqual(none);
    expect(krippendorffAlphaAll([[1], [2], [3]])).toEqual(none); // one rater: nothing pairable
    expect(krippendorffAlphaAll([[1, null], [null, 2]])).toEqual(none); // no unit with 2 ratings
    expect(krippendorffAlphaAll([[4, 4], [4, 4, 4]])).toEqual(none); // all equal: no expected disagreement
    expect(krippendorffAlphaAll([[0.1, 0.1, 0.1], [0.1, 0.1]])).toEqual(none);
  });

  it("works on any numeric scale, however small", () => {
    const tiny = paper.map((r) => r.map((v) => (v === null ? null : v * 1e-9)));
    expect(krippendorffAlpha(tiny, "interval")).toBeCloseTo(0.849, 3);
    expect(krippendorffAlpha(tiny, "ratio")).toBeCloseTo(0.797, 3);
  });

  it("returns null for the ratio level when a value is negative", () => {
    const m = [[-1, 1], [2, 2], [3, 2]];
    expect(krippendorffAlpha(m, "ratio")).toBeNull();
    expect(krippendorffAlpha(m, "interval")).not.toBeNull();
  });

  it("rejects NaN and infinite ratings with a clear error", () => {
    expect(() => krippendorffAlpha([[1, NaN], [2, 2]], "nominal")).toThrow(/finite/);
    expect(() => krippendorffAlpha([[1, Infinity], [2, 2]], "nominal")).toThrow(/finite/);
  });
});
