// All pairs of a dataset for an export, source by source, in batches (constant memory). Dedupe:
// a label_flip key is unique within its item by construction; rater pairs are deduped on the key.
import type { Db } from "@/lib/db/client";
import { renderResponse } from "@/lib/inference/response/render-response";
import { goldContent } from "./gold-response";
import { DEFAULT_FLIP_CONFIG, labelFlipPairs, type LabelFlipConfig } from "./label-flip";
import { goldItemBatches } from "./load-items";
import { raterCorrectionPairs, raterPreferencePairs } from "./rater-sources";
import type { PairRow, PairSource } from "./types";

export interface PairStreamOptions {
  datasetId: string;
  sources: PairSource[];
  splits?: string[];
  seed: number;
  flip?: LabelFlipConfig;
  /** Called with utterance ids that have no complete reference (skipped by label_flip). */
  onSkipped?: (uttIds: string[]) => void;
}

export async function* labelFlipBatches(db: Db, o: PairStreamOptions): AsyncGenerator<PairRow[]> {
  for await (const { gold, skipped } of goldItemBatches(db, { datasetId: o.datasetId, splits: o.splits })) {
    if (skipped.length) o.onSkipped?.(skipped);
    const rows: PairRow[] = [];
    for (const g of gold) {
      const content = goldContent(g);
      rows.push(...labelFlipPairs(g, o.seed, o.flip ?? DEFAULT_FLIP_CONFIG, { content, text: renderResponse(content) }));
    }
    yield rows;
  }
}

export async function* streamPairs(db: Db, o: PairStreamOptions): AsyncGenerator<PairRow[]> {
  const seen = new Set<string>();
  for (const source of o.sources) {
    const gen =
      source === "label_flip" ? labelFlipBatches(db, o)
      : source === "rater_correction" ? raterCorrectionPairs(db, o)
      : raterPreferencePairs(db, o);
    for await (const batch of gen) {
      if (source === "label_flip") {
        yield batch;
        continue;
      }
      const fresh = batch.filter((r) => !seen.has(r.key) && (seen.add(r.key), true));
      if (fresh.length) yield fresh;
    }
  }
}
