// The agreement figures as the web app serves them: read from the database on the request thread
// (in batches, so other requests get the database between them), computed on a worker thread
// (compute-pool.ts), and cached by the dataset's data version (cache.ts). The CLI computes the
// same figures in its own process (dataset-agreement.ts, evaluate-model.ts).
import type { Db } from "@/lib/db/client";
import type { AgreementWithCI } from "@/lib/metrics/agreement-ci";
import { cachedFigures, type CacheState } from "./cache";
import { runOffThread } from "./compute-pool";
import type { Dashboard, DashboardFilters } from "./dashboard";
import type { AgreementRequest } from "./dataset-agreement";
import type { EvalRequest, EvalResult } from "./evaluate-model";
import { selectAspectKeys } from "./aspects";
import { loadRatings } from "./load-ratings";
import { loadPredictions } from "./model-pairs";

export interface Served<T> {
  value: T;
  cache: CacheState;
}

export async function servedAgreement(db: Db, req: AgreementRequest): Promise<Served<AgreementWithCI | Record<string, AgreementWithCI>>> {
  selectAspectKeys(req.granularity, req.aspect); // unknown names: 422 before any work
  const { dataset, ...rest } = req;
  return cachedFigures(db, dataset, "agreement", rest, async (id) => {
    const data = await loadRatings(db, id, req);
    return runOffThread({ kind: "agreement", data, granularity: req.granularity, aspect: req.aspect, seed: req.seed, replicates: req.replicates });
  });
}

export async function servedEval(db: Db, req: EvalRequest): Promise<Served<EvalResult>> {
  const { dataset, ...rest } = req;
  return cachedFigures(db, dataset, "eval", rest, async (id) => {
    const data = await loadRatings(db, id, req);
    const { model, byItem } = await loadPredictions(db, req.model, data);
    return runOffThread({ kind: "eval", data, model: model.name, byItem, source: req.consensus ?? "raters" });
  });
}

export async function servedDashboard(db: Db, dataset: string, filters: DashboardFilters): Promise<Served<Dashboard>> {
  return cachedFigures(db, dataset, "dashboard", filters, async (id) => {
    const data = await loadRatings(db, id, filters);
    const model = filters.model ? await loadPredictions(db, filters.model, data) : undefined;
    return runOffThread({ kind: "dashboard", data, filters, model: model && { name: model.model.name, byItem: model.byItem } });
  });
}

/** The header that says whether figures came from the cache. */
export const CACHE_HEADER = "x-attest-cache";
