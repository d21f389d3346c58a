// Streams a dataset's items with their words, phones and consensus, a batch at a time, so exports
// of any size hold one batch in memory. Ordered by utterance id: files come out in a stable order.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { audioPath } from "@/lib/audio/audio-store";
import { consensusValues, goldItem, type JudgmentScores } from "./consensus";
import type { GoldItem } from "./types";

export const BATCH = 200;

export async function getDatasetByNameOrThrow(db: Db, name: string) {
  const ds = await db.prisma.dataset.findUnique({ where: { name } });
  if (!ds) throw new AppError("NOT_FOUND", `no dataset named "${name}"`);
  return ds;
}

export interface ItemFilter {
  datasetId: string;
  splits?: string[];
}

const itemWhere = (f: ItemFilter, after?: string) => ({
  datasetId: f.datasetId,
  ...(f.splits?.length ? { split: { in: f.splits } } : {}),
  ...(after !== undefined ? { uttId: { gt: after } } : {}),
});

export async function countItems(db: Db, f: ItemFilter): Promise<number> {
  return db.prisma.item.count({ where: itemWhere(f) });
}

/** Batches of items (keyset pagination on uttId, unique within a dataset). */
export async function* itemBatches(db: Db, f: ItemFilter, batch = BATCH) {
  let after: string | undefined;
  for (;;) {
    const items = await db.prisma.item.findMany({
      where: itemWhere(f, after),
      orderBy: { uttId: "asc" },
      take: batch,
      include: { words: { orderBy: { index: "asc" as const } }, phones: { orderBy: { position: "asc" as const } } },
    });
    if (!items.length) return;
    yield items;
    after = items[items.length - 1].uttId;
    if (items.length < batch) return;
  }
}

/** Submitted judgments of the given items, as score maps. */
export async function judgmentsFor(db: Db, itemIds: string[], kinds: JudgmentScores["kind"][]): Promise<Map<string, JudgmentScores[]>> {
  const js = await db.prisma.judgment.findMany({
    where: { itemId: { in: itemIds }, kind: { in: kinds }, status: "SUBMITTED" },
    include: { wordScores: true, phoneScores: true },
  });
  const out = new Map<string, JudgmentScores[]>();
  for (const j of js) {
    const list = out.get(j.itemId) ?? [];
    list.push({
      kind: j.kind,
      accuracy: j.accuracy,
      fluency: j.fluency,
      prosody: j.prosody,
      words: new Map(j.wordScores.map((w) => [w.wordId, w.accuracy])),
      phones: new Map(j.phoneScores.map((p) => [p.phoneId, p.score])),
    });
    out.set(j.itemId, list);
  }
  return out;
}

export interface GoldBatch {
  gold: GoldItem[];
  /** Items without a complete reference (no consensus and no rater scores). */
  skipped: string[];
}

type LoadedItem = Awaited<ReturnType<typeof loadItems>>[number];

async function loadItems(db: Db, where: object) {
  return db.prisma.item.findMany({
    where,
    orderBy: { uttId: "asc" },
    include: { words: { orderBy: { index: "asc" } }, phones: { orderBy: { position: "asc" } } },
  });
}

/** Gold items for loaded items: consensus first, raters' scores where there is none. */
export async function goldFor(db: Db, items: LoadedItem[]): Promise<GoldBatch> {
  const ids = items.map((i) => i.id);
  const consensus = await judgmentsFor(db, ids, ["ADJUDICATED", "PUBLISHED_CONSENSUS"]);
  const missing = ids.filter((id) => !consensus.has(id));
  const raters = missing.length ? await judgmentsFor(db, missing, ["RATER"]) : new Map<string, JudgmentScores[]>();
  const gold: GoldItem[] = [];
  const skipped: string[] = [];
  for (const it of items) {
    const c = consensusValues(consensus.get(it.id) ?? raters.get(it.id) ?? [], it.words.map((w) => w.id), it.phones.map((p) => p.id));
    const g = c && goldItem({ itemId: it.id, uttId: it.uttId, split: it.split, speakerId: it.speakerId, text: it.text, audio: audioPath(it.audioSha256), words: it.words }, c);
    if (g) gold.push(g);
    else skipped.push(it.uttId);
  }
  return { gold, skipped };
}

/** Gold items of the given ids (one dataset), keyed by item id. */
export async function goldByItemId(db: Db, datasetId: string, itemIds: string[]): Promise<Map<string, GoldItem>> {
  const items = await loadItems(db, { datasetId, id: { in: itemIds } });
  const { gold } = await goldFor(db, items);
  return new Map(gold.map((g) => [g.itemId, g]));
}

/** Gold items (consensus labels) batch by batch. */
export async function* goldItemBatches(db: Db, f: ItemFilter): AsyncGenerator<GoldBatch> {
  for await (const items of itemBatches(db, f)) yield goldFor(db, items);
}
