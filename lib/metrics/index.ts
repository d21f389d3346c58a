// Public API of lib/metrics: pure functions over plain arrays.
export type { RatingMatrix, RatingRow } from "./rating-matrix";
export {
  ALPHA_LEVELS,
  alphaFromCoincidences,
  buildCoincidences,
  krippendorffAlpha,
  krippendorffAlphaAll,
  type AlphaLevel,
  type Coincidences,
} from "./krippendorff-alpha";
export { icc, iccMeanSquares, type IccMeanSquares, type IccResult } from "./icc";
export { averageRanks, pearson, pearsonComplete, spearman } from "./correlation";
export { cohenKappa, type CohenKappaOptions, type KappaWeighting } from "./cohen-kappa";
export { fleissKappa } from "./fleiss-kappa";
export { errorMetrics, mae, mse, rmse, type ErrorSummary } from "./error";
export {
  leaveOneRaterOut,
  meanPairwisePearson,
  type LeaveOneRaterOut,
  type PairAgreement,
  type RaterAgreement,
} from "./human-ceiling";
export { mulberry32, randomInt, randomNormal, seededShuffle, type Rng } from "./random";
export {
  bootstrapCI,
  quantileSorted,
  selectUnits,
  type BootstrapInterval,
  type BootstrapOptions,
} from "./bootstrap";
export {
  calibrateConformal,
  conformalIntervals,
  conformalQuantile,
  conformalScores,
  coverageByBin,
  empiricalCoverage,
  meanWidth,
  type BinCoverage,
  type ConformalCalibration,
  type Interval,
  type Scale,
} from "./conformal";
