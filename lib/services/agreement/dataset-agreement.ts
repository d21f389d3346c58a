// `agreement --dataset`: the agreement figures with bootstrap CIs for each (granularity, aspect)
// of a dataset's submitted rater judgments.
import type { Db } from "@/lib/db/client";
import { agreementWithCI, type AgreementWithCI } from "@/lib/metrics/agreement-ci";
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
  const out: Record<string, AgreementWithCI> = {};
  for (const k of keys) {
    const m = aspectMatrix(data, k);
    out[k.key] = agreementWithCI(m.matrix, { seed: opts.seed ?? DEFAULT_SEED, replicates: opts.replicates ?? DEFAULT_REPLICATES }, m.raters.length);
  }
  return out;
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
