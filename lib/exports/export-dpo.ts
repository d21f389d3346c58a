// Exports preference pairs of a dataset as TRL JSONL or the SpeechLLM CSV, streamed batch by batch.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { DEFAULT_FLIP_CONFIG, checkFlipConfig, type LabelFlipConfig } from "@/lib/preferences/label-flip";
import { getDatasetByNameOrThrow, countItems } from "@/lib/preferences/load-items";
import { streamPairs } from "@/lib/preferences/stream-pairs";
import { PAIR_SOURCES, type PairRow, type PairSource } from "@/lib/preferences/types";
import { logExport } from "./audit-log";
import { LineWriter } from "./line-writer";
import { PairAudio, type PairAudioMode } from "./pair-audio";
import { csvHeader, csvRows, trlLine, type DpoFormat } from "./pair-formats";
import { assertSplitHygiene } from "./split-hygiene";

export interface DpoExportOptions {
  dataset: string;
  source: PairSource | "all";
  format: DpoFormat;
  out: string;
  /** Where rows point for the recording: "copy" (default: recordings beside the pairs file) or "source" (the imported path). */
  audio?: PairAudioMode;
  seed?: number;
  splits?: string[];
  flip?: Partial<LabelFlipConfig>;
  allowSplitLeaks?: boolean;
  userId?: string | null;
  via?: string;
  onProgress?: (stage: string, done: number, total: number) => void;
  checkCancelled?: () => Promise<void>;
}

export interface DpoExportSummary {
  rows: number;
  out: string;
  seconds: number;
  dataset: string;
  format: DpoFormat;
  sources: PairSource[];
  seed: number;
  bytes: number;
  by_source: Record<string, number>;
  by_split: Record<string, number>;
  skipped_items: number;
  audio: PairAudioMode;
  /** Recordings copied beside the pairs file (audio "copy"). */
  recordings: number;
}

export function writeRows(w: LineWriter, format: DpoFormat, rows: PairRow[]): Promise<void> {
  return w.write(format === "trl" ? rows.map(trlLine).join("") : csvRows(rows));
}

export async function exportDpo(db: Db, o: DpoExportOptions): Promise<DpoExportSummary> {
  const t0 = performance.now();
  const ds = await getDatasetByNameOrThrow(db, o.dataset);
  const sources: PairSource[] = o.source === "all" ? [...PAIR_SOURCES] : [o.source];
  const flip: LabelFlipConfig = { ...DEFAULT_FLIP_CONFIG, ...o.flip };
  const bad = checkFlipConfig(flip);
  if (bad.length) throw new AppError("INVALID_INPUT", "invalid label_flip settings", bad.map((message) => ({ field: "flip", message })));
  const seed = o.seed ?? 0;
  await assertSplitHygiene(db, ds.id, o.allowSplitLeaks);
  const totalItems = await countItems(db, { datasetId: ds.id, splits: o.splits });

  const w = await LineWriter.open(o.out);
  const audio = await PairAudio.open(db, o.audio ?? "copy", o.out).catch(async (e) => {
    await w.abort();
    throw e;
  });
  const bySource: Record<string, number> = {};
  const bySplit: Record<string, number> = {};
  let rows = 0;
  let skipped = 0;
  let items = 0;
  try {
    if (o.format === "csv") await w.write(csvHeader());
    for await (const batch of streamPairs(db, { datasetId: ds.id, sources, splits: o.splits, seed, flip, onSkipped: (u) => (skipped += u.length) })) {
      await o.checkCancelled?.();
      await writeRows(w, o.format, await audio.place(batch));
      for (const r of batch) {
        bySource[r.source] = (bySource[r.source] ?? 0) + 1;
        bySplit[r.split] = (bySplit[r.split] ?? 0) + 1;
      }
      rows += batch.length;
      items = Math.min(totalItems, items + new Set(batch.map((r) => r.itemId)).size);
      o.onProgress?.("pairs", rows, rows);
    }
    await w.close();
  } catch (e) {
    await w.abort();
    await audio.abort();
    throw e;
  }
  const summary: DpoExportSummary = {
    rows,
    out: o.out,
    seconds: Math.round((performance.now() - t0) / 10) / 100,
    dataset: ds.name,
    format: o.format,
    sources,
    seed,
    bytes: w.bytes,
    by_source: bySource,
    by_split: bySplit,
    skipped_items: skipped,
    audio: audio.mode,
    recordings: audio.recordings,
  };
  await logExport(db, o.userId ?? null, "export.dpo", { via: o.via ?? "cli", dataset: ds.name, source: o.source, format: o.format, audio: audio.mode, splits: o.splits ?? null, seed, rows, out: o.out });
  return summary;
}
