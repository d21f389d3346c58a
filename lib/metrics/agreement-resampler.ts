// Agreement figures of a bootstrap resample computed from per-unit sufficient statistics: a
// resample is a count c_u per unit, and Krippendorff's coincidences, Fleiss' per-unit agreement,
// each rater pair's Pearson sums and the ICC's sums of squares are all sums over units. Units are
// first grouped by their row (identical rows contribute identically), and rows by the multiset of
// their values (all α and Fleiss need), so a replicate costs one pass adding counts into row
// patterns plus work proportional to the distinct patterns — not a rebuilt matrix.
// The point estimates stay with agreementFigures; this is checked against it (counts all 1).
import { ALPHA_LEVELS, alphaFromCoincidences, DENSE_VALUE_LIMIT, type AlphaLevel, type Coincidences } from "./krippendorff-alpha";
import type { IccResult } from "./icc";
import { iccFromMeanSquares, meanSquaresFromRowSummaries } from "./icc-from-mean-squares";
import { raterCount, type RatingMatrix } from "./rating-matrix";
import { groupRows } from "./row-patterns";

export interface ResampleFigures {
  alpha: Record<AlphaLevel, number | null>;
  icc: IccResult;
  fleiss: number | null;
  meanPairwisePearson: number | null;
}

export interface AgreementResampler {
  /** Figures of the resample in which unit u appears counts[u] times. */
  figures(counts: ArrayLike<number>): ResampleFigures;
  /** Row pattern of each unit: figuresOfPatterns takes counts per pattern (Σ over its units). */
  readonly patternOfUnit: Int32Array;
  readonly patterns: number;
  figuresOfPatterns(patternCounts: ArrayLike<number>): ResampleFigures;
}

/** Above this many (x, y) value combinations a rater pair's Pearson sums run over row patterns instead. */
const COMBO_LIMIT = 4096;

