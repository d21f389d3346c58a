// The per-unit human reference from several raters (ARCHITECTURE.md, "Consensus").
import type { RatingMatrix } from "./rating-matrix";

export type ConsensusMethod = "median" | "mean";

/** Median (mean of the middle two for an even count) or mean of a row's present values; null when none. */
export function consensusOf(row: readonly (number | null)[], method: ConsensusMethod): number | null {
  const v = row.filter((x): x is number => x !== null && x !== undefined);
  if (v.length === 0) return null;
  if (method === "mean") return v.reduce((s, x) => s + x, 0) / v.length;
  v.sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

export function consensusRows(matrix: RatingMatrix, method: ConsensusMethod): (number | null)[] {
  return matrix.map((row) => consensusOf(row, method));
}
