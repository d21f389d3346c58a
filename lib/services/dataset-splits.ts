// Requests that name a split are checked against the dataset's items before anything is queued: a
// split the dataset lacks is refused (422) naming the split and listing the ones it has, instead of a
// job that "succeeds" with 0 of 0.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** The dataset's splits with their item counts, in name order. */
export async function datasetSplits(db: Db, datasetId: string): Promise<Map<string, number>> {
  const rows = await db.prisma.item.groupBy({ by: ["split"], where: { datasetId }, _count: { _all: true } });
  return new Map(rows.map((r) => [r.split, r._count._all] as const).sort(([a], [b]) => a.localeCompare(b)));
}

export async function assertSplitsExist(db: Db, dataset: { id: string; name: string }, splits: readonly string[] | undefined, field: "split" | "splits"): Promise<void> {
  const have = await datasetSplits(db, dataset.id);
  if (have.size === 0) throw new AppError("INVALID_INPUT", `dataset “${dataset.name}” has no items`, [{ field: "dataset", message: "no items" }]);
  const missing = [...new Set(splits ?? [])].filter((s) => !have.has(s));
  if (!missing.length) return;
  const list = [...have.keys()].map((s) => `“${s}”`).join(", ");
  throw new AppError(
    "INVALID_INPUT",
    `dataset “${dataset.name}” has no ${missing.map((s) => `“${s}”`).join(" or ")} split (it has ${list})`,
    missing.map((s) => ({ field, message: `no split “${s}” in ${dataset.name} (it has ${list})` })),
  );
}
