// Krippendorff's alpha with missing values (Krippendorff 2011, "Computing Krippendorff's
// Alpha-Reliability"), computed from one coincidence matrix over the distinct values.
import { assertFiniteOrNull, type RatingMatrix } from "./rating-matrix";

export type AlphaLevel = "nominal" | "ordinal" | "interval" | "ratio";
export const ALPHA_LEVELS: readonly AlphaLevel[] = ["nominal", "ordinal", "interval", "ratio"];

/** Coincidences o_ck among pairable values, over value indices (values map to indices). */
export interface Coincidences {
  /** Distinct pairable values, ascending; value index c refers to values[c]. */
  values: number[];
  /** Marginals n_c = Σ_k o_ck (the number of pairable occurrences of value c). */
  marginals: Float64Array;
  /** n = Σ_c n_c, the number of pairable values. */
  total: number;
  /** Non-zero cells o[row[i], col[i]] = weight[i]; null when there were too many distinct values. */
  cells: { row: Int32Array; col: Int32Array; weight: Float64Array } | null;
  /** Value indices of each pairable unit; kept instead of cells when the matrix would be too large. */
  units: Int32Array[] | null;
}

/** Above this many distinct values the V × V matrix is not materialised (8 MB at 1024). */
export const DENSE_VALUE_LIMIT = 1024;

/**
 * Builds o_ck = Σ_u (number of c–k pairs in unit u) / (m_u − 1) (Krippendorff 2011, §"coincidences"),
 * over units with m_u ≥ 2 values; units with fewer values are not pairable and are dropped.
 * Input is units × raters; null (or a short row) means missing. With more than `denseLimit`
 * distinct values (continuous data) the pairs are kept per unit instead of in a V × V matrix.
 */
export function buildCoincidences(matrix: RatingMatrix, denseLimit = DENSE_VALUE_LIMIT): Coincidences {
  // Pass 1: provisional value indices (first-seen order) for pairable units only, into one flat
  // array (unit u's values at flat[offset[u] .. offset[u + 1])): no allocation per unit.
  const firstSeen = new Map<number, number>();
  // Rating scales are small non-negative integers: look those up in an array, not the Map.
  const SMALL = 4096;
  const smallId = new Int32Array(SMALL).fill(-1);
  const seenValues: number[] = [];
  let pairable = 0;
  for (let u = 0; u < matrix.length; u++) {
    const row = matrix[u];
    let m = 0;
    for (let r = 0; r < row.length; r++) {
      const v = row[r];
      if (v === null || v === undefined) continue;
      assertFiniteOrNull(v, `krippendorffAlpha unit ${u}`);
      m++;
    }
    if (m >= 2) pairable += m;
  }
  const flat = new Int32Array(pairable);
  const offsets: number[] = [0];
  let at = 0;
  for (let u = 0; u < matrix.length; u++) {
    const row = matrix[u];
    let m = 0;
    for (let r = 0; r < row.length; r++) if (row[r] !== null && row[r] !== undefined) m++;
    if (m < 2) continue;
    for (let r = 0; r < row.length; r++) {
      const v = row[r];
      if (v === null || v === undefined) continue;
      const small = v >= 0 && v < SMALL && Number.isInteger(v); // -0 shares 0's slot, as in the Map
      let id = small ? smallId[v] : (firstSeen.get(v) ?? -1);
      if (id < 0) {
        id = seenValues.length;
        if (small) smallId[v] = id;
        else firstSeen.set(v, id);
        seenValues.push(v);
      }
      flat[at++] = id;
    }
    offsets.push(at);
  }
  // Sort distinct values ascending and remap provisional → sorted index.
  const order = seenValues.map((_, i) => i).sort((a, b) => seenValues[a] - seenValues[b]);
  const V = order.length;
  const remap = new Int32Array(V);
  order.forEach((old, sorted) => (remap[old] = sorted));
  const values = order.map((old) => seenValues[old]);
  const marginals = new Float64Array(V);
  // Each pairable value contributes Σ_k o_ck = (m−1)/(m−1) = 1.
  for (let i = 0; i < flat.length; i++) {
    flat[i] = remap[flat[i]];
    marginals[flat[i]] += 1;
  }
  const total = flat.length;
  if (V > denseLimit) {
    const unitIdx: Int32Array[] = [];
    for (let q = 0; q + 1 < offsets.length; q++) unitIdx.push(flat.subarray(offsets[q], offsets[q + 1]));
    return { values, marginals, total, cells: null, units: unitIdx };
  }

  // Pass 2: accumulate the V × V matrix, then keep its non-zero cells.
  const dense = new Float64Array(V * V);
  for (let q = 0; q + 1 < offsets.length; q++) {
    const from = offsets[q];
    const m = offsets[q + 1] - from;
    const w = 1 / (m - 1);
    for (let i = 0; i < m; i++) {
      const c = flat[from + i];
      for (let j = i + 1; j < m; j++) {
        const k = flat[from + j];
        dense[c * V + k] += w;
        dense[k * V + c] += w;
      }
    }
  }
  const keys: number[] = [];
  for (let key = 0; key < dense.length; key++) if (dense[key] !== 0) keys.push(key);
  const cells = {
    row: Int32Array.from(keys, (key) => Math.floor(key / V)),
    col: Int32Array.from(keys, (key) => key % V),
    weight: Float64Array.from(keys, (key) => dense[key]),
  };
  return { values, marginals, total, cells, units: null };
}

