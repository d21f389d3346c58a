// Read models for the audit pages: per model version × dataset, the stored RationaleAudit rows
// pooled into rates, and the flagged rationales (filterable by code) with their mentions.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseResponse } from "@/lib/inference/response/parse-response";
import { FLAG_CODES, summarize, type Flag, type FlagCode, type GranularityAudit, type GranularitySummary, type LabelSet, type MentionAudit } from "@/lib/audit";

export interface AuditPair {
  modelId: string;
  model: string;
  datasetId: string;
  dataset: string;
  predictions: number;
  flagged: number;
}

export async function listAudits(db: Db): Promise<AuditPair[]> {
  const rows = await db.prisma.rationaleAudit.findMany({
    select: { flagged: true, granularity: true, prediction: { select: { modelVersion: { select: { id: true, name: true } }, item: { select: { dataset: { select: { id: true, name: true } } } } } } },
  });
  const pairs = new Map<string, AuditPair & { flaggedSet: number }>();
  for (const r of rows) {
    const m = r.prediction.modelVersion;
    const d = r.prediction.item.dataset;
    const k = `${m.id}:${d.id}`;
    const p = pairs.get(k) ?? { modelId: m.id, model: m.name, datasetId: d.id, dataset: d.name, predictions: 0, flagged: 0, flaggedSet: 0 };
    if (r.granularity === "sentence") p.predictions++;
    if (r.flagged) p.flagged++;
    pairs.set(k, p);
  }
  return [...pairs.values()].map(({ flaggedSet: _, ...p }) => p);
}

interface StoredMentions {
  items: MentionAudit[];
  counts: GranularityAudit["counts"];
  mentions: number;
  rationaleOffset: number;
  prediction: LabelSet;
  consensus: LabelSet;
}

export interface FlaggedRationale {
  predictionId: string;
  uttId: string;
  itemId: string;
  text: string;
  response: string;
  /** The rationale as audited (mention spans index into it). */
  rationale: string;
  rationaleOffset: number;
  mentions: MentionAudit[];
  flags: Flag[];
  prediction: LabelSet;
  consensus: LabelSet;
}

export interface AuditReport {
  model: { id: string; name: string };
  dataset: { id: string; name: string };
  summary: Record<"sentence" | "word" | "phone", GranularitySummary>;
  codeCounts: Record<FlagCode, number>;
  flagged: FlaggedRationale[];
  total: number;
}

export async function getAuditReport(db: Db, modelId: string, datasetId: string, opts: { code?: string; limit?: number } = {}): Promise<AuditReport> {
  const [model, dataset] = await Promise.all([
    db.prisma.modelVersion.findUnique({ where: { id: modelId } }),
    db.prisma.dataset.findUnique({ where: { id: datasetId } }),
  ]);
  if (!model || !dataset) throw new AppError("NOT_FOUND", "no such model version or dataset");
  const rows = await db.prisma.rationaleAudit.findMany({
    where: { prediction: { modelVersionId: modelId, item: { datasetId } } },
    select: { granularity: true, mentions: true, flags: true, flagged: true, prediction: { select: { id: true, response: true, item: { select: { id: true, uttId: true, text: true } } } } },
    orderBy: { prediction: { item: { uttId: "asc" } } },
  });
  const byG = { sentence: [] as GranularityAudit[], word: [] as GranularityAudit[], phone: [] as GranularityAudit[] };
  const codeCounts = Object.fromEntries(FLAG_CODES.map((c) => [c, 0])) as Record<FlagCode, number>;
  const byPrediction = new Map<string, FlaggedRationale>();
  for (const r of rows) {
    const m = r.mentions as unknown as StoredMentions;
    const flags = r.flags as unknown as Flag[];
    const g = r.granularity as "sentence" | "word" | "phone";
    byG[g]?.push({ granularity: g, plausibility: null, faithfulness: null, recall: null, mentions: m.mentions, counts: m.counts, flags, items: [] });
    for (const f of flags) codeCounts[f.code]++;
    const shown = opts.code ? flags.filter((f) => f.code === opts.code) : flags;
    if (shown.length === 0) continue;
    const p = r.prediction;
    const fr = byPrediction.get(p.id) ?? { predictionId: p.id, uttId: p.item.uttId, itemId: p.item.id, text: p.item.text, response: p.response, rationale: parseResponse(p.response).rationale, rationaleOffset: m.rationaleOffset, mentions: [], flags: [], prediction: m.prediction, consensus: m.consensus };
    fr.flags.push(...shown);
    byPrediction.set(p.id, fr);
  }
  // Every mention of a flagged rationale (all granularities) is shown, so the highlight is complete.
  for (const r of rows) {
    const fr = byPrediction.get(r.prediction.id);
    if (fr) fr.mentions.push(...(r.mentions as unknown as StoredMentions).items);
  }
  const flagged = [...byPrediction.values()];
  return {
    model: { id: model.id, name: model.name },
    dataset: { id: dataset.id, name: dataset.name },
    summary: { sentence: summarize(byG.sentence), word: summarize(byG.word), phone: summarize(byG.phone) },
    codeCounts,
    flagged: flagged.slice(0, opts.limit ?? 200),
    total: flagged.length,
  };
}
