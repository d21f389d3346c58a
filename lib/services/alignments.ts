// Time spans for an item's words and phones: the rater's own (dragged) alignment, else an imported
// TextGrid, else the model's estimate, else an even spread by phone count. Raters never see another
// rater's alignment.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { assertListLength } from "@/lib/schemas/parse";
import { tiersFromSpans, uniformTiers, type TierWord, type Tiers } from "@/lib/rater/tiers";

export async function resolveTiers(db: Db, itemId: string, raterId: string | null, words: TierWord[], durationSec: number): Promise<Tiers> {
  const pick = async (where: object) =>
    db.prisma.alignment.findFirst({ where: { itemId, ...where }, orderBy: { updatedAt: "desc" }, include: { spans: true } });
  const own = raterId ? await pick({ source: "RATER", raterId }) : null;
  if (own) return tiersFromSpans(words, durationSec, own.spans, "RATER", false);
  const tg = await pick({ source: "TEXTGRID" });
  if (tg) return tiersFromSpans(words, durationSec, tg.spans, "TEXTGRID", false);
  const model = await pick({ source: "MODEL" });
  if (model) return tiersFromSpans(words, durationSec, model.spans, "MODEL", true);
  return uniformTiers(words, durationSec);
}

/** Replaces the rater's own alignment of an item (one per rater and item). */
export async function saveRaterAlignment(
  db: Db,
  raterId: string,
  itemId: string,
  spans: { wordId?: string | null; phoneId?: string | null; startSec: number; endSec: number }[],
) {
  const item = await db.prisma.item.findUnique({ where: { id: itemId }, include: { words: { select: { id: true } }, phones: { select: { id: true } } } });
  if (!item) throw new AppError("NOT_FOUND", "no such item");
  // At most one span per word and phone: a longer list is refused by its length alone.
  assertListLength({ spans }, "spans", item.words.length + item.phones.length, `this item has ${item.words.length} words and ${item.phones.length} phones`);
  const wordIds = new Set(item.words.map((w) => w.id));
  const phoneIds = new Set(item.phones.map((p) => p.id));
  const problems = spans.flatMap((s, i) => {
    const p = [];
    if (!!s.wordId === !!s.phoneId) p.push({ field: `spans[${i}]`, message: "a span names exactly one word or one phone" });
    if (s.wordId && !wordIds.has(s.wordId)) p.push({ field: `spans[${i}].wordId`, message: "not a word of this item" });
    if (s.phoneId && !phoneIds.has(s.phoneId)) p.push({ field: `spans[${i}].phoneId`, message: "not a phone of this item" });
    if (!(s.endSec > s.startSec) || s.endSec > item.durationSec + 0.05) p.push({ field: `spans[${i}]`, message: `needs 0 ≤ start < end ≤ ${item.durationSec.toFixed(2)} s` });
    return p;
  });
  if (problems.length) throw new AppError("INVALID_INPUT", "invalid alignment spans", problems);
  return db.prisma.$transaction(async (tx) => {
    await tx.alignment.deleteMany({ where: { itemId, raterId, source: "RATER" } });
    const a = await tx.alignment.create({ data: { itemId, raterId, source: "RATER", estimated: false } });
    await tx.alignmentSpan.createMany({ data: spans.map((s) => ({ alignmentId: a.id, wordId: s.wordId ?? null, phoneId: s.phoneId ?? null, startSec: s.startSec, endSec: s.endSec })) });
    return { id: a.id, spans: spans.length };
  });
}
