// Batch inference over a dataset (the "infer" job): resumable — items that already have a
// Prediction for the model version are skipped, and the (modelVersionId, itemId) unique constraint
// with skipDuplicates makes a race or a re-run harmless. Alignments are stored as MODEL, estimated.
import type { Db } from "@/lib/db/client";
import { audioPath } from "@/lib/audio/audio-store";
import { AppError } from "@/lib/errors";
import { isSphinxSpec, loadBundle } from "./builtin/bundle";
import { resolveModelVersion, type ModelVersionRow } from "./model-versions";
import { speakerWarps } from "./speaker-warps";
import { providerFor } from "./providers";
import type { InferenceItem, ProviderOutput } from "./providers/types";
import { assertSplitsExist } from "@/lib/services/dataset-splits";

export interface InferParams {
  dataset: string;
  model: string;
  split?: string;
  limit?: number;
}

export interface InferHooks {
  progress?: (done: number, total: number, message?: string) => Promise<void> | void;
  checkCancelled?: () => Promise<void>;
  jobId?: string;
}

export async function loadInferenceItems(db: Db, p: InferParams): Promise<InferenceItem[]> {
  const ds = await db.prisma.dataset.findUnique({ where: { name: p.dataset } });
  if (!ds) throw new AppError("NOT_FOUND", `no dataset named "${p.dataset}"`);
  // A split the dataset lacks is an error naming it, not a run over nothing (0 of 0).
  await assertSplitsExist(db, ds, p.split ? [p.split] : undefined, "split");
  const items = await db.prisma.item.findMany({
    where: { datasetId: ds.id, ...(p.split ? { split: p.split } : {}) },
    orderBy: { uttId: "asc" },
    take: p.limit,
    include: { words: { orderBy: { index: "asc" } }, phones: { orderBy: { position: "asc" } } },
  });
  return items.map((it) => ({
    id: it.id,
    uttId: it.uttId,
    text: it.text,
    audioFile: audioPath(it.audioSha256),
    speakerId: it.speakerId,
    words: it.words.map((w) => ({ id: w.id, text: w.text, phones: w.canonicalPhones.split(/\s+/).filter(Boolean) })),
    phones: it.phones.map((ph) => ({ id: ph.id, symbol: ph.symbol })),
  }));
}

async function store(db: Db, modelVersionId: string, item: InferenceItem, out: ProviderOutput, jobId?: string): Promise<boolean> {
  return db.prisma.$transaction(async (tx) => {
    const r = await tx.prediction.createMany({
      data: [{ modelVersionId, itemId: item.id, response: out.response, sentence: out.record.sentence as object, words: out.record.words as object, phones: out.record.phones as object, parseWarnings: out.parseWarnings, jobId }],
      skipDuplicates: true,
    });
    if (r.count === 0 || !out.alignment) return r.count > 0;
    await tx.alignment.deleteMany({ where: { itemId: item.id, source: "MODEL", modelVersionId } });
    const al = await tx.alignment.create({ data: { itemId: item.id, source: "MODEL", estimated: true, modelVersionId, label: out.alignment.label ?? "forced alignment (monophone HMM)" } });
    await tx.alignmentSpan.createMany({
      data: [
        ...out.alignment.words.filter((w) => item.words[w.index]).map((w) => ({ alignmentId: al.id, wordId: item.words[w.index].id, startSec: w.startSec, endSec: w.endSec })),
        ...out.alignment.phones.filter((p) => item.phones[p.position]).map((p) => ({ alignmentId: al.id, phoneId: item.phones[p.position].id, startSec: p.startSec, endSec: p.endSec })),
      ],
    });
    return true;
  });
}

async function usesSpeakerWarps(mv: ModelVersionRow): Promise<boolean> {
  if (mv.kind !== "BUILTIN") return false;
  return isSphinxSpec((await loadBundle((mv.config as { bundle?: string } | null)?.bundle ?? mv.name)).acoustic);
}

export async function runInference(db: Db, p: InferParams, hooks: InferHooks = {}) {
  const mv = await resolveModelVersion(db, p.model);
  const items = await loadInferenceItems(db, p);
  const have = new Set(
    (await db.prisma.prediction.findMany({ where: { modelVersionId: mv.id, itemId: { in: items.map((i) => i.id) } }, select: { itemId: true } })).map((x) => x.itemId),
  );
  const todo = items.filter((i) => !have.has(i.id));
  let done = items.length - todo.length;
  await hooks.progress?.(done, items.length, `infer ${mv.name}`);
  let created = 0;
  if (todo.length) {
    const provider = await providerFor(mv);
    if (await usesSpeakerWarps(mv)) {
      const ds = await db.prisma.dataset.findUniqueOrThrow({ where: { name: p.dataset } });
      const warps = await speakerWarps(db, ds.id, todo.map((i) => i.speakerId!), (d, n) => hooks.progress?.(done, items.length, `speaker warps (VTLN) ${d}/${n}`));
      for (const i of todo) i.warp = warps.get(i.speakerId!);
    }
    for (const item of todo) {
      await hooks.checkCancelled?.();
      const out = await provider.predict(item);
      if (await store(db, mv.id, item, out, hooks.jobId)) created++;
      await hooks.progress?.(++done, items.length, `infer ${mv.name}`);
    }
  }
  return { model: mv.name, model_version_id: mv.id, dataset: p.dataset, split: p.split ?? null, items: items.length, predicted: created, skipped: items.length - todo.length };
}

/** The stored predictions as JSONL lines (the `--out` format). */
export async function predictionLines(db: Db, p: InferParams): Promise<string[]> {
  const mv = await resolveModelVersion(db, p.model);
  const items = await loadInferenceItems(db, p);
  const preds = await db.prisma.prediction.findMany({ where: { modelVersionId: mv.id, itemId: { in: items.map((i) => i.id) } } });
  const byItem = new Map(preds.map((x) => [x.itemId, x]));
  return items
    .filter((i) => byItem.has(i.id))
    .map((i) => {
      const x = byItem.get(i.id)!;
      return JSON.stringify({ utt_id: i.uttId, response: x.response, sentence: x.sentence, words: x.words, phones: x.phones, parse_warnings: x.parseWarnings });
    });
}
