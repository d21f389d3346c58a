// Agreement figures of a bootstrap resample computed from per-unit sufficient statistics: a
// resample is a count c_u per unit, and Krippendorff's coincidences, Fleiss' per-unit agreement
// and each rater pair's Pearson sums are all sums over units, so a replicate costs one weighted
// pass over precomputed unit summaries instead of rebuilding the matrix (≈ 10× faster).
// The point estimates stay with agreementFigures; this is checked against it (counts all 1).
import { ALPHA_LEVELS, alphaFromCoincidences, DENSE_VALUE_LIMIT, type AlphaLevel, type Coincidences } from "./krippendorff-alpha";
import type { IccResult } from "./icc";
import { iccFromMeanSquares, weightedMeanSquares } from "./icc-from-mean-squares";
import { raterCount, type RatingMatrix } from "./rating-matrix";

export interface ResampleFigures {
  alpha: Record<AlphaLevel, number | null>;
  icc: IccResult;
  fleiss: number | null;
  meanPairwisePearson: number | null;
}

export interface AgreementResampler {
  /** Figures of the resample in which unit u appears counts[u] times. */
  figures(counts: ArrayLike<number>): ResampleFigures;
}

export function agreementResampler(matrix: RatingMatrix, raters = raterCount(matrix)): AgreementResampler {
  const n = matrix.length;
  const k = raters;
  // Distinct values (ascending) over every present cell.
  const valueSet = new Set<number>();
  for (const row of matrix) for (const v of row) if (v !== null && v !== undefined) valueSet.add(v);
  const values = [...valueSet].sort((a, b) => a - b);
  const V = values.length;
  const vIndex = new Map(values.map((v, i) => [v, i]));
  // Per unit: present value indices (for α and Fleiss) and the dense row (for pairs and ICC).
  const unitIdx: (Int32Array | null)[] = new Array(n);
  const unitP = new Float64Array(n); // Fleiss P_u
  const dense = new Float64Array(n * k).fill(NaN);
  let complete = n >= 2 && k >= 2;
  for (let u = 0; u < n; u++) {
    const row = matrix[u];
    const idx: number[] = [];
    for (let r = 0; r < k; r++) {
      const v = row[r];
      if (v === null || v === undefined) {
        complete = false;
        continue;
      }
      dense[u * k + r] = v;
      idx.push(vIndex.get(v)!);
    }
    const m = idx.length;
    unitIdx[u] = m >= 2 ? Int32Array.from(idx) : null;
    if (m >= 2) {
      const c = new Map<number, number>();
      for (const i of idx) c.set(i, (c.get(i) ?? 0) + 1);
      let agree = 0;
      for (const x of c.values()) agree += x * (x - 1);
      unitP[u] = agree / (m * (m - 1));
    }
  }
  const pairs: [number, number][] = [];
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) pairs.push([a, b]);

  function alphaOf(counts: ArrayLike<number>): Record<AlphaLevel, number | null> {
    const marg = new Float64Array(V);
    const o = V <= DENSE_VALUE_LIMIT ? new Float64Array(V * V) : null;
    const repeated: Int32Array[] = [];
    for (let u = 0; u < n; u++) {
      const c = counts[u];
      const idx = unitIdx[u];
      if (!c || !idx) continue;
      const m = idx.length;
      for (let i = 0; i < m; i++) marg[idx[i]] += c;
      if (o) {
        const w = c / (m - 1);
        for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) {
          o[idx[i] * V + idx[j]] += w;
          o[idx[j] * V + idx[i]] += w;
        }
      } else for (let t = 0; t < c; t++) repeated.push(idx);
    }
    // Keep only values present in this resample, as buildCoincidences does.
    const keep: number[] = [];
    for (let v = 0; v < V; v++) if (marg[v] > 0) keep.push(v);
    const remap = new Int32Array(V).fill(-1);
    keep.forEach((v, i) => (remap[v] = i));
    let total = 0;
    for (const v of keep) total += marg[v];
    const co: Coincidences = {
      values: keep.map((v) => values[v]),
      marginals: Float64Array.from(keep, (v) => marg[v]),
      total,
      cells: null,
      units: null,
    };
    if (o) {
      const row: number[] = [];
      const col: number[] = [];
      const weight: number[] = [];
      for (const a of keep) for (const b of keep) {
        const w = o[a * V + b];
        if (w !== 0) (row.push(remap[a]), col.push(remap[b]), weight.push(w));
      }
      co.cells = { row: Int32Array.from(row), col: Int32Array.from(col), weight: Float64Array.from(weight) };
    } else co.units = repeated.map((idx) => Int32Array.from(idx, (v) => remap[v]));
    return Object.fromEntries(ALPHA_LEVELS.map((l) => [l, alphaFromCoincidences(co, l)])) as Record<AlphaLevel, number | null>;
  }

  function fleissOf(counts: ArrayLike<number>): number | null {
    // κ = (P̄ − P̄_e)/(1 − P̄_e) (Fleiss 1971), as fleissKappa with per-unit n_i.
    const cat = new Float64Array(V);
    let sumP = 0;
    let units = 0;
    let ratings = 0;
    for (let u = 0; u < n; u++) {
      const c = counts[u];
      const idx = unitIdx[u];
      if (!c || !idx) continue;
      for (let i = 0; i < idx.length; i++) cat[idx[i]] += c;
      sumP += c * unitP[u];
      units += c;
      ratings += c * idx.length;
    }
    if (units === 0) return null;
    let pe = 0;
    for (let v = 0; v < V; v++) pe += (cat[v] / ratings) ** 2;
    if (!(1 - pe > 1e-15)) return null;
    return (sumP / units - pe) / (1 - pe);
  }

  function pairwiseOf(counts: ArrayLike<number>): number | null {
    let sum = 0;
    let defined = 0;
    for (const [a, b] of pairs) {
      let m = 0, sx = 0, sy = 0;
      for (let u = 0; u < n; u++) {
        const c = counts[u];
        if (!c) continue;
        const x = dense[u * k + a];
        const y = dense[u * k + b];
        if (x !== x || y !== y) continue; // NaN = missing
        m += c;
        sx += c * x;
        sy += c * y;
      }
      if (m < 2) continue;
      // Two passes around the means, as pearsonComplete does, for the same zero-variance rule.
      const mx = sx / m;
      const my = sy / m;
      let sxy = 0, sxx = 0, syy = 0;
      for (let u = 0; u < n; u++) {
        const c = counts[u];
        if (!c) continue;
        const x = dense[u * k + a];
        const y = dense[u * k + b];
        if (x !== x || y !== y) continue;
        const dx = x - mx;
        const dy = y - my;
        sxy += c * dx * dy;
        sxx += c * dx * dx;
        syy += c * dy * dy;
      }
      const tol = 1e-24 * m;
      if (sxx <= tol * (mx * mx + 1) || syy <= tol * (my * my + 1)) continue;
      sum += Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
      defined++;
    }
    return defined ? sum / defined : null;
  }

  function iccOf(counts: ArrayLike<number>): IccResult {
    return iccFromMeanSquares(complete ? weightedMeanSquares(dense, n, k, counts) : null);
  }

  return {
    figures(counts) {
      return { alpha: alphaOf(counts), icc: iccOf(counts), fleiss: fleissOf(counts), meanPairwisePearson: pairwiseOf(counts) };
    },
  };
}
