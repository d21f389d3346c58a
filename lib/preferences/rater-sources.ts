// Pairs from what people decided: raters' A/B choices (Preference rows written by the A/B round UI)
// and corrections of rationales the audit flagged (RationaleAudit.flagged on a Prediction).
import type { Db } from "@/lib/db/client";
import { renderResponse } from "@/lib/inference/response/render-response";
import { goldContent } from "./gold-response";
import { goldByItemId } from "./load-items";
import { pairKey } from "./pair-key";
import { rubricPrompt } from "./prompt";
import type { PairRow } from "./types";

const BATCH = 200;

export interface SourceFilter {
  datasetId: string;
  splits?: string[];
}

const itemFilter = (f: SourceFilter) => ({ datasetId: f.datasetId, ...(f.splits?.length ? { split: { in: f.splits } } : {}) });

/**
 * rater_preference: the stored pair as the rater decided it. A tie carries no preference and is
 * not exported. The item's gold data (audio, phonemes) comes from the same loader as the flips.
 */
export async function* raterPreferencePairs(db: Db, f: SourceFilter): AsyncGenerator<PairRow[]> {
  let after: string | undefined;
  for (;;) {
    const rows = await db.prisma.preference.findMany({
      where: { source: "rater_preference", item: itemFilter(f), ...(after ? { key: { gt: after } } : {}), NOT: { choice: "tie" } },
      orderBy: { key: "asc" },
      take: BATCH,
      include: { item: { include: { words: { orderBy: { index: "asc" } } } } },
    });
    if (!rows.length) return;
    after = rows[rows.length - 1].key;
    const gold = await goldByItemId(db, f.datasetId, [...new Set(rows.map((r) => r.itemId))]);
    yield rows.map((r) => {
      const g = gold.get(r.itemId);
      return {
        key: r.key,
        source: "rater_preference" as const,
        itemId: r.itemId,
        uttId: r.item.uttId,
        split: r.item.split,
        audio: g?.audio ?? "",
        transcript: r.item.text,
        targetPhonemes: g?.phonesIpa ?? [],
        prompt: r.prompt || rubricPrompt(r.item.text),
        chosen: r.chosen,
        rejected: r.rejected,
        flipTarget: r.flipTarget,
        distance: r.distance,
        dpoWeight: r.dpoWeight,
      };
    });
    if (rows.length < BATCH) return;
  }
}

/**
 * rater_correction: rejected = the model's response whose rationale the audit flagged; chosen =
 * that response rewritten with the consensus labels. The flagged rationale is replaced too (it is
 * what the audit found untrustworthy): the chosen rationale is written from the consensus labels.
 */
export async function* raterCorrectionPairs(db: Db, f: SourceFilter): AsyncGenerator<PairRow[]> {
  let after: string | undefined;
  for (;;) {
    const preds = await db.prisma.prediction.findMany({
      where: { item: itemFilter(f), audits: { some: { flagged: true } }, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, itemId: true, response: true, audits: { where: { flagged: true }, select: { granularity: true } } },
    });
    if (!preds.length) return;
    after = preds[preds.length - 1].id;
    const gold = await goldByItemId(db, f.datasetId, [...new Set(preds.map((p) => p.itemId))]);
    const out: PairRow[] = [];
    for (const p of preds) {
      const g = gold.get(p.itemId);
      if (!g) continue;
      const chosen = renderResponse(goldContent(g));
      if (chosen === p.response) continue;
      out.push({
        key: pairKey("rater_correction", p.itemId, chosen, p.response),
        source: "rater_correction",
        itemId: p.itemId,
        uttId: g.uttId,
        split: g.split,
        audio: g.audio,
        transcript: g.text,
        targetPhonemes: g.phonesIpa,
        prompt: rubricPrompt(g.text),
        chosen,
        rejected: p.response,
        flipTarget: [...new Set(p.audits.map((a) => a.granularity))].sort().join("+") || null,
        distance: null,
        dpoWeight: 1,
      });
    }
    yield out;
    if (preds.length < BATCH) return;
  }
}
