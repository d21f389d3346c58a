// Groups the rows of a rating matrix by their content, so that statistics which are sums over units
// (coincidences, Pearson sums, ICC sums of squares) can run over distinct rows weighted by counts.
// Rating scales have few values, so e.g. 90,000 phone rows on a 0–2 scale by 5 raters share ≤ 243 rows.
import type { RatingMatrix } from "./rating-matrix";

export interface RowPatterns {
  /** Distinct present values, ascending. */
  values: number[];
  /** Number of distinct rows. */
  P: number;
  /** Distinct row of each unit. */
  patternOfUnit: Int32Array;
  /** P × k value indices into `values`, −1 where missing. */
  valueIndex: Int32Array;
  /** P × k values, NaN where missing. */
  dense: Float64Array;
  /** Every cell of every unit present (rows shorter than k count as missing). */
  complete: boolean;
}

export function groupRows(matrix: RatingMatrix, k: number): RowPatterns {
  const n = matrix.length;
  const valueSet = new Set<number>();
  let complete = true;
  for (const row of matrix) {
    if (row.length < k) complete = false;
    for (let r = 0; r < k; r++) {
      const v = row[r];
      if (v === null || v === undefined) complete = false;
      else valueSet.add(v);
    }
  }
  const values = [...valueSet].sort((a, b) => a - b);
  const V = values.length;
  const vIndex = new Map(values.map((v, i) => [v, i]));
  // Rating scales are small non-negative integers: index those through an array, not the Map.
  const SMALL = 4096;
  const smallIndex = new Int32Array(SMALL).fill(-1);
  for (let i = 0; i < V; i++) {
    const v = values[i];
    if (v >= 0 && v < SMALL && Number.isInteger(v)) smallIndex[v] = i;
  }
  // A row's key: its value indices (+1, 0 = missing) in base V + 1, exact while it fits in 2^53.
  const numeric = k * Math.log2(V + 1) < 52;
  const seen = new Map<number | string, number>();
  const patternOfUnit = new Int32Array(n);
  const idxRows: number[] = [];
  const rowIdx = new Int32Array(k);
  for (let u = 0; u < n; u++) {
    const row = matrix[u];
    let key = 0;
    for (let r = 0; r < k; r++) {
      const v = row[r];
      rowIdx[r] = v === null || v === undefined ? -1 : v >= 0 && v < SMALL && Number.isInteger(v) ? smallIndex[v] : vIndex.get(v)!;
      key = key * (V + 1) + rowIdx[r] + 1;
    }
    const mapKey: number | string = numeric ? key : rowIdx.join(",");
    let p = seen.get(mapKey);
    if (p === undefined) {
      p = seen.size;
      seen.set(mapKey, p);
      for (let r = 0; r < k; r++) idxRows.push(rowIdx[r]);
    }
    patternOfUnit[u] = p;
  }
  const P = seen.size;
  const valueIndex = Int32Array.from(idxRows);
  const dense = Float64Array.from(idxRows, (i) => (i < 0 ? NaN : values[i]));
  return { values, P, patternOfUnit, valueIndex, dense, complete };
}
