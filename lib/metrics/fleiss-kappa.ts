// Fleiss' kappa for many raters on nominal categories (Fleiss 1971), generalised to a varying
// number of ratings per unit: each unit's agreement P_i uses its own n_i.
import { assertFiniteOrNull, type RatingMatrix } from "./rating-matrix";

/**
 * κ = (P̄ − P̄_e)/(1 − P̄_e), P_i = Σ_j n_ij(n_ij − 1)/(n_i(n_i − 1)), P̄ = mean_i P_i,
 * p_j = Σ_i n_ij / Σ_i n_i, P̄_e = Σ_j p_j² (Fleiss 1971, eqs. 1–9; with constant n_i it is exactly
 * Fleiss' statistic). Units with fewer than 2 ratings are dropped; null when no unit remains or
 * every rating is the same category.
 */
export function fleissKappa(matrix: RatingMatrix): number | null {
  const categoryTotals = new Map<number, number>();
  let sumP = 0;
  let units = 0;
  let ratings = 0;
  // Per unit: its distinct values in first-seen order and their counts (a unit has a handful of
  // ratings: a linear scan over reused arrays beats a Map per unit; same order, same sums).
  const seen: number[] = [];
  const nij: number[] = [];
  for (let u = 0; u < matrix.length; u++) {
    const row = matrix[u];
    seen.length = 0;
    nij.length = 0;
    let m = 0;
    for (let r = 0; r < row.length; r++) {
      const v = row[r];
      if (v === null || v === undefined) continue;
      assertFiniteOrNull(v, `fleissKappa unit ${u}`);
      const at = seen.indexOf(v);
      if (at < 0) (seen.push(v), nij.push(1));
      else nij[at]++;
      m++;
    }
    if (m < 2) continue;
    let agree = 0;
    for (let i = 0; i < seen.length; i++) {
      agree += nij[i] * (nij[i] - 1);
      categoryTotals.set(seen[i], (categoryTotals.get(seen[i]) ?? 0) + nij[i]);
    }
    sumP += agree / (m * (m - 1));
    units++;
    ratings += m;
  }
  if (units === 0) return null;
  const pBar = sumP / units;
  let pe = 0;
  for (const total of categoryTotals.values()) pe += (total / ratings) ** 2;
  if (!(1 - pe > 1e-15)) return null;
  return (pBar - pe) / (1 - pe);
}
