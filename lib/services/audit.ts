// Audit of a model version's predictions on a dataset against the human consensus: one
// RationaleAudit row per prediction × granularity (re-running replaces them), and the summary.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { AUDIT_GRANULARITIES, type AuditGranularity, type GranularityAudit } from "@/lib/audit";
import { getDatasetByNameOrThrow, loadAuditItems } from "./audit-context";
import { auditOne, auditSummary, flagJson, storedLabels } from "./audit-run";

export interface AuditModelOptions {
  dataset: string;
  model: string;
  split?: string;
  onProgress?: (done: number, total: number) => void;
}

export async function getModelByNameOrThrow(db: Db, name: string) {
  const m = await db.prisma.modelVersion.findUnique({ where: { name } });
  if (!m) throw new AppError("NOT_FOUND", `no model version named "${name}"`, [{ field: "model", message: `unknown model "${name}"` }]);
  return m;
}

const BATCH = 200;

export async function auditModel(db: Db, opts: AuditModelOptions) {
  const dataset = await getDatasetByNameOrThrow(db, opts.dataset);
  const model = await getModelByNameOrThrow(db, opts.model);
  const predictions = await db.prisma.prediction.findMany({
    where: { modelVersionId: model.id, item: { datasetId: dataset.id, ...(opts.split ? { split: opts.split } : {}) } },
    select: { id: true, itemId: true, response: true, sentence: true, words: true, phones: true, item: { select: { uttId: true } } },
    orderBy: { item: { uttId: "asc" } },
  });
  const items = await loadAuditItems(db, dataset.id, { split: opts.split });
  const audits: Record<AuditGranularity, GranularityAudit>[] = [];
  const flags: ReturnType<typeof flagJson>[] = [];
  const rows: { predictionId: string; granularity: string; plausibility: number | null; faithfulness: number | null; recall: number | null; mentions: object; flags: object; flagged: boolean }[] = [];
  let parsed = 0;
  predictions.forEach((p, i) => {
    const item = items.get(p.item.uttId)!;
    const r = auditOne(item, p.response, storedLabels(p.sentence, p.words, p.phones, item));
    if (r.parsed) parsed++;
    audits.push({ sentence: r.audit.sentence, word: r.audit.word, phone: r.audit.phone });
    for (const g of AUDIT_GRANULARITIES) {
      const a = r.audit[g];
      for (const f of a.flags) flags.push(flagJson(p.item.uttId, f));
      rows.push({
        predictionId: p.id,
        granularity: g,
        plausibility: a.plausibility,
        faithfulness: a.faithfulness,
        recall: a.recall,
        // Counts and the rationale's offset travel with the mentions so pages need no re-parse.
        mentions: { items: a.items, counts: a.counts, mentions: a.mentions, overall: r.audit.overall, rationaleOffset: r.rationaleOffset, prediction: r.prediction, consensus: item.consensus },
        flags: a.flags,
        flagged: a.flags.length > 0,
      });
    }
    opts.onProgress?.(i + 1, predictions.length);
  });
  const ids = predictions.map((p) => p.id);
  await db.prisma.$transaction(async (tx) => {
    for (let i = 0; i < ids.length; i += BATCH) {
      await tx.rationaleAudit.deleteMany({ where: { predictionId: { in: ids.slice(i, i + BATCH) } } });
    }
    for (let i = 0; i < rows.length; i += BATCH) {
      await tx.rationaleAudit.createMany({ data: rows.slice(i, i + BATCH) as never });
    }
  }, { timeout: 120_000 });
  return {
    dataset: dataset.name,
    model: model.name,
    split: opts.split ?? null,
    responses: predictions.length,
    parsed,
    ...auditSummary(audits, flags),
    audits: rows.length,
  };
}
