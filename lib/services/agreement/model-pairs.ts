// A model's predictions lined up with the human consensus, unit by unit, for one (granularity,
// aspect): the input of model-human agreement, calibration plots and `eval`.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { consensusOf } from "@/lib/metrics/consensus";
import { labelFor, predictionFactor, valueForLabel, type LabelScale } from "@/lib/rubric/label-bins";
import { labelId, parseLabel } from "@/lib/rubric/labels";
import type { Granularity } from "@/lib/rubric/rubric";
import { fullCells, rubricScale, type AspectKey } from "./aspects";
import type { LoadedRatings } from "./load-ratings";

/** Where the reference comes from: the rubric's median/mean over raters, or the published/adjudicated judgment. */
export type ConsensusSource = "raters" | "published";

export interface StoredPrediction {
  itemId: string;
  sentence: Record<string, { mean?: number | null; sd?: number | null; low?: number | null; high?: number | null; label?: string | null } | undefined>;
  words: { text?: string; accuracy?: number | null; label?: string | null }[];
  phones: { symbol?: string; score?: number | null; label?: string | null }[];
}

export interface ModelPairs {
  /** Unit index (items / words / phones) of each pair. Values below are on the rubric's scale of the key. */
  units: number[];
  y: number[];
  mu: number[];
  sd: (number | null)[];
  low: (number | null)[];
  high: (number | null)[];
  /** Label ids 0-4 of the reference and of the model. */
  yLabel: number[];
  muLabel: number[];
}

export async function loadPredictions(db: Db, model: string, data: LoadedRatings): Promise<{ model: { id: string; name: string }; byItem: Map<number, StoredPrediction> }> {
  const mv = await db.prisma.modelVersion.findFirst({ where: { OR: [{ name: model }, { id: model }] }, select: { id: true, name: true } });
  if (!mv) throw new AppError("NOT_FOUND", `no model "${model}"`);
  const rows = await db.runner.query<StoredPrediction>(
    `SELECT p."itemId", p.sentence, p.words, p.phones FROM "Prediction" p JOIN "Item" i ON i.id = p."itemId"
     WHERE p."modelVersionId" = $1 AND i."datasetId" = $2`,
    [mv.id, data.dataset.id],
  );
  const itemIdx = new Map(data.items.map((it, i) => [it.id, i]));
  const byItem = new Map<number, StoredPrediction>();
  for (const r of rows) {
    const u = itemIdx.get(r.itemId);
    const parse = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);
    if (u !== undefined) byItem.set(u, { itemId: r.itemId, sentence: parse(r.sentence) ?? {}, words: parse(r.words) ?? [], phones: parse(r.phones) ?? [] });
  }
  return { model: mv, byItem };
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** Factor from the rubric's scale of the key onto the scale models predict on (see label-bins). */
function factorOf(data: LoadedRatings, key: AspectKey): number {
  return predictionFactor(key.granularity as LabelScale, rubricScale(data.dataset.rubric, key).max);
}

interface RawPrediction {
  value: number | null;
  label: string | null | undefined;
  sd?: number | null;
  low?: number | null;
  high?: number | null;
}

/** The prediction for unit u of this key, or null when the model gave none (or it cannot be lined up). */
function predictionFor(data: LoadedRatings, key: AspectKey, u: number, byItem: Map<number, StoredPrediction>, counts: number[]): RawPrediction | null {
  if (key.granularity === "sentence") {
    const p = byItem.get(u)?.sentence;
    const s = p?.[key.aspect] ?? (key.aspect === "prosody" ? p?.prosodic : undefined);
    if (!s) return null;
    return { value: num(s.mean), label: s.label, sd: num(s.sd), low: num(s.low), high: num(s.high) };
  }
  if (key.granularity === "word") {
    const w = data.words[u];
    const p = byItem.get(w.item);
    const count = counts[w.item];
    // Words are matched by position; a prediction with another word count is not lined up.
    if (!p || p.words.length !== count) return null;
    const pw = p.words[w.index];
    if (!pw) return null;
    return { value: num(pw.accuracy), label: pw.label };
  }
  const ph = data.phones[u];
  const p = byItem.get(ph.item);
  if (!p) return null;
  const count = counts[ph.item];
  if (p.phones.length !== count) return null;
  const pp = p.phones[ph.position];
  return pp ? { value: num(pp.score), label: pp.label } : null;
}

function referenceFor(data: LoadedRatings, key: AspectKey, u: number, source: ConsensusSource, cells: (number | null)[][]): number | null {
  if (source === "raters") return consensusOf(cells[u], data.dataset.rubric.consensus);
  if (key.granularity === "sentence") return data.reference.sentence.get(u)?.[key.aspect as "accuracy"] ?? null;
  if (key.granularity === "word") return data.reference.word.get(u)?.[key.aspect as "accuracy"] ?? null;
  return data.reference.phone.get(u) ?? null;
}

export function modelPairs(data: LoadedRatings, key: AspectKey, byItem: Map<number, StoredPrediction>, source: ConsensusSource): ModelPairs {
  const scale: LabelScale = key.granularity as Granularity;
  const f = factorOf(data, key);
  const onRubric = (v: number | null | undefined) => (v === null || v === undefined ? null : v / f);
  const cells = fullCells(data, key);
  // Words (or phones) per item: a prediction with another count is not lined up.
  const counts = new Array<number>(data.items.length).fill(0);
  if (key.granularity === "word") for (const w of data.words) counts[w.item]++;
  if (key.granularity === "phone") for (const p of data.phones) counts[p.item]++;
  const out: ModelPairs = { units: [], y: [], mu: [], sd: [], low: [], high: [], yLabel: [], muLabel: [] };
  const nUnits = cells.length;
  for (let u = 0; u < nUnits; u++) {
    const item = key.granularity === "sentence" ? u : key.granularity === "word" ? data.words[u].item : data.phones[u].item;
    if (!byItem.has(item)) continue;
    const y = referenceFor(data, key, u, source, cells);
    if (y === null) continue;
    const p = predictionFor(data, key, u, byItem, counts);
    if (!p) continue;
    const parsed = p.label ? parseLabel(p.label) : null;
    // Every figure is on the rubric's scale, the one the reference and the raters use.
    const mu = onRubric(p.value ?? (parsed ? valueForLabel(scale, parsed) : null));
    if (mu === null) continue;
    out.units.push(u);
    out.y.push(y);
    out.mu.push(mu);
    out.sd.push(onRubric(p.sd));
    out.low.push(onRubric(p.low));
    out.high.push(onRubric(p.high));
    out.yLabel.push(labelId(labelFor(scale, y * f)));
    out.muLabel.push(labelId(parsed ?? labelFor(scale, mu * f)));
  }
  return out;
}
