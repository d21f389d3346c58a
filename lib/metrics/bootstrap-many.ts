// A seeded percentile bootstrap over units for several statistics at once: one resample feeds every
// statistic, so an agreement table's twelve figures cost one pass per replicate, not twelve.
import { quantileSorted } from "./bootstrap";
import { mulberry32Indices } from "./random";

export interface ManyOptions {
  seed: number;
  /** Default 1000. */
  replicates?: number;
  /** Default 0.95. */
  confidence?: number;
}

/** [lower, upper] per statistic; null when no resample gave a defined value. */
export type Intervals<K extends string> = Record<K, [number, number] | null>;

/**
 * Resamples nUnits indices with replacement `replicates` times (the same stream as bootstrapCI for
 * the same seed) and applies `statistics` to each index list; percentile interval (Efron &
 * Tibshirani 1993, §13.3) of each statistic's defined values.
 */
export function bootstrapMany<K extends string>(
  nUnits: number,
  keys: readonly K[],
  statistics: (indices: ArrayLike<number>) => Record<K, number | null>,
  options: ManyOptions,
): Intervals<K> {
  return bootstrapManyShared(nUnits, [{ keys, statistics }], options)[0];
}

export interface BootstrapJob<K extends string> {
  keys: readonly K[];
  statistics: (indices: ArrayLike<number>) => Record<K, number | null>;
}

/**
 * bootstrapMany for several jobs over the same number of units and the same seed: each job gets
 * exactly the intervals bootstrapMany would give it alone (the same resamples), but every
 * resample is drawn once for all of them (an agreement table's aspects share their units).
 */
export function bootstrapManyShared<K extends string>(nUnits: number, jobs: readonly BootstrapJob<K>[], options: ManyOptions): Intervals<K>[] {
  const replicates = options.replicates ?? 1000;
  const confidence = options.confidence ?? 0.95;
  if (!Number.isInteger(replicates) || replicates < 1) throw new Error(`bootstrapMany: replicates must be a positive integer, got ${replicates}`);
  if (!(confidence > 0 && confidence < 1)) throw new Error(`bootstrapMany: confidence must be in (0, 1), got ${confidence}`);
  const values = jobs.map((job) => Object.fromEntries(job.keys.map((k) => [k, [] as number[]])) as Record<K, number[]>);
  if (nUnits >= 1) {
    if (!Number.isInteger(nUnits)) throw new Error(`bootstrapMany: nUnits must be an integer, got ${nUnits}`);
    // randomInt(mulberry32(seed), nUnits) per draw, the generator inlined in one loop per resample.
    const draw = mulberry32Indices(options.seed);
    const indices = new Int32Array(nUnits);
    for (let b = 0; b < replicates; b++) {
      draw(nUnits, indices);
      jobs.forEach((job, j) => {
        const s = job.statistics(indices);
        for (const k of job.keys) {
          const v = s[k];
          if (v === null || v === undefined) continue;
          if (!Number.isFinite(v)) throw new Error(`bootstrapMany: statistic ${k} returned ${v}`);
          values[j][k].push(v);
        }
      });
    }
  }
  const tail = (1 - confidence) / 2;
  return jobs.map((job, j) => {
    const out = {} as Intervals<K>;
    for (const k of job.keys) {
      const v = values[j][k].sort((a, b) => a - b);
      out[k] = v.length ? [quantileSorted(v, tail), quantileSorted(v, 1 - tail)] : null;
    }
    return out;
  });
}
