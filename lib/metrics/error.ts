// Error metrics between predictions and references, skipping pairs where either is null.
import { completePairs } from "./rating-matrix";

type Values = readonly (number | null)[];

export interface ErrorSummary {
  n: number;
  mse: number;
  rmse: number;
  mae: number;
}

/** MSE = mean (ŷ − y)², RMSE = √MSE, MAE = mean |ŷ − y|; null when no complete pair. */
export function errorMetrics(predicted: Values, reference: Values): ErrorSummary | null {
  const { xs, ys } = completePairs(predicted, reference, "errorMetrics");
  const n = xs.length;
  if (n === 0) return null;
  let se = 0;
  let ae = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i] - ys[i];
    se += d * d;
    ae += Math.abs(d);
  }
  return { n, mse: se / n, rmse: Math.sqrt(se / n), mae: ae / n };
}

export function mse(predicted: Values, reference: Values): number | null {
  return errorMetrics(predicted, reference)?.mse ?? null;
}

export function rmse(predicted: Values, reference: Values): number | null {
  return errorMetrics(predicted, reference)?.rmse ?? null;
}

export function mae(predicted: Values, reference: Values): number | null {
  return errorMetrics(predicted, reference)?.mae ?? null;
}
