// The agreement figures Attest reports for one rating matrix (units × raters, null = missing): the
// shape of `agreement --json` (issue 5). Every entry is a finite number or null, never NaN.
import { ALPHA_LEVELS, krippendorffAlphaAll, type AlphaLevel } from "./krippendorff-alpha";
import { icc } from "./icc";
import { fleissKappa } from "./fleiss-kappa";
import { meanPairwisePearson } from "./human-ceiling";
import { raterCount, type RatingMatrix } from "./rating-matrix";

export const ICC_KEYS = ["ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k"] as const;
export type IccKey = (typeof ICC_KEYS)[number];

export interface AgreementFigures {
  units: number;
  raters: number;
  krippendorff: Record<AlphaLevel, number | null>;
  icc: Record<IccKey, number | null>;
  fleiss_kappa: number | null;
  mean_pairwise_pearson: number | null;
}

/** The scalar figures of AgreementFigures by a flat path ("krippendorff.interval", "icc.ICC2", …). */
export const FIGURE_PATHS: readonly string[] = [
  ...ALPHA_LEVELS.map((l) => `krippendorff.${l}`),
  ...ICC_KEYS.map((k) => `icc.${k}`),
  "fleiss_kappa",
  "mean_pairwise_pearson",
];

const finiteOrNull = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : v);

/**
 * All figures for one matrix. `raters` is the column count to report (a CSV's header may name a
 * rater with no ratings); it defaults to the widest row. ICCs are null unless every cell is present
 * (Shrout & Fleiss' ANOVA needs a complete design).
 */
export function agreementFigures(matrix: RatingMatrix, raters = raterCount(matrix)): AgreementFigures {
  // Rows padded to the full width so that a short row counts as missing cells for the ICC check.
  const square = matrix.map((row) => (row.length >= raters ? row : [...row, ...new Array<null>(raters - row.length).fill(null)]));
  const alpha = krippendorffAlphaAll(square);
  const i = icc(square);
  return {
    units: matrix.length,
    raters,
    krippendorff: {
      nominal: finiteOrNull(alpha.nominal),
      ordinal: finiteOrNull(alpha.ordinal),
      interval: finiteOrNull(alpha.interval),
      ratio: finiteOrNull(alpha.ratio),
    },
    icc: {
      ICC1: finiteOrNull(i.icc1),
      ICC2: finiteOrNull(i.icc2),
      ICC3: finiteOrNull(i.icc3),
      ICC1k: finiteOrNull(i.icc1k),
      ICC2k: finiteOrNull(i.icc2k),
      ICC3k: finiteOrNull(i.icc3k),
    },
    fleiss_kappa: finiteOrNull(fleissKappa(square)),
    mean_pairwise_pearson: finiteOrNull(meanPairwisePearson(square).mean),
  };
}

/** Reads one scalar figure by its flat path. */
export function figureAt(f: AgreementFigures, path: string): number | null {
  const [head, tail] = path.split(".");
  if (head === "krippendorff") return f.krippendorff[tail as AlphaLevel] ?? null;
  if (head === "icc") return f.icc[tail as IccKey] ?? null;
  if (head === "fleiss_kappa") return f.fleiss_kappa;
  if (head === "mean_pairwise_pearson") return f.mean_pairwise_pearson;
  throw new Error(`unknown agreement figure "${path}"`);
}
