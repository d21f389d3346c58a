// `agreement --dataset`: the agreement figures with bootstrap CIs for each (granularity, aspect)
// of a dataset's submitted rater judgments.
import type { Db } from "@/lib/db/client";
import { agreementWithCIMany, type AgreementWithCI } from "@/lib/metrics/agreement-ci";
import { aspectMatrix, selectAspectKeys } from "./aspects";
import { loadRatings, type LoadedRatings, type RatingFilters } from "./load-ratings";

export interface AgreementRequest extends RatingFilters {
  dataset: string;
  granularity?: string;
  aspect?: string;
  seed?: number;
  replicates?: number;
}

export const DEFAULT_SEED = 1;
export const DEFAULT_REPLICATES = 1000;

/** Figures per key from already loaded ratings. */
export function agreementByKey(
  data: LoadedRatings,
  keys: ReturnType<typeof selectAspectKeys>,
  opts: { seed?: number; replicates?: number } = {},
): Record<string, AgreementWithCI> {
  // All keys in one call: aspects over the same units share each bootstrap resample's draw.
  const matrices = keys.map((k) => aspectMatrix(data, k));
  const figs = agreementWithCIMany(
    matrices.map((m) => ({ matrix: m.matrix, raters: m.raters.length })),
    { seed: opts.seed ?? DEFAULT_SEED, replicates: opts.replicates ?? DEFAULT_REPLICATES },
  );
  return Object.fromEntries(keys.map((k, i) => [k.key, figs[i]]));
}

/**
 * With both granularity and aspect: one object (the --csv keys plus "ci"). Otherwise an object
 * keyed "<granularity>.<aspect>" over the selected keys.
 */
export async function datasetAgreement(db: Db, req: AgreementRequest): Promise<AgreementWithCI | Record<string, AgreementWithCI>> {
  const keys = selectAspectKeys(req.granularity, req.aspect);
  const data = await loadRatings(db, req.dataset, req);
  const byKey = agreementByKey(data, keys, req);
  return req.granularity && req.aspect ? byKey[keys[0].key] : byKey;
}
