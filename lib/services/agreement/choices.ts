// What the dashboard's filters can choose from for one dataset.
import type { Db } from "@/lib/db/client";
import { getDatasetByNameOrIdOrThrow } from "./load-ratings";

export interface DashboardChoices {
  dataset: { id: string; name: string };
  splits: string[];
  rounds: { id: string; name: string; kind: string }[];
  models: string[];
}

export async function dashboardChoices(db: Db, dataset: string): Promise<DashboardChoices> {
  const ds = await getDatasetByNameOrIdOrThrow(db, dataset);
  const [splits, rounds, models] = await Promise.all([
    db.prisma.item.groupBy({ by: ["split"], where: { datasetId: ds.id } }),
    db.prisma.round.findMany({ where: { datasetId: ds.id }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, kind: true } }),
    db.prisma.modelVersion.findMany({ where: { predictions: { some: { item: { datasetId: ds.id } } } }, orderBy: { name: "asc" }, select: { name: true } }),
  ]);
  return { dataset: { id: ds.id, name: ds.name }, splits: splits.map((s) => s.split).sort(), rounds, models: models.map((m) => m.name) };
}
