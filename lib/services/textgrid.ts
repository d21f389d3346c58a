// TextGrid import (word and phone tiers → an Alignment of source TEXTGRID per item, matched by file
// name = utterance id) and export (a rater's alignment — or what their workspace showed — as TextGrid).
import { readdir, readFile, stat, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { AppError, type Problem } from "@/lib/errors";
import { labelledIntervals, parseTextGrid, writeTextGrid } from "@/lib/textgrid/textgrid";
import { resolveTiers } from "@/lib/services/alignments";

const WORDS = /^(words?|wrd)$/i;
const PHONES = /^(phones?|phonemes?|phn)$/i;
const base = (s: string) => s.replace(/[0-2]$/, "").toUpperCase();

async function datasetOrThrow(db: Db, name: string) {
  const d = await db.prisma.dataset.findUnique({ where: { name } });
  if (!d) throw new AppError("NOT_FOUND", `no dataset named "${name}"`);
  return d;
}

export async function importTextGrids(db: Db, input: { path: string; dataset: string }) {
  const dataset = await datasetOrThrow(db, input.dataset);
  const s = await stat(input.path).catch(() => null);
  if (!s) throw new AppError("NOT_FOUND", `${input.path} does not exist`);
  const files = s.isDirectory()
    ? (await readdir(input.path)).filter((f) => /\.textgrid$/i.test(f)).sort().map((f) => path.join(input.path, f))
    : [input.path];
  if (!files.length) throw new AppError("INVALID_INPUT", `no .TextGrid files in ${input.path}`);
  const problems: Problem[] = [];
  const plans: { itemId: string; spans: { wordId: string | null; phoneId: string | null; startSec: number; endSec: number }[] }[] = [];
  for (const file of files) {
    const rel = path.basename(file);
    const uttId = rel.replace(/\.textgrid$/i, "");
    const item = await db.prisma.item.findUnique({
      where: { datasetId_uttId: { datasetId: dataset.id, uttId } },
      include: { words: { orderBy: { index: "asc" } }, phones: { orderBy: { position: "asc" } } },
    });
    if (!item) {
      problems.push({ file: rel, utterance: uttId, message: `no utterance ${uttId} in dataset ${dataset.name}` });
      continue;
    }
    let tg;
    try {
      tg = parseTextGrid(await readFile(file, "utf8"), rel);
    } catch (e) {
      problems.push(...(e instanceof AppError ? e.problems : [{ file: rel, message: String(e) }]));
      continue;
    }
    const words = labelledIntervals(tg, WORDS);
    const phones = labelledIntervals(tg, PHONES);
    if (!words && !phones) {
      problems.push({ file: rel, message: 'no interval tier named "words" or "phones"' });
      continue;
    }
    const spans: (typeof plans)[number]["spans"] = [];
    if (words) {
      if (words.length !== item.words.length) problems.push({ file: rel, field: "words", message: `${words.length} labelled words, the utterance has ${item.words.length}` });
      else words.forEach((w, i) => {
        if (w.text.toUpperCase() !== item.words[i].text.toUpperCase()) problems.push({ file: rel, field: `words[${i}]`, message: `"${w.text}" where the utterance has "${item.words[i].text}"` });
        spans.push({ wordId: item.words[i].id, phoneId: null, startSec: w.xmin, endSec: w.xmax });
      });
    }
    if (phones) {
      if (phones.length !== item.phones.length) problems.push({ file: rel, field: "phones", message: `${phones.length} labelled phones, the utterance has ${item.phones.length}` });
      else phones.forEach((p, i) => {
        if (base(p.text) !== base(item.phones[i].symbol)) problems.push({ file: rel, field: `phones[${i}]`, message: `"${p.text}" where the utterance has "${item.phones[i].symbol}"` });
        spans.push({ wordId: null, phoneId: item.phones[i].id, startSec: p.xmin, endSec: p.xmax });
      });
    }
    plans.push({ itemId: item.id, spans });
  }
  // All or nothing: a folder with any bad file changes nothing.
  if (problems.length) throw new AppError("INVALID_INPUT", `${problems.length} problem${problems.length === 1 ? "" : "s"} in the TextGrid files; nothing was imported`, problems);
  let spanCount = 0;
  await db.prisma.$transaction(async (tx) => {
    for (const p of plans) {
      await tx.alignment.deleteMany({ where: { itemId: p.itemId, source: "TEXTGRID" } });
      const a = await tx.alignment.create({ data: { itemId: p.itemId, source: "TEXTGRID", estimated: false, label: "textgrid import" } });
      await tx.alignmentSpan.createMany({ data: p.spans.map((s) => ({ alignmentId: a.id, ...s })) });
      spanCount += p.spans.length;
    }
  });
  return { dataset: dataset.name, files: files.length, items: plans.length, spans: spanCount };
}

/** Writes <uttId>.TextGrid for every item the rater has an alignment for or was assigned. */
export async function exportTextGrids(db: Db, input: { dataset: string; rater: string; out: string }) {
  const dataset = await datasetOrThrow(db, input.dataset);
  const rater = await db.prisma.user.findUnique({ where: { email: input.rater.trim().toLowerCase() } });
  if (!rater) throw new AppError("NOT_FOUND", `no user ${input.rater}`);
  const items = await db.prisma.item.findMany({
    where: { datasetId: dataset.id, OR: [{ alignments: { some: { raterId: rater.id, source: "RATER" } } }, { assignments: { some: { raterId: rater.id, round: { kind: { not: "IMPORT" } } } } }] },
    include: { words: { orderBy: { index: "asc" }, include: { phones: { orderBy: { index: "asc" } } } } },
    orderBy: { uttId: "asc" },
  });
  await mkdir(input.out, { recursive: true });
  const sources: Record<string, number> = {};
  for (const it of items) {
    const tiers = await resolveTiers(db, it.id, rater.id, it.words, it.durationSec);
    sources[tiers.source] = (sources[tiers.source] ?? 0) + 1;
    const text = new Map([...it.words.map((w) => [w.id, w.text] as const), ...it.words.flatMap((w) => w.phones.map((p) => [p.id, p.symbol] as const))]);
    const tier = (name: string, spans: typeof tiers.words) => ({
      name,
      kind: "IntervalTier" as const,
      xmin: 0,
      xmax: it.durationSec,
      intervals: spans.map((s) => ({ xmin: s.startSec, xmax: Math.min(s.endSec, it.durationSec), text: text.get(s.id) ?? "" })),
    });
    await writeFile(path.join(input.out, `${it.uttId}.TextGrid`), writeTextGrid({ xmin: 0, xmax: it.durationSec, tiers: [tier("words", tiers.words), tier("phones", tiers.phones)] }));
  }
  return { dataset: dataset.name, rater: rater.email, out: input.out, files: items.length, sources };
}
