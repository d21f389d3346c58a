// The six Shrout–Fleiss ICCs from ANOVA mean squares (Shrout & Fleiss 1979, Table 2), for callers
// that obtain the mean squares without a matrix (a bootstrap resample given as unit counts).
// Same formulas and null rules as icc(); icc-from-mean-squares.test.ts checks they agree.
import type { IccMeanSquares, IccResult } from "./icc";

const ALL_NULL: IccResult = { icc1: null, icc2: null, icc3: null, icc1k: null, icc2k: null, icc3k: null };

function ratio(num: number, den: number, scale: number): number | null {
  return Math.abs(den) <= 1e-12 * scale ? null : num / den;
}

export function iccFromMeanSquares(ms: IccMeanSquares | null): IccResult {
  if (!ms || ms.n < 2 || ms.k < 2) return { ...ALL_NULL };
  const { n, k, bms, wms, jms, ems } = ms;
  const scale = bms + wms + jms + ems;
  if (!(scale > 0)) return { ...ALL_NULL };
  return {
    icc1: ratio(bms - wms, bms + (k - 1) * wms, scale),
    icc2: ratio(bms - ems, bms + (k - 1) * ems + (k * (jms - ems)) / n, scale),
    icc3: ratio(bms - ems, bms + (k - 1) * ems, scale),
    icc1k: ratio(bms - wms, bms, scale),
    icc2k: ratio(bms - ems, bms + (jms - ems) / n, scale),
    icc3k: ratio(bms - ems, bms, scale),
  };
}

/** Mean squares of the matrix in which row u (of a complete n × k matrix, row-major) appears counts[u] times. */
export function weightedMeanSquares(dense: Float64Array, n: number, k: number, counts: ArrayLike<number>): IccMeanSquares | null {
  let N = 0;
  let grand = 0;
  const col = new Float64Array(k);
  for (let u = 0; u < n; u++) {
    const c = counts[u];
    if (!c) continue;
    N += c;
    for (let j = 0; j < k; j++) {
      const v = dense[u * k + j];
      col[j] += c * v;
      grand += c * v;
    }
  }
  if (N < 2 || k < 2) return null;
  grand /= N * k;
  let ssRows = 0;
  let ssTotal = 0;
  for (let u = 0; u < n; u++) {
    const c = counts[u];
    if (!c) continue;
    let rowSum = 0;
    for (let j = 0; j < k; j++) {
      const d = dense[u * k + j] - grand;
      rowSum += dense[u * k + j];
      ssTotal += c * d * d;
    }
    ssRows += c * (rowSum / k - grand) ** 2;
  }
  let ssCols = 0;
  for (let j = 0; j < k; j++) ssCols += (col[j] / N - grand) ** 2;
  ssRows *= k;
  ssCols *= N;
  const ssWithin = Math.max(0, ssTotal - ssRows);
  const ssError = Math.max(0, ssTotal - ssRows - ssCols);
  return { n: N, k, bms: ssRows / (N - 1), wms: ssWithin / (N * (k - 1)), jms: ssCols / (k - 1), ems: ssError / ((N - 1) * (k - 1)) };
}

/**
 * weightedMeanSquares from per-row summaries: row p (of P distinct complete rows, k values each,
 * row-major in `rows`) appears counts[p] times; rowMean[p] and rowSS[p] = Σ_j (x_pj − mean_p)² are
 * precomputed, so SS_within = Σ c_p rowSS[p] and SS_rows = k Σ c_p (mean_p − grand)² need no pass
 * over cells. Mathematically the same mean squares (Σ_j (x_pj − g)² = rowSS[p] + k (mean_p − g)²).
 */
export function meanSquaresFromRowSummaries(
  rows: Float64Array,
  rowMean: Float64Array,
  rowSS: Float64Array,
  P: number,
  k: number,
  counts: ArrayLike<number>,
): IccMeanSquares | null {
  let N = 0;
  const col = new Float64Array(k);
  for (let p = 0; p < P; p++) {
    const c = counts[p];
    if (!c) continue;
    N += c;
    for (let j = 0; j < k; j++) col[j] += c * rows[p * k + j];
  }
  if (N < 2 || k < 2) return null;
  let grand = 0;
  for (let j = 0; j < k; j++) grand += col[j];
  grand /= N * k;
  let ssRows = 0;
  let ssWithin = 0;
  for (let p = 0; p < P; p++) {
    const c = counts[p];
    if (!c) continue;
    ssRows += c * (rowMean[p] - grand) ** 2;
    ssWithin += c * rowSS[p];
  }
  let ssCols = 0;
  for (let j = 0; j < k; j++) ssCols += (col[j] / N - grand) ** 2;
  ssRows *= k;
  ssCols *= N;
  const ssError = Math.max(0, ssWithin - ssCols);
  return { n: N, k, bms: ssRows / (N - 1), wms: ssWithin / (N * (k - 1)), jms: ssCols / (k - 1), ems: ssError / ((N - 1) * (k - 1)) };
}
