// Cohen's kappa for two raters, unweighted (Cohen 1960) or weighted (Cohen 1968).
import { completePairs } from "./rating-matrix";

export type KappaWeighting = "unweighted" | "linear" | "quadratic";

export interface CohenKappaOptions {
  /** Default "quadratic". */
  weighting?: KappaWeighting;
  /**
   * Ordered categories. When given, weights use positions in this list (as sklearn/psych do with
   * their label lists) and a value outside it throws. When omitted, weights use the numeric
   * values themselves, which for an integer scale equals listing every scale point.
   */
  categories?: readonly number[];
}

/**
 * κ_w = 1 − Σ w_ij o_ij / Σ w_ij e_ij with disagreement weights w_ij = 0/1, |i − j| or (i − j)²
 * (Cohen 1968); o = observed joint proportions, e = product of the raters' marginals.
 * Pairs with a null on either side are skipped; null when fewer than 2 pairs or no expected disagreement.
 */
export function cohenKappa(
  rater1: readonly (number | null)[],
  rater2: readonly (number | null)[],
  options: CohenKappaOptions = {},
): number | null {
  const weighting = options.weighting ?? "quadratic";
  const { xs, ys } = completePairs(rater1, rater2, "cohenKappa");
  const n = xs.length;
  if (n < 2) return null;

  // Category list and each category's position on the scale.
  let cats: number[];
  let position: (c: number) => number;
  if (options.categories) {
    cats = [...options.categories];
    const pos = new Map(cats.map((c, i) => [c, i] as const));
    if (pos.size !== cats.length) throw new Error("cohenKappa: categories must be distinct");
    for (const v of [...xs, ...ys]) {
      if (!pos.has(v)) throw new Error(`cohenKappa: value ${v} is not among the given categories`);
    }
    position = (c) => pos.get(c)!;
  } else {
    cats = [...new Set([...xs, ...ys])].sort((a, b) => a - b);
    position = (c) => c;
  }
  const index = new Map(cats.map((c, i) => [c, i] as const));
  const K = cats.length;
  const joint = new Float64Array(K * K);
  const m1 = new Float64Array(K);
  const m2 = new Float64Array(K);
  for (let t = 0; t < n; t++) {
    const i = index.get(xs[t])!;
    const j = index.get(ys[t])!;
    joint[i * K + j] += 1 / n;
    m1[i] += 1 / n;
    m2[j] += 1 / n;
  }
  const weight = (i: number, j: number): number => {
    if (i === j) return 0;
    const d = Math.abs(position(cats[i]) - position(cats[j]));
    return weighting === "unweighted" ? 1 : weighting === "linear" ? d : d * d;
  };
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      const w = weight(i, j);
      if (w === 0) continue;
      observed += w * joint[i * K + j];
      expected += w * m1[i] * m2[j];
    }
  }
  if (!(expected > 1e-15)) return null; // both raters used one and the same category: κ undefined
  return 1 - observed / expected;
}
