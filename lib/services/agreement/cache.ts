// Dashboard figures are costly (bootstraps over every aspect) and read far more often than the
// data changes: keep the last few per process, keyed by the request and a stamp of the dataset's
// judgments and predictions, so any new or edited judgment invalidates them.
import type { Db } from "@/lib/db/client";
import { buildDashboard, type Dashboard, type DashboardFilters } from "./dashboard";
import { getDatasetByNameOrIdOrThrow } from "./load-ratings";

const MAX_ENTRIES = 16;
const GLOBAL_KEY = Symbol.for("attest.agreement-cache");
type G = typeof globalThis & { [GLOBAL_KEY]?: Map<string, Promise<Dashboard>> };

async function stamp(db: Db, datasetId: string): Promise<string> {
  const [j] = await db.runner.query<{ n: string | number; at: Date | null }>(
    `SELECT count(*) AS n, max(j."updatedAt") AS at FROM "Judgment" j JOIN "Item" i ON i.id = j."itemId" WHERE i."datasetId" = $1`,
    [datasetId],
  );
  const [p] = await db.runner.query<{ n: string | number; at: Date | null }>(
    `SELECT count(*) AS n, max(p."createdAt") AS at FROM "Prediction" p JOIN "Item" i ON i.id = p."itemId" WHERE i."datasetId" = $1`,
    [datasetId],
  );
  const t = (d: Date | null) => (d ? new Date(d).getTime() : 0);
  return `${j.n}:${t(j.at)}:${p.n}:${t(p.at)}`;
}

export async function cachedDashboard(db: Db, dataset: string, filters: DashboardFilters): Promise<Dashboard> {
  const ds = await getDatasetByNameOrIdOrThrow(db, dataset);
  const key = JSON.stringify([ds.id, await stamp(db, ds.id), filters]);
  const g = globalThis as G;
  const cache = (g[GLOBAL_KEY] ??= new Map());
  let hit = cache.get(key);
  if (!hit) {
    hit = buildDashboard(db, ds.id, filters);
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
    while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  } else {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
  }
  return hit;
}
