import { describe, it, expect } from "vitest";
import { agreementResampler } from "./agreement-resampler";
import { agreementFigures } from "./agreement-figures";
import { agreementWithCI } from "./agreement-ci";
import { mulberry32, randomInt } from "./random";
import type { RatingMatrix } from "./rating-matrix";

function synthetic(n: number, k: number, missing: number, seed: number): (number | null)[][] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => {
    const truth = randomInt(rng, 11);
    return Array.from({ length: k }, () => (rng() < missing ? null : Math.max(0, Math.min(10, truth + randomInt(rng, 5) - 2))));
  });
}

const close = (a: number | null, b: number | null) => {
  if (a === null || b === null) expect(a).toBe(b);
  else expect(a).toBeCloseTo(b, 10);
};

describe("agreementResampler", () => {
  it("equals agreementFigures when every unit is counted once", () => {
    for (const [m, missing] of [[synthetic(200, 5, 0.2, 3), 0.2], [synthetic(60, 4, 0, 4), 0]] as const) {
      const f = agreementFigures(m);
      const r = agreementResampler(m).figures(new Int32Array(m.length).fill(1));
      for (const l of ["nominal", "ordinal", "interval", "ratio"] as const) close(r.alpha[l], f.krippendorff[l]);
      close(r.fleiss, f.fleiss_kappa);
      close(r.meanPairwisePearson, f.mean_pairwise_pearson);
      close(r.icc.icc2, f.icc.ICC2);
      if (missing === 0) expect(f.icc.ICC2).not.toBeNull();
    }
  });

  it("equals agreementFigures on the resampled matrix for arbitrary counts", () => {
    const m = synthetic(120, 5, 0.15, 9);
    const rng = mulberry32(5);
    const idx = Array.from({ length: m.length }, () => randomInt(rng, m.length));
    const counts = new Int32Array(m.length);
    for (const i of idx) counts[i]++;
    const f = agreementFigures(idx.map((i) => m[i]));
    const r = agreementResampler(m).figures(counts);
    for (const l of ["nominal", "ordinal", "interval", "ratio"] as const) close(r.alpha[l], f.krippendorff[l]);
    close(r.fleiss, f.fleiss_kappa);
    close(r.meanPairwisePearson, f.mean_pairwise_pearson);
  });

  it("gives null, not NaN, when a resample has one distinct value", () => {
    const m: RatingMatrix = [[1, 1], [2, 2]];
    const r = agreementResampler(m).figures([2, 0]);
    expect(r.alpha.interval).toBeNull();
    expect(r.fleiss).toBeNull();
    expect(r.meanPairwisePearson).toBeNull();
  });
});

describe("agreementWithCI", () => {
  it("is reproducible with the same seed and brackets the estimate", () => {
    const m = synthetic(150, 4, 0.1, 11);
    const a = agreementWithCI(m, { seed: 7, replicates: 300 });
    const b = agreementWithCI(m, { seed: 7, replicates: 300 });
    const c = agreementWithCI(m, { seed: 8, replicates: 300 });
    expect(a).toEqual(b);
    expect(a.ci.krippendorff.interval).not.toEqual(c.ci.krippendorff.interval);
    const [lo, hi] = a.ci.krippendorff.interval!;
    expect(lo).toBeLessThan(a.krippendorff.interval!);
    expect(hi).toBeGreaterThan(a.krippendorff.interval!);
    expect(a.ci.icc.ICC2).toBeNull(); // missing cells: ICC undefined, not resampled
    expect(JSON.stringify(a)).not.toMatch(/NaN|Infinity/);
  });
});
