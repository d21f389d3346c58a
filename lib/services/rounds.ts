// Rating rounds: a researcher picks items (dataset or filtered subset), a pool of raters and k; the
// assignment plan is balanced and seeded (lib/rater/assign.ts) and written in one transaction.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/schemas/parse";
import { CreateRoundSchema, RoundSettingsSchema, type CreateRoundInput, type RoundSettings } from "@/lib/schemas/rater";
import { planAssignments } from "@/lib/rater/assign";
import { seededShuffle } from "@/lib/metrics/random";

type Filter = NonNullable<ReturnType<typeof CreateRoundSchema.parse>["filter"]>;

/**
 * Item ids of a dataset matching a round filter, in uttId order. `limit` draws a seeded random sample
 * of that many from what the rest of the filter selects (the round's seed: the same seed, filter and
 * dataset give the same items), not the first ones in corpus order.
 */
export async function selectItems(db: Db, datasetId: string, filter: Filter, modelVersionId?: string, seed = 0): Promise<string[]> {
  const rows = await db.prisma.item.findMany({
    where: {
      datasetId,
      ...(filter.split ? { split: filter.split } : {}),
      ...(filter.speakerIds?.length ? { speakerId: { in: filter.speakerIds } } : {}),
      ...(filter.itemIds?.length ? { id: { in: filter.itemIds } } : {}),
      ...(filter.ageMin !== undefined || filter.ageMax !== undefined ? { speakerAge: { gte: filter.ageMin, lte: filter.ageMax } } : {}),
      ...(filter.auditFlagged ? { predictions: { some: { audits: { some: { flagged: true } } } } } : {}),
    },
    orderBy: { uttId: "asc" },
    select: { id: true },
  });
  let ids = rows.map((r) => r.id);
  if (filter.widestIntervals) {
    if (!modelVersionId) throw new AppError("INVALID_INPUT", "the widest-interval filter needs a model version", [{ field: "modelVersionId", message: "required with filter.widestIntervals" }]);
    const preds = await db.prisma.prediction.findMany({ where: { modelVersionId, itemId: { in: ids } }, select: { itemId: true, sentence: true } });
    const width = (s: unknown) => {
      const t = (s as Record<string, { low?: number; high?: number } | undefined>)?.total;
      return t && typeof t.low === "number" && typeof t.high === "number" ? t.high - t.low : -1;
    };
    ids = preds
      .map((p) => ({ id: p.itemId, w: width(p.sentence) }))
      .filter((p) => p.w >= 0)
      .sort((a, b) => b.w - a.w || a.id.localeCompare(b.id))
      .slice(0, filter.widestIntervals)
      .map((p) => p.id);
  }
  if (!filter.limit || filter.limit >= ids.length) return ids;
  // Positions in uttId order are drawn, not ids: the same sample on another copy of the dataset.
  const picked = new Set(seededShuffle(ids.map((_, i) => i), seed).slice(0, filter.limit));
  return ids.filter((_, i) => picked.has(i));
}

export async function createRound(db: Db, input: CreateRoundInput, createdById: string | null) {
  const data = parseOrThrow(CreateRoundSchema, input);
  const dataset = await db.prisma.dataset.findUnique({ where: { id: data.datasetId } });
  if (!dataset) throw new AppError("NOT_FOUND", `no dataset ${data.datasetId}`);
  if (await db.prisma.round.findUnique({ where: { datasetId_name: { datasetId: dataset.id, name: data.name } } })) {
    throw new AppError("CONFLICT", `dataset ${dataset.name} already has a round named "${data.name}"`, [{ field: "name", message: "already used" }]);
  }
  const raters = await db.prisma.user.findMany({ where: { id: { in: data.raterIds }, role: "RATER", canSignIn: true, disabled: false }, select: { id: true } });
  const missing = data.raterIds.filter((id) => !raters.some((r) => r.id === id));
  if (missing.length) throw new AppError("INVALID_INPUT", "some raters are not active rater accounts", missing.map((id) => ({ field: "raterIds", message: `${id} is not an active rater` })));
  if (data.k > raters.length) throw new AppError("INVALID_INPUT", `k = ${data.k} needs at least ${data.k} raters`, [{ field: "k", message: `pool has ${raters.length} raters` }]);
  const itemIds = await selectItems(db, dataset.id, data.filter, data.modelVersionId, data.seed);
  if (!itemIds.length) throw new AppError("INVALID_INPUT", "the filter selects no items", [{ field: "filter", message: "no items match" }]);

  // Gold items: explicit ids, else any item of the dataset with a published or adjudicated consensus.
  let goldItemIds: string[] = [];
  if (data.goldRate > 0) {
    const gold = await db.prisma.item.findMany({
      where: { datasetId: dataset.id, ...(data.goldItemIds ? { id: { in: data.goldItemIds } } : {}), judgments: { some: { kind: { in: ["PUBLISHED_CONSENSUS", "ADJUDICATED"] } } } },
      select: { id: true },
      orderBy: { uttId: "asc" },
    });
    goldItemIds = gold.map((g) => g.id);
    if (!goldItemIds.length) throw new AppError("INVALID_INPUT", "a gold rate needs items with a known consensus", [{ field: "goldRate", message: "no gold items" }]);
  }
  const plan = planAssignments({ itemIds, raterIds: raters.map((r) => r.id), k: data.k, seed: data.seed, goldItemIds, goldRate: data.goldRate });
  const settings: RoundSettings = {
    k: data.k,
    raterIds: raters.map((r) => r.id),
    filter: data.filter,
    goldRate: data.goldRate,
    modelVersionId: data.modelVersionId,
    showModel: data.showModel,
    abModelVersionIds: data.abModelVersionIds,
    ...(data.instructions ? { instructions: data.instructions } : {}),
  };
  return db.prisma.$transaction(async (tx) => {
    const round = await tx.round.create({
      data: { datasetId: dataset.id, name: data.name, kind: data.kind, seed: data.seed, settings: JSON.parse(JSON.stringify(settings)), createdById },
    });
    await tx.assignment.createMany({ data: plan.map((p) => ({ roundId: round.id, ...p })) });
    return { id: round.id, name: round.name, items: itemIds.length, assignments: plan.length, gold: plan.filter((p) => p.isGold).length };
  });
}

export function roundSettings(json: unknown): RoundSettings {
  return RoundSettingsSchema.parse(json ?? {});
}

export async function listRounds(db: Db, opts: { archived?: boolean } = {}) {
  const rounds = await db.prisma.round.findMany({
    where: { kind: { not: "IMPORT" }, ...(opts.archived ? {} : { archivedAt: null }) },
    orderBy: { createdAt: "desc" },
    include: { dataset: { select: { name: true } } },
  });
  const counts = await db.prisma.assignment.groupBy({ by: ["roundId", "status"], where: { roundId: { in: rounds.map((r) => r.id) } }, _count: { _all: true } });
  return rounds.map((r) => {
    const mine = counts.filter((c) => c.roundId === r.id);
    const n = (s?: string) => mine.filter((c) => !s || c.status === s).reduce((a, c) => a + c._count._all, 0);
    return { id: r.id, name: r.name, kind: r.kind, dataset: r.dataset.name, createdAt: r.createdAt, closedAt: r.closedAt, archivedAt: r.archivedAt, assignments: n(), submitted: n("SUBMITTED"), skipped: n("SKIPPED") };
  });
}

export async function listRaterAccounts(db: Db) {
  return db.prisma.user.findMany({ where: { role: "RATER", canSignIn: true, disabled: false }, select: { id: true, email: true, name: true }, orderBy: { email: "asc" } });
}