/** Σ_c Σ_k o_ck δ²(c, k), from the cells or, equivalently, from each unit's pairs weighted 1/(m_u − 1). */
function observedSum(co: Coincidences, d2: (c: number, k: number) => number): number {
  let sum = 0;
  if (co.cells) {
    const { row, col, weight } = co.cells;
    for (let i = 0; i < weight.length; i++) sum += weight[i] * d2(row[i], col[i]);
    return sum;
  }
  for (const idx of co.units!) {
    let unitSum = 0;
    for (let i = 0; i < idx.length; i++) for (let j = i + 1; j < idx.length; j++) unitSum += d2(idx[i], idx[j]);
    sum += (2 * unitSum) / (idx.length - 1); // δ² is symmetric: each unordered pair counts twice
  }
  return sum;
}

/** Σ o_ck (p_c − p_k)² / [2n Σ n_c (p_c − p̄)²], i.e. D_o/D_e·1/(n−1) for a squared-difference metric on positions p. */
function squaredDifferenceAlpha(co: Coincidences, p: ArrayLike<number>): number | null {
  const n = co.total;
  let mean = 0;
  for (let c = 0; c < p.length; c++) mean += co.marginals[c] * p[c];
  mean /= n;
  let ss = 0;
  for (let c = 0; c < p.length; c++) ss += co.marginals[c] * (p[c] - mean) ** 2;
  // Σ_c Σ_k n_c n_k (p_c − p_k)² = 2n Σ_c n_c (p_c − p̄)²
  const expected = 2 * n * ss;
  const observed = observedSum(co, (c, k) => (p[c] - p[k]) ** 2);
  return finishAlpha(n, observed, expected);
}

// α = 1 − D_o/D_e = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck (Krippendorff 2011, eq. for α).
function finishAlpha(n: number, observed: number, expected: number): number | null {
  if (!(expected > 0)) return null; // no expected disagreement: α undefined
  return 1 - ((n - 1) * observed) / expected;
}

function nominalAlpha(co: Coincidences): number | null {
  // δ_ck = 0 if c = k else 1; Σ n_c n_k δ = n² − Σ n_c².
  let sumSq = 0;
  for (const nc of co.marginals) sumSq += nc * nc;
  const observed = observedSum(co, (c, k) => (c === k ? 0 : 1));
  return finishAlpha(co.total, observed, co.total * co.total - sumSq);
}

function ordinalAlpha(co: Coincidences): number | null {
  // δ_ck = Σ_{g=c..k} n_g − (n_c + n_k)/2 (Krippendorff 2011) = r_k − r_c with r_g = Σ_{h≤g} n_h − n_g/2.
  const r = new Float64Array(co.values.length);
  let cum = 0;
  for (let g = 0; g < r.length; g++) {
    cum += co.marginals[g];
    r[g] = cum - co.marginals[g] / 2;
  }
  return squaredDifferenceAlpha(co, r);
}

function ratioAlpha(co: Coincidences): number | null {
  // δ²_ck = ((c − k)/(c + k))² (Krippendorff 2011); defined for non-negative values only.
  const v = co.values;
  if (v.length > 0 && v[0] < 0) return null;
  const d2 = (a: number, b: number) => (a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2);
  const observed = observedSum(co, (c, k) => d2(v[c], v[k]));
  let expected = 0; // O(V²) over distinct values: fine for rating scales, slow for thousands of distinct reals
  for (let c = 0; c < v.length; c++) {
    for (let k = c + 1; k < v.length; k++) expected += 2 * co.marginals[c] * co.marginals[k] * d2(v[c], v[k]);
  }
  return finishAlpha(co.total, observed, expected);
}

/** Alpha at one level from prebuilt coincidences; null when undefined (n < 2 or no expected disagreement). */
export function alphaFromCoincidences(co: Coincidences, level: AlphaLevel): number | null {
  // Fewer than 2 pairable values, or one distinct value (no variation): α undefined. Checked here,
  // not on D_e, because rounding can leave a tiny non-zero D_e when all values are equal.
  if (co.total < 2 || co.values.length < 2) return null;
  switch (level) {
    case "nominal":
      return nominalAlpha(co);
    case "ordinal":
      return ordinalAlpha(co);
    case "interval":
      return squaredDifferenceAlpha(co, co.values); // δ²_ck = (c − k)²
    case "ratio":
      return ratioAlpha(co);
    default:
      throw new Error(`unknown Krippendorff alpha level: ${String(level)}`);
  }
}

/** Krippendorff's alpha for a units × raters matrix (null = missing). */
export function krippendorffAlpha(matrix: RatingMatrix, level: AlphaLevel): number | null {
  return alphaFromCoincidences(buildCoincidences(matrix), level);
}

/** All four levels from one coincidence matrix. */
export function krippendorffAlphaAll(matrix: RatingMatrix): Record<AlphaLevel, number | null> {
  const co = buildCoincidences(matrix);
  return {
    nominal: alphaFromCoincidences(co, "nominal"),
    ordinal: alphaFromCoincidences(co, "ordinal"),
    interval: alphaFromCoincidences(co, "interval"),
    ratio: alphaFromCoincidences(co, "ratio"),
  };
}
