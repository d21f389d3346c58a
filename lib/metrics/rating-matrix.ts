// Shared input shapes and checks for agreement metrics.

/** One value per rater or null where that rater did not rate (missing, never zero). */
export type RatingRow = readonly (number | null)[];
/** Units (rows) × raters (columns). Rows may be shorter than others: absent cells are missing. */
export type RatingMatrix = readonly RatingRow[];

/** Throws on NaN/±Infinity, which would otherwise leak into results silently. */
export function assertFiniteOrNull(value: number | null, where: string): void {
  if (value !== null && !Number.isFinite(value)) {
    throw new Error(`${where}: ratings must be finite numbers or null, got ${value}`);
  }
}

/** The widest row: the number of rater columns. */
export function raterCount(matrix: RatingMatrix): number {
  let k = 0;
  for (const row of matrix) if (row.length > k) k = row.length;
  return k;
}

/** Cell (unit, rater), null when missing or beyond the row's end. */
export function cell(matrix: RatingMatrix, unit: number, rater: number): number | null {
  const v = matrix[unit][rater];
  return v === undefined ? null : v;
}

/** Pairs (x[i], y[i]) where both are present. Throws on unequal lengths. */
export function completePairs(
  x: readonly (number | null)[],
  y: readonly (number | null)[],
  where: string,
): { xs: number[]; ys: number[] } {
  if (x.length !== y.length) throw new Error(`${where}: arrays differ in length (${x.length} vs ${y.length})`);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    assertFiniteOrNull(a, where);
    assertFiniteOrNull(b, where);
    if (a !== null && b !== null) {
      xs.push(a);
      ys.push(b);
    }
  }
  return { xs, ys };
}
