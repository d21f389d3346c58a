// Pearson and Spearman correlation over paired arrays, skipping pairs where either side is null.
import { completePairs } from "./rating-matrix";

type Values = readonly (number | null)[];

/** Pearson r of complete vectors; null when n < 2 or either has zero variance. */
export function pearsonComplete(xs: ArrayLike<number>, ys: ArrayLike<number>): number | null {
  const n = xs.length;
  if (n < 2 || ys.length !== n) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i];
    my += ys[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // Zero variance up to rounding (e.g. a constant vector of 0.1s) → undefined.
  const tol = 1e-24 * n;
  if (sxx <= tol * (mx * mx + 1) || syy <= tol * (my * my + 1)) return null;
  // r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²)
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, r));
}

/** Pearson correlation; pairs with a null on either side are skipped. */
export function pearson(x: Values, y: Values): number | null {
  const { xs, ys } = completePairs(x, y, "pearson");
  return pearsonComplete(xs, ys);
}

/** Ranks 1..n with ties given their average rank. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const avg = (i + j) / 2 + 1; // mean of ranks i+1 .. j+1
    for (let t = i; t <= j; t++) ranks[order[t]] = avg;
    i = j + 1;
  }
  return ranks;
}

/** Spearman ρ = Pearson r of average ranks (ties averaged, Spearman 1904); null pairs skipped. */
export function spearman(x: Values, y: Values): number | null {
  const { xs, ys } = completePairs(x, y, "spearman");
  if (xs.length < 2) return null;
  return pearsonComplete(averageRanks(xs), averageRanks(ys));
}
