// Audit of a model version's predictions on a dataset against the human consensus: one
// RationaleAudit row per prediction × granularity (re-running replaces them), and the summary.
// With a second judge (an HTTP chat model, audit-judge.ts) its reading is stored too, one JudgeAudit
// row per prediction (replaced when re-run; researchers' settlements stay), and reported beside.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { AUDIT_GRANULARITIES, type AuditGranularity, type GranularityAudit, type ResponseAudit } from "@/lib/audit";
import { getDatasetByNameOrThrow, loadAuditItems, type AuditItem } from "./audit-context";
import { auditOne, auditSummary, flagJson, mentionsJson, storedLabels, type RunResult } from "./audit-run";
import { judgeReport, judgeRuns, loadJudge, type JudgedRun } from "./audit-judge";

export interface AuditModelOptions {
  dataset: string;
  model: string;
  split?: string;
  /** A second judge's model version name ("rules" or none: only the rules). */
  judge?: string;
  onProgress?: (done: number, total: number, stage?: string) => void | Promise<void>;
  /** Throws when the job was cancelled (checked between windows of judge requests). */
  checkCancelled?: () => Promise<void>;
}

/** What a JudgeAudit row keeps of a judge's audit: per granularity its mentions, counts and flags. */
function storedReading(a: ResponseAudit, warnings: string[]) {
  const g = (x: GranularityAudit) => ({ items: x.items, counts: x.counts, mentions: x.mentions, flags: x.flags });
  return { sentence: g(a.sentence), word: g(a.word), phone: g(a.phone), overall: a.overall, warnings };
}

function judgeRows(judgeId: string, ids: string[], judged: JudgedRun[]) {
  return judged.map((j, i) => ({
    predictionId: ids[i],
    judgeId,
    reading: j.audit ? storedReading(j.audit, j.warnings) : undefined,
    flagged: !!j.audit && AUDIT_GRANULARITIES.some((g) => j.audit![g].flags.length > 0),
    error: j.error,
  }));
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
  const judge = await loadJudge(db, opts.judge);
  const predictions = await db.prisma.prediction.findMany({
    where: { modelVersionId: model.id, item: { datasetId: dataset.id, ...(opts.split ? { split: opts.split } : {}) } },
    select: { id: true, itemId: true, response: true, sentence: true, words: true, phones: true, item: { select: { uttId: true } } },
    orderBy: { item: { uttId: "asc" } },
  });
  const items = await loadAuditItems(db, dataset.id, { split: opts.split });
  const audits: Record<AuditGranularity, GranularityAudit>[] = [];
  const flags: ReturnType<typeof flagJson>[] = [];
  const mentions: ReturnType<typeof mentionsJson> = [];
  const rows: { predictionId: string; granularity: string; plausibility: number | null; faithfulness: number | null; recall: number | null; mentions: object; flags: object; flagged: boolean }[] = [];
  const runs: { target: AuditItem; run: RunResult; what: string }[] = [];
  let parsed = 0;
  predictions.forEach((p, i) => {
    const item = items.get(p.item.uttId)!;
    const r = auditOne(item, p.response, storedLabels(p.sentence, p.words, p.phones, item));
    runs.push({ target: item, run: r, what: p.item.uttId });
    if (r.parsed) parsed++;
    audits.push({ sentence: r.audit.sentence, word: r.audit.word, phone: r.audit.phone });
    mentions.push(...mentionsJson(p.item.uttId, r.audit));
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
    void opts.onProgress?.(i + 1, predictions.length, "audit");
  });
  const ids = predictions.map((p) => p.id);
  const judged = judge ? await judgeRuns(judge, runs, (d, t) => opts.onProgress?.(d, t, `judge ${judge.name}`), opts.checkCancelled) : null;
  await db.prisma.$transaction(async (tx) => {
    for (let i = 0; i < ids.length; i += BATCH) {
      await tx.rationaleAudit.deleteMany({ where: { predictionId: { in: ids.slice(i, i + BATCH) } } });
      if (judge) await tx.judgeAudit.deleteMany({ where: { judgeId: judge.id, predictionId: { in: ids.slice(i, i + BATCH) } } });
    }
    for (let i = 0; i < rows.length; i += BATCH) {
      await tx.rationaleAudit.createMany({ data: rows.slice(i, i + BATCH) as never });
    }
    if (judge && judged) {
      const jrows = judgeRows(judge.id, ids, judged);
      for (let i = 0; i < jrows.length; i += BATCH) await tx.judgeAudit.createMany({ data: jrows.slice(i, i + BATCH) as never });
    }
  }, { timeout: 120_000 });
  const out = {
    dataset: dataset.name,
    model: model.name,
    split: opts.split ?? null,
    responses: predictions.length,
    parsed,
    ...auditSummary(audits, flags),
    mentions,
    audits: rows.length,
  };
  if (!judge || !judged) return out;
  return { ...out, ...judgeReport(judge, predictions.map((p, i) => ({ uttId: p.item.uttId, rules: runs[i].run.audit, judged: judged[i] }))) };
}
