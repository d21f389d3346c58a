// Intraclass correlations ICC(1,1), ICC(2,1), ICC(3,1) and their k-judge averages
// (Shrout & Fleiss 1979, "Intraclass correlations: uses in assessing rater reliability", Table 2).
import { type RatingMatrix } from "./rating-matrix";

export interface IccResult {
  icc1: number | null;
  icc2: number | null;
  icc3: number | null;
  icc1k: number | null;
  icc2k: number | null;
  icc3k: number | null;
}

/** Two-way ANOVA mean squares of a complete n targets × k judges matrix (Shrout & Fleiss 1979, Table 1). */
export interface IccMeanSquares {
  n: number;
  k: number;
  /** Between-targets mean square. */
  bms: number;
  /** Within-target mean square (one-way model). */
  wms: number;
  /** Between-judges mean square. */
  jms: number;
  /** Residual mean square (two-way model). */
  ems: number;
}

const ALL_NULL: IccResult = { icc1: null, icc2: null, icc3: null, icc1k: null, icc2k: null, icc3k: null };

/** Mean squares, or null if any cell is missing/non-finite, rows differ in length, n < 2 or k < 2. */
export function iccMeanSquares(matrix: RatingMatrix): IccMeanSquares | null {
  const n = matrix.length;
  if (n < 2) return null;
  const k = matrix[0].length;
  if (k < 2) return null;
  const rowMeans = new Float64Array(n);
  const colMeans = new Float64Array(k);
  let grand = 0;
  for (let i = 0; i < n; i++) {
    const row = matrix[i];
    if (row.length !== k) return null;
    for (let j = 0; j < k; j++) {
      const v = row[j];
      if (v === null || !Number.isFinite(v)) return null;
      rowMeans[i] += v;
      colMeans[j] += v;
      grand += v;
    }
  }
  grand /= n * k;
  for (let i = 0; i < n; i++) rowMeans[i] /= k;
  for (let j = 0; j < k; j++) colMeans[j] /= n;
  let ssRows = 0;
  let ssCols = 0;
  let ssTotal = 0;
  for (let i = 0; i < n; i++) ssRows += (rowMeans[i] - grand) ** 2;
  for (let j = 0; j < k; j++) ssCols += (colMeans[j] - grand) ** 2;
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) ssTotal += ((matrix[i][j] as number) - grand) ** 2;
  ssRows *= k;
  ssCols *= n;
  const ssWithin = Math.max(0, ssTotal - ssRows);
  const ssError = Math.max(0, ssTotal - ssRows - ssCols);
  return {
    n,
    k,
    bms: ssRows / (n - 1),
    wms: ssWithin / (n * (k - 1)),
    jms: ssCols / (k - 1),
    ems: ssError / ((n - 1) * (k - 1)),
  };
}

function ratio(num: number, den: number, scale: number): number | null {
  // A denominator that is zero up to rounding (relative to the data's mean squares) gives null, not ±Infinity.
  return Math.abs(den) <= 1e-12 * scale ? null : num / den;
}

/**
 * The six Shrout–Fleiss ICCs from a complete targets × judges matrix. All null when any cell is
 * missing, n < 2 or k < 2; an individual coefficient is null when its own denominator is 0
 * (e.g. all targets have the same mean, so BMS = 0).
 */
export function icc(matrix: RatingMatrix): IccResult {
  const ms = iccMeanSquares(matrix);
  if (!ms) return { ...ALL_NULL };
  const { n, k, bms, wms, jms, ems } = ms;
  const scale = bms + wms + jms + ems;
  if (!(scale > 0)) return { ...ALL_NULL }; // all cells equal
  return {
    icc1: ratio(bms - wms, bms + (k - 1) * wms, scale), // ICC(1,1) = (BMS − WMS)/(BMS + (k−1)WMS)
    icc2: ratio(bms - ems, bms + (k - 1) * ems + (k * (jms - ems)) / n, scale), // ICC(2,1) = (BMS − EMS)/(BMS + (k−1)EMS + k(JMS − EMS)/n)
    icc3: ratio(bms - ems, bms + (k - 1) * ems, scale), // ICC(3,1) = (BMS − EMS)/(BMS + (k−1)EMS)
    icc1k: ratio(bms - wms, bms, scale), // ICC(1,k) = (BMS − WMS)/BMS
    icc2k: ratio(bms - ems, bms + (jms - ems) / n, scale), // ICC(2,k) = (BMS − EMS)/(BMS + (JMS − EMS)/n)
    icc3k: ratio(bms - ems, bms, scale), // ICC(3,k) = (BMS − EMS)/BMS
  };
}
