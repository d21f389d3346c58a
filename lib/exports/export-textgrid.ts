// One Praat TextGrid per item: word and phone tiers from the item's alignment (a TextGrid import,
// a rater's or a model's), else spread evenly over the recording and marked estimated in an
// "alignment" tier, so nobody mistakes an even spread for a measured boundary.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { getDatasetByNameOrThrow, countItems, itemBatches } from "@/lib/preferences/load-items";
import { logExport } from "./audit-log";
import { writeTextGrid, type Interval } from "@/lib/textgrid/textgrid";
import { uniformTiers } from "@/lib/rater/tiers";

export interface TextGridExportOptions {
  dataset: string;
  out: string;
  splits?: string[];
  userId?: string | null;
  via?: string;
  onProgress?: (stage: string, done: number, total: number) => void;
  checkCancelled?: () => Promise<void>;
}

/** Measured alignments first; an older UNIFORM one is no better than spreading again. */
const PREFERENCE = ["TEXTGRID", "RATER", "MODEL", "UNIFORM"] as const;

export async function exportTextGrids(db: Db, o: TextGridExportOptions) {
  const t0 = performance.now();
  const ds = await getDatasetByNameOrThrow(db, o.dataset);
  const total = await countItems(db, { datasetId: ds.id, splits: o.splits });
  const out = path.resolve(o.out);
  let rows = 0;
  let estimated = 0;
  for await (const items of itemBatches(db, { datasetId: ds.id, splits: o.splits })) {
    await o.checkCancelled?.();
    const aligns = await db.prisma.alignment.findMany({ where: { itemId: { in: items.map((i) => i.id) } }, include: { spans: true }, orderBy: { updatedAt: "desc" } });
    for (const it of items) {
      const mine = aligns.filter((a) => a.itemId === it.id).sort((a, b) => PREFERENCE.indexOf(a.source) - PREFERENCE.indexOf(b.source));
      const al = mine[0];
      let wordTier: Interval[];
      let phoneTier: Interval[];
      let how: string;
      if (al && al.spans.length) {
        const wordText = new Map(it.words.map((w) => [w.id, w.text]));
        const phoneText = new Map(it.phones.map((p) => [p.id, p.symbol]));
        wordTier = al.spans.filter((s) => s.wordId && !s.phoneId).map((s) => ({ xmin: s.startSec, xmax: s.endSec, text: wordText.get(s.wordId!) ?? "" }));
        phoneTier = al.spans.filter((s) => s.phoneId).map((s) => ({ xmin: s.startSec, xmax: s.endSec, text: phoneText.get(s.phoneId!) ?? "" }));
        how = `${al.source.toLowerCase()}${al.estimated ? " (estimated)" : ""}`;
        if (al.estimated) estimated++;
      } else {
        const even = uniformTiers(it.words.map((w) => ({ id: w.id, text: w.text, phones: it.phones.filter((p) => p.wordId === w.id).sort((a, b) => a.index - b.index) })), it.durationSec);
        const label = new Map<string, string>([...it.words.map((w) => [w.id, w.text] as const), ...it.phones.map((p) => [p.id, p.symbol] as const)]);
        wordTier = even.words.map((s) => ({ xmin: s.startSec, xmax: s.endSec, text: label.get(s.id) ?? "" }));
        phoneTier = even.phones.map((s) => ({ xmin: s.startSec, xmax: s.endSec, text: label.get(s.id) ?? "" }));
        how = "estimated (evenly spread)";
        estimated++;
      }
      const tg = writeTextGrid({
        xmin: 0,
        xmax: it.durationSec,
        tiers: [
          { name: "words", kind: "IntervalTier", xmin: 0, xmax: it.durationSec, intervals: wordTier },
          { name: "phones", kind: "IntervalTier", xmin: 0, xmax: it.durationSec, intervals: phoneTier },
          { name: "alignment", kind: "IntervalTier", xmin: 0, xmax: it.durationSec, intervals: [{ xmin: 0, xmax: it.durationSec, text: how }] },
        ],
      });
      const file = path.join(out, it.split, `${it.uttId}.TextGrid`);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, tg);
      rows++;
      o.onProgress?.("items", rows, total);
    }
  }
  const summary = { rows, out, seconds: Math.round((performance.now() - t0) / 10) / 100, dataset: ds.name, estimated };
  await logExport(db, o.userId ?? null, "export.textgrid", { via: o.via ?? "cli", dataset: ds.name, splits: o.splits ?? null, rows, out });
  return summary;
}
