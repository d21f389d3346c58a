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

/**
 * One count everywhere: a "flagged rationale" is a prediction (one per model × item) whose rationale
 * has at least one flag at any granularity. The audits list, the audit page's header, its filters and
 * its list, and the review round it sends all count these (not audit rows, one per granularity, nor
 * flags, several per rationale).
 */
export async function listAudits(db: Db): Promise<AuditPair[]> {
  const rows = await db.prisma.rationaleAudit.findMany({
    select: { flagged: true, granularity: true, predictionId: true, prediction: { select: { modelVersion: { select: { id: true, name: true } }, item: { select: { dataset: { select: { id: true, name: true } } } } } } },
  });
  const pairs = new Map<string, AuditPair & { flaggedSet: Set<string> }>();
  for (const r of rows) {
    const m = r.prediction.modelVersion;
    const d = r.prediction.item.dataset;
    const k = `${m.id}:${d.id}`;
    const p = pairs.get(k) ?? { modelId: m.id, model: m.name, datasetId: d.id, dataset: d.name, predictions: 0, flagged: 0, flaggedSet: new Set<string>() };
    if (r.granularity === "sentence") p.predictions++;
    if (r.flagged) p.flaggedSet.add(r.predictionId);
    pairs.set(k, p);
  }
  return [...pairs.values()].map(({ flaggedSet, ...p }) => ({ ...p, flagged: flaggedSet.size }));
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
  /** Per flag code: flagged rationales with at least one flag of that code, among those the search matches. */
  codeCounts: Record<FlagCode, number>;
  /** Flagged rationales the search matches, any code (the "all" filter). */
  all: number;
  /** Rationales audited (predictions of this model on this dataset with an audit). */
  audited: number;
  /** Flagged rationales of this model on this dataset, no filter or search (the audits list's count). */
  flaggedRationales: number;
  /** This page of the flagged rationales the code filter and the search match. */
  flagged: FlaggedRationale[];
  /** Flagged rationales the code filter and the search match (the list's length over all pages). */
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  code: string | null;
  q: string | null;
}

export interface AuditQuery {
  code?: string;
  /** Words of the search: each must match the item (utterance id, a word of its text) or one of its flags (code, the word or phone it is about, its target). */
  q?: string;
  page?: number;
  pageSize?: number;
  /** Older name of pageSize. */
  limit?: number;
}

interface SearchFields {
  uttId: string;
  itemId: string;
  text: string;
  flags: Flag[];
}

/** The terms a search word can hit for one flagged rationale (lower case). */
function searchTerms(r: SearchFields): string[] {
  const terms = [r.uttId, r.itemId, ...r.text.split(/[^\p{L}\p{N}'_-]+/u)];
  for (const f of r.flags) {
    terms.push(f.code);
    if (f.mention?.text) terms.push(f.mention.text, ...f.mention.text.split(/\s+/));
    if (f.evidence.target) terms.push(f.evidence.target);
    for (const m of f.evidence.missed ?? []) terms.push(m.text);
  }
  return terms.filter(Boolean).map((t) => t.toLowerCase().replace(/^[/'"“‘]+|[/'"”’.,;:!?]+$/g, ""));
}

/** Every word of q must hit a term: equal, or contained in it when the word has 3 characters or more. */
export function matchesSearch(r: SearchFields, q: string | undefined): boolean {
  const words = (q ?? "").toLowerCase().split(/\s+/).map((w) => w.replace(/^[/'"“‘]+|[/'"”’]+$/g, "")).filter(Boolean);
  if (words.length === 0) return true;
  const terms = searchTerms(r);
  return words.every((w) => terms.some((t) => t === w || (w.length >= 3 && t.includes(w))));
}

export const hasCode = (r: { flags: Flag[] }, code: string | undefined) => !code || r.flags.some((f) => f.code === code);

/** The items whose rationale (this model's) is flagged and matches the code and the search: what a review round gets. */
export async function flaggedItemIds(db: Db, modelId: string, datasetId: string, opts: { code?: string; q?: string } = {}): Promise<string[]> {
  const rows = await db.prisma.rationaleAudit.findMany({
    where: { flagged: true, prediction: { modelVersionId: modelId, item: { datasetId } } },
    select: { flags: true, prediction: { select: { id: true, item: { select: { id: true, uttId: true, text: true } } } } },
  });
  const byPrediction = new Map<string, SearchFields>();
  for (const r of rows) {
    const it = r.prediction.item;
    const x = byPrediction.get(r.prediction.id) ?? { uttId: it.uttId, itemId: it.id, text: it.text, flags: [] };
    x.flags.push(...(r.flags as unknown as Flag[]));
    byPrediction.set(r.prediction.id, x);
  }
  return [...new Set([...byPrediction.values()].filter((x) => hasCode(x, opts.code) && matchesSearch(x, opts.q)).map((x) => x.itemId))].sort();
}

export async function getAuditReport(db: Db, modelId: string, datasetId: string, opts: AuditQuery = {}): Promise<AuditReport> {
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
  const byPrediction = new Map<string, FlaggedRationale>();
  for (const r of rows) {
    const m = r.mentions as unknown as StoredMentions;
    const flags = r.flags as unknown as Flag[];
    const g = r.granularity as "sentence" | "word" | "phone";
    byG[g]?.push({ granularity: g, plausibility: null, faithfulness: null, recall: null, mentions: m.mentions, counts: m.counts, flags, items: [] });
    if (flags.length === 0) continue;
    const p = r.prediction;
    const fr = byPrediction.get(p.id) ?? { predictionId: p.id, uttId: p.item.uttId, itemId: p.item.id, text: p.item.text, response: p.response, rationale: parseResponse(p.response).rationale, rationaleOffset: m.rationaleOffset, mentions: [], flags: [], prediction: m.prediction, consensus: m.consensus };
    fr.flags.push(...flags);
    byPrediction.set(p.id, fr);
  }
  // Every mention of a flagged rationale (all granularities) is shown, so the highlight is complete.
  for (const r of rows) {
    const fr = byPrediction.get(r.prediction.id);
    if (fr) fr.mentions.push(...(r.mentions as unknown as StoredMentions).items);
  }
  const everyFlagged = [...byPrediction.values()];
  const searched = everyFlagged.filter((f) => matchesSearch(f, opts.q));
  const codeCounts = Object.fromEntries(FLAG_CODES.map((c) => [c, searched.filter((f) => hasCode(f, c)).length])) as Record<FlagCode, number>;
  const listed = searched.filter((f) => hasCode(f, opts.code));
  const pageSize = Math.max(1, Math.min(200, opts.pageSize ?? opts.limit ?? 20));
  const pages = Math.max(1, Math.ceil(listed.length / pageSize));
  const page = Math.max(1, Math.min(pages, Math.floor(opts.page ?? 1)));
  const shown = listed.slice((page - 1) * pageSize, page * pageSize).map((f) => (opts.code ? { ...f, flags: f.flags.filter((x) => x.code === opts.code) } : f));
  return {
    model: { id: model.id, name: model.name },
    dataset: { id: dataset.id, name: dataset.name },
    summary: { sentence: summarize(byG.sentence), word: summarize(byG.word), phone: summarize(byG.phone) },
    codeCounts,
    all: searched.length,
    audited: byG.sentence.length,
    flaggedRationales: everyFlagged.length,
    flagged: shown,
    total: listed.length,
    page,
    pageSize,
    pages,
    code: opts.code ?? null,
    q: opts.q?.trim() || null,
  };
}
