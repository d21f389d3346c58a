// A second response source from a model's stored predictions: the same labels, the rationale
// written again by the built-in rationale writer with other settings (a style), stored as the
// predictions of another model version (kind FILE: nothing to run). Two responses per recording is
// what a rater's A/B choice compares, so the demo gets one out of the box. Resumable: recordings
// that already have a prediction of the variant are skipped.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { renderPrediction, type RationaleStyle } from "@/lib/inference/rationale/write-rationale";
import type { PredictionRecord } from "@/lib/inference/predict/assemble";

export interface VariantParams {
  dataset: string;
  /** The model version whose predictions are rewritten. */
  from: string;
  /** The model version the rewritten responses are stored under (created when missing). */
  to: string;
  split?: string;
  style: RationaleStyle;
}

/** The variant model version, created (kind FILE) when it does not exist yet. */
export async function ensureVariantVersion(db: Db, p: Pick<VariantParams, "from" | "to" | "style">) {
  return db.prisma.modelVersion.upsert({
    where: { name: p.to },
    create: {
      name: p.to,
      kind: "FILE",
      description: `${p.from}'s labels with its rationale written again (at most ${p.style.maxWords} word${p.style.maxWords === 1 ? "" : "s"} named, ${p.style.evidence ? "with" : "without"} pause and rate evidence): a second response for A/B`,
      config: { variantOf: p.from, style: p.style } as object,
    },
    update: {},
  });
}

export async function writeRationaleVariant(db: Db, p: VariantParams, progress?: (done: number, total: number) => Promise<void> | void) {
  const ds = await db.prisma.dataset.findUnique({ where: { name: p.dataset } });
  if (!ds) throw new AppError("NOT_FOUND", `no dataset named "${p.dataset}"`);
  const from = await db.prisma.modelVersion.findUnique({ where: { name: p.from } });
  if (!from) throw new AppError("NOT_FOUND", `no model version named "${p.from}"`);
  const to = await ensureVariantVersion(db, p);
  const items = { datasetId: ds.id, ...(p.split ? { split: p.split } : {}) };
  const source = await db.prisma.prediction.findMany({
    where: { modelVersionId: from.id, item: items, NOT: { item: { predictions: { some: { modelVersionId: to.id } } } } },
    include: { item: { select: { phones: { orderBy: { position: "asc" }, select: { word: { select: { index: true } } } } } } },
  });
  const total = source.length;
  let written = 0;
  await progress?.(0, total);
  for (const s of source) {
    const record = { sentence: s.sentence, words: s.words, phones: s.phones } as unknown as PredictionRecord;
    const phoneWord = s.item.phones.map((ph) => ph.word.index);
    // The stored record has no pause or rate evidence: the variant styles do without it.
    const response = renderPrediction(record, { pauses: [], articulationRate: Number.NaN, phoneWord }, p.style);
    const r = await db.prisma.prediction.createMany({
      data: [{ modelVersionId: to.id, itemId: s.itemId, response, sentence: s.sentence as object, words: s.words as object, phones: s.phones as object }],
      skipDuplicates: true,
    });
    written += r.count;
    if (written % 25 === 0) await progress?.(written, total);
  }
  await progress?.(written, total);
  const have = await db.prisma.prediction.count({ where: { modelVersionId: to.id, item: items } });
  return { model: to.name, from: from.name, written, predictions: have };
}