export function agreementResampler(matrix: RatingMatrix, raters = raterCount(matrix)): AgreementResampler {
  const n = matrix.length;
  const k = raters;
  const g = groupRows(matrix, k);
  const { values, P, patternOfUnit } = g;
  const V = values.length;
  const rowIdx = g.valueIndex; // P × k, −1 = missing
  const rowVal = g.dense; // P × k, NaN = missing
  const complete = n >= 2 && k >= 2 && g.complete;

  // Multisets of value indices (sorted) of rows with ≥ 2 values: α's and Fleiss' unit summaries.
  const msOfRow = new Int32Array(P).fill(-1);
  const msIdx: Int32Array[] = [];
  const msP: number[] = []; // Fleiss P_u
  {
    const seen = new Map<string | number, number>();
    // Sorted value indices (+1) in base V + 1 while exact, else as text.
    const numeric = k * Math.log2(V + 1) < 52;
    for (let p = 0; p < P; p++) {
      const idx: number[] = [];
      for (let r = 0; r < k; r++) if (rowIdx[p * k + r] >= 0) idx.push(rowIdx[p * k + r]);
      if (idx.length < 2) continue;
      // Unit order of the values does not matter to α or Fleiss: sort to share patterns.
      idx.sort((a, b) => a - b);
      const key = numeric ? idx.reduce((s, i) => s * (V + 1) + i + 1, 0) : idx.join(",");
      let q = seen.get(key);
      if (q === undefined) {
        q = msIdx.length;
        seen.set(key, q);
        msIdx.push(Int32Array.from(idx));
        const m = idx.length;
        let agree = 0;
        for (let i = 0; i < m; ) {
          let j = i;
          while (j < m && idx[j] === idx[i]) j++;
          agree += (j - i) * (j - i - 1);
          i = j;
        }
        msP.push(agree / (m * (m - 1)));
      }
      msOfRow[p] = q;
    }
  }
  const Q = msIdx.length;
  const msCount = new Float64Array(Q);

  // Per row (complete matrices only): mean and within-row sum of squares, for the ICC.
  const rowMean = new Float64Array(P);
  const rowSS = new Float64Array(P);
  if (complete) {
    for (let p = 0; p < P; p++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += rowVal[p * k + j];
      const mu = s / k;
      let ss = 0;
      for (let j = 0; j < k; j++) ss += (rowVal[p * k + j] - mu) ** 2;
      rowMean[p] = mu;
      rowSS[p] = ss;
    }
  }

  // Rater pairs; with few values, each row's (x, y) combination index per pair.
  const pairs: [number, number][] = [];
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) pairs.push([a, b]);
  const useCombos = V * V <= COMBO_LIMIT;
  const VV = V * V;
  const T = pairs.length;
  // combo[p * T + t]: cell (pair t's block of VV cells) that row p adds to, −1 when a rating is missing.
  const combo = useCombos ? new Int32Array(T * P) : null;
  if (combo) {
    for (let p = 0; p < P; p++) {
      for (let t = 0; t < T; t++) {
        const x = rowIdx[p * k + pairs[t][0]];
        const y = rowIdx[p * k + pairs[t][1]];
        combo[p * T + t] = x < 0 || y < 0 ? -1 : t * VV + x * V + y;
      }
    }
  }
  const comboCount = new Float64Array(useCombos ? T * VV : 0);

  /** One pass over the rows present in the resample: multiset counts and every pair's (x, y) counts. */
  function accumulate(pc: ArrayLike<number>): void {
    msCount.fill(0);
    if (combo) comboCount.fill(0);
    for (let p = 0; p < P; p++) {
      const c = pc[p];
      if (!c) continue;
      const q = msOfRow[p];
      if (q >= 0) msCount[q] += c;
      if (combo) {
        for (let t = 0, at = p * T; t < T; t++, at++) {
          const cell = combo[at];
          if (cell >= 0) comboCount[cell] += c;
        }
      }
    }
  }

  function alphaOf(): Record<AlphaLevel, number | null> {
    const marg = new Float64Array(V);
    const o = V <= DENSE_VALUE_LIMIT ? new Float64Array(V * V) : null;
    const repeated: Int32Array[] = [];
    for (let q = 0; q < Q; q++) {
      const c = msCount[q];
      if (!c) continue;
      const idx = msIdx[q];
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

  function fleissOf(): number | null {
    // κ = (P̄ − P̄_e)/(1 − P̄_e) (Fleiss 1971), as fleissKappa with per-unit n_i.
    const cat = new Float64Array(V);
    let sumP = 0;
    let units = 0;
    let ratings = 0;
    for (let q = 0; q < Q; q++) {
      const c = msCount[q];
      if (!c) continue;
      const idx = msIdx[q];
      for (let i = 0; i < idx.length; i++) cat[idx[i]] += c;
      sumP += c * msP[q];
      units += c;
      ratings += c * idx.length;
    }
    if (units === 0) return null;
    let pe = 0;
    for (let v = 0; v < V; v++) pe += (cat[v] / ratings) ** 2;
    if (!(1 - pe > 1e-15)) return null;
    return (sumP / units - pe) / (1 - pe);
  }

  /** Pearson from weighted (x, y) points, two passes around the means as pearsonComplete does. */
  function pearsonOfPair(t: number, pc: ArrayLike<number>): number | null {
    const [a, b] = pairs[t];
    let m = 0, sx = 0, sy = 0;
    let sxy = 0, sxx = 0, syy = 0;
    if (combo) {
      // Pair t's (x, y) counts were filled by accumulate().
      const base = t * VV;
      for (let cb = 0; cb < VV; cb++) {
        const c = comboCount[base + cb];
        if (!c) continue;
        m += c;
        sx += c * values[(cb / V) | 0];
        sy += c * values[cb % V];
      }
      if (m < 2) return null;
      const mx = sx / m;
      const my = sy / m;
      for (let cb = 0; cb < VV; cb++) {
        const c = comboCount[base + cb];
        if (!c) continue;
        const dx = values[(cb / V) | 0] - mx;
        const dy = values[cb % V] - my;
        sxy += c * dx * dy;
        sxx += c * dx * dx;
        syy += c * dy * dy;
      }
      return finishPearson(m, mx, my, sxy, sxx, syy);
    }
    for (let p = 0; p < P; p++) {
      const c = pc[p];
      if (!c) continue;
      const x = rowVal[p * k + a];
      const y = rowVal[p * k + b];
      if (x !== x || y !== y) continue; // NaN = missing
      m += c;
      sx += c * x;
      sy += c * y;
    }
    if (m < 2) return null;
    const mx = sx / m;
    const my = sy / m;
    for (let p = 0; p < P; p++) {
      const c = pc[p];
      if (!c) continue;
      const x = rowVal[p * k + a];
      const y = rowVal[p * k + b];
      if (x !== x || y !== y) continue;
      const dx = x - mx;
      const dy = y - my;
      sxy += c * dx * dy;
      sxx += c * dx * dx;
      syy += c * dy * dy;
    }
    return finishPearson(m, mx, my, sxy, sxx, syy);
  }

  function pairwiseOf(pc: ArrayLike<number>): number | null {
    let sum = 0;
    let defined = 0;
    for (let t = 0; t < pairs.length; t++) {
      const r = pearsonOfPair(t, pc);
      if (r === null) continue;
      sum += r;
      defined++;
    }
    return defined ? sum / defined : null;
  }

  function iccOf(pc: ArrayLike<number>): IccResult {
    return iccFromMeanSquares(complete ? meanSquaresFromRowSummaries(rowVal, rowMean, rowSS, P, k, pc) : null);
  }

  function figuresOfPatterns(pc: ArrayLike<number>): ResampleFigures {
    accumulate(pc);
    return { alpha: alphaOf(), icc: iccOf(pc), fleiss: fleissOf(), meanPairwisePearson: pairwiseOf(pc) };
  }

  const pcScratch = new Float64Array(P);
  return {
    patternOfUnit,
    patterns: P,
    figuresOfPatterns,
    figures(counts) {
      pcScratch.fill(0);
      for (let u = 0; u < n; u++) if (counts[u]) pcScratch[patternOfUnit[u]] += counts[u];
      return figuresOfPatterns(pcScratch);
    },
  };
}

// Same zero-variance rule as pearsonComplete (relative to the data's scale).
function finishPearson(m: number, mx: number, my: number, sxy: number, sxx: number, syy: number): number | null {
  const tol = 1e-24 * m;
  if (sxx <= tol * (mx * mx + 1) || syy <= tol * (my * my + 1)) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}
