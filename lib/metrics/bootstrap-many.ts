// A seeded percentile bootstrap over units for several statistics at once: one resample feeds every
// statistic, so an agreement table's twelve figures cost one pass per replicate, not twelve.
import { quantileSorted } from "./bootstrap";
import { mulberry32, randomInt } from "./random";

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
  statistics: (indices: readonly number[]) => Record<K, number | null>,
  options: ManyOptions,
): Intervals<K> {
  const replicates = options.replicates ?? 1000;
  const confidence = options.confidence ?? 0.95;
  if (!Number.isInteger(replicates) || replicates < 1) throw new Error(`bootstrapMany: replicates must be a positive integer, got ${replicates}`);
  if (!(confidence > 0 && confidence < 1)) throw new Error(`bootstrapMany: confidence must be in (0, 1), got ${confidence}`);
  const values = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  if (nUnits >= 1) {
    const rng = mulberry32(options.seed);
    const indices = new Array<number>(nUnits);
    for (let b = 0; b < replicates; b++) {
      for (let i = 0; i < nUnits; i++) indices[i] = randomInt(rng, nUnits);
      const s = statistics(indices);
      for (const k of keys) {
        const v = s[k];
        if (v === null || v === undefined) continue;
        if (!Number.isFinite(v)) throw new Error(`bootstrapMany: statistic ${k} returned ${v}`);
        values[k].push(v);
      }
    }
  }
  const tail = (1 - confidence) / 2;
  const out = {} as Intervals<K>;
  for (const k of keys) {
    const v = values[k].sort((a, b) => a - b);
    out[k] = v.length ? [quantileSorted(v, tail), quantileSorted(v, 1 - tail)] : null;
  }
  return out;
}
