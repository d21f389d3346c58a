// Agreement figures with seeded 95% bootstrap intervals over units (the `--dataset` form of
// `agreement --json`). Shape of `ci`: the figures' own nesting with [lower, upper] (or null) in
// place of each number, plus the settings that reproduce it:
//   {"krippendorff": {"nominal": [lo, hi], …}, "icc": {"ICC1": [lo, hi] | null, …},
//    "fleiss_kappa": [lo, hi], "mean_pairwise_pearson": [lo, hi],
//    "confidence": 0.95, "replicates": 1000, "seed": 1, "method": "percentile bootstrap over units"}
import { ALPHA_LEVELS, type AlphaLevel } from "./krippendorff-alpha";
import { agreementFigures, figureAt, FIGURE_PATHS, ICC_KEYS, type AgreementFigures, type IccKey } from "./agreement-figures";
import { bootstrapMany } from "./bootstrap-many";
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
  const figures = agreementFigures(matrix, raters);
  const replicates = options.replicates ?? 1000;
  const confidence = options.confidence ?? 0.95;
  // Figures undefined on all units (e.g. ICC with missing cells) are not resampled.
  const paths = FIGURE_PATHS.filter((p) => figureAt(figures, p) !== null);
  const resampler = agreementResampler(matrix, raters);
  const counts = new Int32Array(matrix.length);
  const iv = bootstrapMany(
    matrix.length,
    paths,
    (indices) => {
      counts.fill(0);
      for (const i of indices) counts[i]++;
      const r = resampler.figures(counts);
      const f: AgreementFigures = {
        units: matrix.length,
        raters,
        krippendorff: r.alpha,
        icc: { ICC1: r.icc.icc1, ICC2: r.icc.icc2, ICC3: r.icc.icc3, ICC1k: r.icc.icc1k, ICC2k: r.icc.icc2k, ICC3k: r.icc.icc3k },
        fleiss_kappa: r.fleiss,
        mean_pairwise_pearson: r.meanPairwisePearson,
      };
      return Object.fromEntries(paths.map((p) => [p, figureAt(f, p)])) as Record<string, number | null>;
    },
    { seed: options.seed, replicates, confidence },
  );
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
      method: "percentile bootstrap over units",
    },
  };
}
