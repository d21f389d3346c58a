// Each rater's bias (mean offset from the other raters on the same units) and its drift over the
// order in which the rater worked.
import { assertFiniteOrNull, cell, raterCount, type RatingMatrix } from "./rating-matrix";

export interface RaterBias {
  rater: number;
  /** Units the rater rated that at least one other rater rated too. */
  n: number;
  /** mean_u (x_uj − mean of the others on u); null when n = 0. */
  bias: number | null;
  /** Sample SD of those offsets; null when n < 2. */
  sd: number | null;
}

/**
 * Offset of rater j on unit u from the mean of the other raters there; null when j or all others are
 * missing. Pass k (raterCount(matrix)) when calling per cell: counting it is a pass over every row.
 */
export function offsetFromOthers(matrix: RatingMatrix, u: number, j: number, k = raterCount(matrix)): number | null {
  const x = cell(matrix, u, j);
  if (x === null) return null;
  assertFiniteOrNull(x, `offsetFromOthers unit ${u}`);
  let sum = 0;
  let m = 0;
  for (let r = 0; r < k; r++) {
    if (r === j) continue;
    const v = cell(matrix, u, r);
    if (v !== null) (sum += v), m++;
  }
  return m === 0 ? null : x - sum / m;
}

export function raterBias(matrix: RatingMatrix): RaterBias[] {
  const k = raterCount(matrix);
  const out: RaterBias[] = [];
  for (let j = 0; j < k; j++) {
    const d: number[] = [];
    for (let u = 0; u < matrix.length; u++) {
      const o = offsetFromOthers(matrix, u, j, k);
      if (o !== null) d.push(o);
    }
    const n = d.length;
    const mean = n ? d.reduce((s, x) => s + x, 0) / n : null;
    const sd = n >= 2 && mean !== null ? Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : null;
    out.push({ rater: j, n, bias: mean, sd });
  }
  return out;
}

export interface DriftPoint {
  /** 0-based window index in working order. */
  window: number;
  /** Position (1-based) of the window's first and last judgment in the rater's order. */
  from: number;
  to: number;
  n: number;
  bias: number;
}

/**
 * Drift: the rater's offsets (already in working order, e.g. by submittedAt) cut into `windows`
 * consecutive windows of near-equal size, with the mean offset of each. Fewer windows when there
 * are fewer offsets than windows.
 */
export function raterDrift(offsetsInOrder: readonly number[], windows: number): DriftPoint[] {
  if (!Number.isInteger(windows) || windows < 1) throw new Error(`raterDrift: windows must be a positive integer, got ${windows}`);
  const n = offsetsInOrder.length;
  const w = Math.min(windows, n);
  const out: DriftPoint[] = [];
  for (let i = 0; i < w; i++) {
    const a = Math.floor((i * n) / w);
    const b = Math.floor(((i + 1) * n) / w);
    let s = 0;
    for (let t = a; t < b; t++) s += offsetsInOrder[t];
    out.push({ window: i, from: a + 1, to: b, n: b - a, bias: s / (b - a) });
  }
  return out;
}
