// Hugging Face "audiofolder": <out>/<split>/<utt>.wav with a metadata.jsonl beside them (file_name
// first), so `load_dataset("audiofolder", data_dir=out)` gives splits, audio and the gold labels.
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { goldResponse } from "@/lib/preferences/gold-response";
import { countItems, getDatasetByNameOrThrow, goldItemBatches } from "@/lib/preferences/load-items";
import { rubricPrompt } from "@/lib/preferences/prompt";
import { logExport } from "./audit-log";
import { LineWriter } from "./line-writer";
import { assertSplitHygiene } from "./split-hygiene";

export interface AudiofolderExportOptions {
  dataset: string;
  out: string;
  splits?: string[];
  allowSplitLeaks?: boolean;
  userId?: string | null;
  via?: string;
  onProgress?: (stage: string, done: number, total: number) => void;
  checkCancelled?: () => Promise<void>;
}

export async function exportAudiofolder(db: Db, o: AudiofolderExportOptions) {
  const t0 = performance.now();
  const ds = await getDatasetByNameOrThrow(db, o.dataset);
  await assertSplitHygiene(db, ds.id, o.allowSplitLeaks);
  const total = await countItems(db, { datasetId: ds.id, splits: o.splits });
  const out = path.resolve(o.out);
  const writers = new Map<string, LineWriter>();
  let rows = 0;
  let skipped = 0;
  let seen = 0;
  for await (const { gold, skipped: s } of goldItemBatches(db, { datasetId: ds.id, splits: o.splits })) {
    await o.checkCancelled?.();
    skipped += s.length;
    for (const g of gold) {
      let w = writers.get(g.split);
      if (!w) {
        await mkdir(path.join(out, g.split), { recursive: true });
        w = await LineWriter.open(path.join(out, g.split, "metadata.jsonl"));
        writers.set(g.split, w);
      }
      const fileName = `${g.uttId}.wav`;
      await copyFile(g.audio, path.join(out, g.split, fileName));
      await w.write(
        JSON.stringify({
          file_name: fileName,
          utt_id: g.uttId,
          split: g.split,
          speaker_id: g.speakerId,
          transcript: g.text,
          target_phonemes: g.phonesIpa.join(" "),
          accuracy: g.sentence.accuracy,
          fluency: g.sentence.fluency,
          prosody: g.sentence.prosody,
          word_labels: g.wordLabels,
          phoneme_labels: g.phoneLabels,
          prompt: rubricPrompt(g.text),
          response: goldResponse(g),
        }) + "\n",
      );
      rows++;
    }
    seen += gold.length + s.length;
    o.onProgress?.("items", seen, total);
  }
  for (const w of writers.values()) await w.close();
  const summary = { rows, out, seconds: Math.round((performance.now() - t0) / 10) / 100, dataset: ds.name, skipped_items: skipped, splits: [...writers.keys()].sort() };
  await logExport(db, o.userId ?? null, "export.audiofolder", { via: o.via ?? "cli", dataset: ds.name, splits: o.splits ?? null, rows, out });
  return summary;
}
