// The fast paths behind the agreement dashboard's bootstrap: grouping rows, pattern counts, shared
// resamples and mean squares from row summaries must give what the direct computations give.
import { describe, it, expect } from "vitest";
import { groupRows } from "./row-patterns";
import { agreementResampler } from "./agreement-resampler";
import { agreementWithCI, agreementWithCIMany } from "./agreement-ci";
import { bootstrapMany, bootstrapManyShared } from "./bootstrap-many";
import { iccMeanSquares } from "./icc";
import { meanSquaresFromRowSummaries } from "./icc-from-mean-squares";
import { krippendorffAlphaAll } from "./krippendorff-alpha";
import { fillUniformIndices, mulberry32, mulberry32Indices, randomInt } from "./random";

function synthetic(n: number, k: number, missing: number, seed: number, max = 10): (number | null)[][] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => {
    const truth = randomInt(rng, max + 1);
    return Array.from({ length: k }, () => (rng() < missing ? null : Math.max(0, Math.min(max, truth + randomInt(rng, 5) - 2))));
  });
}

describe("groupRows", () => {
  it("maps identical rows (short rows padded as missing) to one pattern and keeps each row's cells", () => {
    const m = [[1, 2, null], [1, 2], [2, 2, 2], [1, 2, null], [2, 2, 2]];
    const g = groupRows(m, 3);
    expect(g.values).toEqual([1, 2]);
    expect(g.P).toBe(2);
    expect([...g.patternOfUnit]).toEqual([0, 0, 1, 0, 1]);
    expect([...g.valueIndex]).toEqual([0, 1, -1, 1, 1, 1]);
    expect(g.dense[2]).toBeNaN();
    expect(g.complete).toBe(false);
    expect(groupRows([[1, 2], [3, 4]], 2).complete).toBe(true);
  });

  it("uses string keys when the numeric key would overflow, with the same grouping", () => {
    // 40 raters × 3 values: 4^40 > 2^53.
    const row = Array.from({ length: 40 }, (_, i) => i % 3);
    const g = groupRows([row, [...row], row.map((v) => (v + 1) % 3)], 40);
    expect(g.P).toBe(2);
    expect([...g.patternOfUnit]).toEqual([0, 0, 1]);
  });
});

describe("resampling by row pattern", () => {
  it("figuresOfPatterns equals figures over unit counts", () => {
    const m = synthetic(300, 4, 0.1, 21, 3);
    const r = agreementResampler(m);
    expect(r.patterns).toBeLessThan(m.length);
    const rng = mulberry32(3);
    const counts = new Int32Array(m.length);
    for (let i = 0; i < m.length; i++) counts[randomInt(rng, m.length)]++;
    const pc = new Float64Array(r.patterns);
    counts.forEach((c, u) => (pc[r.patternOfUnit[u]] += c));
    expect(r.figuresOfPatterns(pc)).toEqual(r.figures(counts));
  });

  it("ICC mean squares from row summaries equal the matrix's with rows repeated", () => {
    const m = synthetic(40, 5, 0, 8) as number[][];
    const counts = m.map((_, u) => u % 3);
    const k = 5;
    const rows = Float64Array.from(m.flat());
    const mean = Float64Array.from(m, (r) => r.reduce((s, v) => s + v, 0) / k);
    const ss = Float64Array.from(m, (r, u) => r.reduce((s, v) => s + (v - mean[u]) ** 2, 0));
    const w = meanSquaresFromRowSummaries(rows, mean, ss, m.length, k, counts)!;
    const direct = iccMeanSquares(m.flatMap((r, u) => Array.from({ length: counts[u] }, () => r)))!;
    for (const key of ["n", "k", "bms", "wms", "jms", "ems"] as const) expect(w[key]).toBeCloseTo(direct[key], 9);
    expect(meanSquaresFromRowSummaries(rows, mean, ss, m.length, k, new Array(m.length).fill(0))).toBeNull();
  });

  it("agreementWithCIMany gives each matrix exactly what agreementWithCI gives it alone", () => {
    const a = synthetic(120, 5, 0, 1);
    const b = synthetic(120, 5, 0.2, 2).map((r) => r.map((v) => (v === null ? null : v / 10)));
    const c = synthetic(80, 3, 0.05, 3, 2);
    const many = agreementWithCIMany([{ matrix: a }, { matrix: b, raters: 5 }, { matrix: c }], { seed: 4, replicates: 60 });
    expect(many[0]).toEqual(agreementWithCI(a, { seed: 4, replicates: 60 }));
    expect(many[1]).toEqual(agreementWithCI(b, { seed: 4, replicates: 60 }, 5));
    expect(many[2]).toEqual(agreementWithCI(c, { seed: 4, replicates: 60 }));
    expect(many[0].ci.icc.ICC2).not.toBeNull();
  });

  it("bootstrapManyShared gives each job bootstrapMany's intervals; fillUniformIndices is randomInt's stream", () => {
    const x = Array.from({ length: 50 }, (_, i) => Math.sin(i) * 10);
    const mean = (idx: ArrayLike<number>) => ({ mean: Array.from(idx).reduce((s, i) => s + x[i], 0) / idx.length });
    const first = (idx: ArrayLike<number>) => ({ mean: x[idx[0]] });
    const shared = bootstrapManyShared(x.length, [{ keys: ["mean"], statistics: mean }, { keys: ["mean"], statistics: first }], { seed: 9, replicates: 99 });
    expect(shared[0]).toEqual(bootstrapMany(x.length, ["mean"], mean, { seed: 9, replicates: 99 }));
    expect(shared[1]).toEqual(bootstrapMany(x.length, ["mean"], first, { seed: 9, replicates: 99 }));
    const a = mulberry32(5);
    const b = mulberry32(5);
    const out = new Int32Array(1000);
    fillUniformIndices(a, 37, out);
    expect([...out]).toEqual(Array.from({ length: 1000 }, () => randomInt(b, 37)));
    expect(() => fillUniformIndices(a, 0, out)).toThrow();
    // The inlined generator continues the same stream across calls.
    const draw = mulberry32Indices(12);
    const c = mulberry32(12);
    const twice = [new Int32Array(500), new Int32Array(300)];
    draw(1000, twice[0]);
    draw(7, twice[1]);
    expect([...twice[0]]).toEqual(Array.from({ length: 500 }, () => randomInt(c, 1000)));
    expect([...twice[1]]).toEqual(Array.from({ length: 300 }, () => randomInt(c, 7)));
  });
});

describe("buildCoincidences value lookup", () => {
  it("gives the same α for small integers (array lookup) as for shifted or fractional values (map lookup)", () => {
    const m = synthetic(200, 4, 0.2, 6);
    const base = krippendorffAlphaAll(m);
    const shifted = krippendorffAlphaAll(m.map((r) => r.map((v) => (v === null ? null : v + 10_000))));
    const negative = krippendorffAlphaAll(m.map((r) => r.map((v) => (v === null ? null : v - 5))));
    for (const other of [shifted, negative]) {
      expect(other.nominal).toBeCloseTo(base.nominal!, 12);
      expect(other.ordinal).toBeCloseTo(base.ordinal!, 12);
      expect(other.interval).toBeCloseTo(base.interval!, 12);
    }
    // −0 and 0 are one value, as in a Map.
    expect(krippendorffAlphaAll([[-0, 0], [1, 1], [0, 1]])).toEqual(krippendorffAlphaAll([[0, 0], [1, 1], [0, 1]]));
  });
});
