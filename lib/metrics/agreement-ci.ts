// Agreement figures with seeded 95% bootstrap intervals over units (the `--dataset` form of
// `agreement --json`). Shape of `ci`: the figures' own nesting with [lower, upper] (or null) in
// place of each number, plus the settings that reproduce it:
//   {"krippendorff": {"nominal": [lo, hi], …}, "icc": {"ICC1": [lo, hi] | null, …},
//    "fleiss_kappa": [lo, hi], "mean_pairwise_pearson": [lo, hi],
//    "confidence": 0.95, "replicates": 1000, "seed": 1, "method": "percentile bootstrap over units"}
import { ALPHA_LEVELS, type AlphaLevel } from "./krippendorff-alpha";
import { agreementFigures, figureAt, FIGURE_PATHS, ICC_KEYS, type AgreementFigures, type IccKey } from "./agreement-figures";
import { bootstrapManyShared, type Intervals } from "./bootstrap-many";
import { agreementResampler } from "./agreement-resampler";
import { raterCount, type RatingMatrix } from "./rating-matrix";

type Pair = [number, number] | null;

export interface AgreementCI {
  krippendorff: Record<AlphaLevel, Pair>;
  icc: Record<IccKey, Pair>;
  fleiss_kappa: Pair;
  mean_pairwise_pearson: Pair;
  confidence: number;
  replicates: number;
  seed: number;
  method: "percentile bootstrap over units";
}

export interface AgreementWithCI extends AgreementFigures {
  ci: AgreementCI;
}

export interface CiOptions {
  seed: number;
  replicates?: number;
  confidence?: number;
}

export function agreementWithCI(matrix: RatingMatrix, options: CiOptions, raters = raterCount(matrix)): AgreementWithCI {
  return agreementWithCIMany([{ matrix, raters }], options)[0];
}

/**
 * agreementWithCI for several matrices at once (an agreement table's aspects): each result equals
 * agreementWithCI on that matrix alone; matrices with the same number of units (so the same
 * resamples for a seed) share each resample's draw.
 */
export function agreementWithCIMany(inputs: readonly { matrix: RatingMatrix; raters?: number }[], options: CiOptions): AgreementWithCI[] {
  const replicates = options.replicates ?? 1000;
  const confidence = options.confidence ?? 0.95;
  const prepared = inputs.map(({ matrix, raters = raterCount(matrix) }) => {
    const figures = agreementFigures(matrix, raters);
    // Figures undefined on all units (e.g. ICC with missing cells) are not resampled.
    const paths = FIGURE_PATHS.filter((p) => figureAt(figures, p) !== null);
    const resampler = agreementResampler(matrix, raters);
    // A resample only matters through how often each distinct row occurs in it.
    const pattern = resampler.patternOfUnit;
    const counts = new Float64Array(resampler.patterns);
    const statistics = (indices: ArrayLike<number>): Record<string, number | null> => {
      counts.fill(0);
      for (let i = 0; i < indices.length; i++) counts[pattern[indices[i]]]++;
      const r = resampler.figuresOfPatterns(counts);
      const f: AgreementFigures = {
        units: matrix.length,
        raters,
        krippendorff: r.alpha,
        icc: { ICC1: r.icc.icc1, ICC2: r.icc.icc2, ICC3: r.icc.icc3, ICC1k: r.icc.icc1k, ICC2k: r.icc.icc2k, ICC3k: r.icc.icc3k },
        fleiss_kappa: r.fleiss,
        mean_pairwise_pearson: r.meanPairwisePearson,
      };
      return Object.fromEntries(paths.map((p) => [p, figureAt(f, p)])) as Record<string, number | null>;
    };
    return { n: matrix.length, figures, job: { keys: paths, statistics } };
  });
  const intervals = new Array<Intervals<string>>(inputs.length);
  for (const n of new Set(prepared.map((p) => p.n))) {
    const group = prepared.flatMap((p, i) => (p.n === n ? [i] : []));
    const iv = bootstrapManyShared(n, group.map((i) => prepared[i].job), { seed: options.seed, replicates, confidence });
    group.forEach((i, j) => (intervals[i] = iv[j]));
  }
  return prepared.map(({ figures }, i) => {
    const iv = intervals[i];
    const at = (p: string): Pair => (p in iv ? iv[p] : null);
    return {
      ...figures,
      ci: {
        krippendorff: Object.fromEntries(ALPHA_LEVELS.map((l) => [l, at(`krippendorff.${l}`)])) as Record<AlphaLevel, Pair>,
        icc: Object.fromEntries(ICC_KEYS.map((k) => [k, at(`icc.${k}`)])) as Record<IccKey, Pair>,
        fleiss_kappa: at("fleiss_kappa"),
        mean_pairwise_pearson: at("mean_pairwise_pearson"),
        confidence,
        replicates,
        seed: options.seed,
        method: "percentile bootstrap over units" as const,
      },
    };
  });
}
