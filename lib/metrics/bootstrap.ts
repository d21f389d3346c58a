// Seeded nonparametric bootstrap over units, percentile intervals (Efron & Tibshirani 1993, §13.3).
import { mulberry32, randomInt } from "./random";

export interface BootstrapOptions {
  seed: number;
  /** Number of resamples; default 1000. */
  replicates?: number;
  /** Two-sided confidence level in (0, 1); default 0.95. */
  confidence?: number;
}

export interface BootstrapInterval {
  /** The statistic on all units. */
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  confidence: number;
  replicates: number;
  /** Resamples whose statistic was defined (not null); the interval uses only these. */
  valid: number;
}

/** Quantile of sorted values by linear interpolation (Hyndman & Fan 1996, type 7, R's default). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new Error("quantileSorted: empty input");
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Rows picked by index (with repeats), for statistics over a resample. */
export function selectUnits<T>(items: readonly T[], indices: readonly number[]): T[] {
  return indices.map((i) => items[i]);
}

function checkStatistic(value: number | null, where: string): number | null {
  if (value !== null && !Number.isFinite(value)) throw new Error(`${where}: statistic returned ${value}`);
  return value;
}

/**
 * Percentile bootstrap CI: resample nUnits unit indices with replacement `replicates` times, apply
 * `statistic` to each index list, take the (1 − c)/2 and (1 + c)/2 quantiles of the defined values.
 * Same seed → identical interval.
 */
export function bootstrapCI(
  nUnits: number,
  statistic: (indices: readonly number[]) => number | null,
  options: BootstrapOptions,
): BootstrapInterval {
  const replicates = options.replicates ?? 1000;
  const confidence = options.confidence ?? 0.95;
  if (!Number.isInteger(nUnits) || nUnits < 1) throw new Error(`bootstrapCI: nUnits must be a positive integer, got ${nUnits}`);
  if (!Number.isInteger(replicates) || replicates < 1) throw new Error(`bootstrapCI: replicates must be a positive integer, got ${replicates}`);
  if (!(confidence > 0 && confidence < 1)) throw new Error(`bootstrapCI: confidence must be in (0, 1), got ${confidence}`);
  const all = Array.from({ length: nUnits }, (_, i) => i);
  const estimate = checkStatistic(statistic(all), "bootstrapCI");
  const rng = mulberry32(options.seed);
  const values: number[] = [];
  for (let b = 0; b < replicates; b++) {
    const indices = new Array<number>(nUnits);
    for (let i = 0; i < nUnits; i++) indices[i] = randomInt(rng, nUnits);
    const v = checkStatistic(statistic(indices), "bootstrapCI");
    if (v !== null) values.push(v);
  }
  values.sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  return {
    estimate,
    lower: values.length ? quantileSorted(values, tail) : null,
    upper: values.length ? quantileSorted(values, 1 - tail) : null,
    confidence,
    replicates,
    valid: values.length,
  };
}
