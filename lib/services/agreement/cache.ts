// The researchers' figures are costly (bootstraps over every aspect, on a worker thread) and read
// far more often than the data changes: keep the last few per process, keyed by the request and by
// the dataset's data version — a stamp of its items, judgments (count, newest updatedAt, sum of
// revisions), assignments and predictions — so that any new, edited or withdrawn judgment, a new
// prediction or a reassignment gives a new key and the figures are computed again.
// Identical requests that arrive together share one computation.
import type { Db } from "@/lib/db/client";
import { getDatasetByNameOrIdOrThrow } from "./load-ratings";

const MAX_ENTRIES = 32;
const GLOBAL_KEY = Symbol.for("attest.agreement-cache");
type G = typeof globalThis & { [GLOBAL_KEY]?: Map<string, Promise<unknown>> };

export type CacheState = "hit" | "miss";

/** The dataset's data version: changes whenever anything the figures read changes. */
export async function dataVersion(db: Db, datasetId: string): Promise<string> {
  const ms = (d: Date | string | null) => (d ? new Date(d).getTime() : 0);
  const [r] = await db.runner.query<Record<string, string | number | Date | null>>(
    `SELECT
       (SELECT count(*) FROM "Item" i WHERE i."datasetId" = $1) AS items,
       j.n AS jn, j.at AS jat, j.rev AS jrev,
       (SELECT count(*) FROM "Assignment" a JOIN "Item" i ON i.id = a."itemId" WHERE i."datasetId" = $1) AS an,
       (SELECT max(a."updatedAt") FROM "Assignment" a JOIN "Item" i ON i.id = a."itemId" WHERE i."datasetId" = $1) AS aat,
       p.n AS pn, p.at AS pat
     FROM (SELECT count(*) AS n, max(j."updatedAt") AS at, coalesce(sum(j.revision), 0) AS rev
             FROM "Judgment" j JOIN "Item" i ON i.id = j."itemId" WHERE i."datasetId" = $1) j,
          (SELECT count(*) AS n, max(p."createdAt") AS at
             FROM "Prediction" p JOIN "Item" i ON i.id = p."itemId" WHERE i."datasetId" = $1) p`,
    [datasetId],
  );
  return [r.items, r.jn, ms(r.jat as Date | null), r.jrev, r.an, ms(r.aat as Date | null), r.pn, ms(r.pat as Date | null)].map(String).join(":");
}

/**
 * The figures of `kind` for this dataset and request: from the cache when the dataset's data has
 * not changed since they were computed ("hit"), else computed now ("miss").
 */
export async function cachedFigures<T>(
  db: Db,
  dataset: string,
  kind: string,
  request: unknown,
  compute: (datasetId: string) => Promise<T>,
): Promise<{ value: T; cache: CacheState }> {
  const ds = await getDatasetByNameOrIdOrThrow(db, dataset);
  const key = JSON.stringify([kind, ds.id, await dataVersion(db, ds.id), request]);
  const cache = ((globalThis as G)[GLOBAL_KEY] ??= new Map());
  let hit = cache.get(key) as Promise<T> | undefined;
  const state: CacheState = hit ? "hit" : "miss";
  if (!hit) {
    hit = compute(ds.id);
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
    while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  } else {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
  }
  return { value: await hit, cache: state };
}
