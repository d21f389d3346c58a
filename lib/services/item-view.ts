// The researcher's item page: the item with every judgment side by side (lib/services/datasets.ts),
// the word and phone tiers for the waveform (the imported TextGrid, else the model's alignment, else
// an even spread; never a rater's own), every model's prediction of the item with its labels (on the
// rubric's scales), rationale and the rules' audit flags, and prev/next within the dataset or, when
// opened from a round, within that round's items (both in utterance id order).
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseRubric } from "@/lib/rubric/rubric";
import { scoreFields, type ScoreField } from "@/lib/rater/score-fields";
import { parseResponse } from "@/lib/inference/response/parse-response";
import type { Flag, MentionAudit } from "@/lib/audit";
import type { Tiers } from "@/lib/rater/tiers";
import { getItemDetailOrThrow, type ItemDetail } from "@/lib/services/datasets";
import { resolveTiers } from "@/lib/services/alignments";
import { modelValues } from "@/lib/services/round-review";

export interface ModelValue {
  value: number | null;
  label: string | null;
}

export interface ItemModel {
  predictionId: string;
  modelId: string;
  model: string;
  /** The prediction's value (on the rubric's scale) and label: per sentence aspect, per word id (accuracy), per phone id. */
  values: { sentence: Record<string, ModelValue>; words: Record<string, ModelValue>; phones: Record<string, ModelValue> };
  /** The labels as the response wrote them. */
  sentenceLabels: Record<string, string | null>;
  rationale: string;
  /** null: this prediction was never audited. */
  audit: { flags: Flag[]; mentions: MentionAudit[] } | null;
  parseWarnings: string[];
}

export interface ItemNav {
  scope: "dataset" | "round";
  round: { id: string; name: string } | null;
  /** 1-based place of this item among the scope's items, and how many there are. */
  position: number;
  total: number;
  prev: { id: string; uttId: string } | null;
  next: { id: string; uttId: string } | null;
  /** Set when a round was asked for that does not contain this item (the dataset is used instead). */
  notice: string | null;
}

export interface ItemView {
  item: ItemDetail;
  tiers: Tiers;
  models: ItemModel[];
  nav: ItemNav;
}

export async function getItemView(db: Db, itemId: string, opts: { roundId?: string } = {}): Promise<ItemView> {
  const item = await getItemDetailOrThrow(db, itemId);
  const [dataset, preds, tiers, nav] = await Promise.all([
    db.prisma.dataset.findUniqueOrThrow({ where: { id: item.dataset.id }, select: { rubric: true } }),
    db.prisma.prediction.findMany({
      where: { itemId },
      include: { modelVersion: { select: { id: true, name: true } }, audits: { select: { granularity: true, flags: true, mentions: true } } },
      orderBy: { modelVersion: { name: "asc" } },
    }),
    resolveTiers(db, itemId, null, item.words, item.durationSec),
    itemNav(db, item, opts.roundId),
  ]);
  const fields = scoreFields(parseRubric(dataset.rubric), item.words);
  const order = ["sentence", "word", "phone"];
  const models = preds.map((p): ItemModel => {
    const parsed = parseResponse(p.response);
    const audits = [...p.audits].sort((a, b) => order.indexOf(a.granularity) - order.indexOf(b.granularity));
    return {
      predictionId: p.id,
      modelId: p.modelVersion.id,
      model: p.modelVersion.name,
      values: byTarget(fields, modelValues(fields, p)),
      sentenceLabels: Object.fromEntries(Object.entries(parsed.sentence).map(([k, l]) => [k, l ?? null])),
      rationale: parsed.rationale,
      audit: audits.length
        ? {
            flags: audits.flatMap((a) => a.flags as unknown as Flag[]),
            mentions: audits.flatMap((a) => ((a.mentions as { items?: MentionAudit[] } | null)?.items ?? [])),
          }
        : null,
      parseWarnings: p.parseWarnings,
    };
  });
  return { item, tiers, models, nav };
}

function byTarget(fields: ScoreField[], values: Record<string, ModelValue>): ItemModel["values"] {
  const out: ItemModel["values"] = { sentence: {}, words: {}, phones: {} };
  for (const f of fields) {
    const v = values[f.key];
    if (!v) continue;
    if (f.granularity === "sentence") out.sentence[f.aspect] = v;
    else if (f.granularity === "word" && f.aspect === "accuracy") out.words[f.targetId!] = v;
    else if (f.granularity === "phone") out.phones[f.targetId!] = v;
  }
  return out;
}

async function itemNav(db: Db, item: ItemDetail, roundId: string | undefined): Promise<ItemNav> {
  let round: { id: string; name: string } | null = null;
  let notice: string | null = null;
  if (roundId) {
    const r = await db.prisma.round.findUnique({ where: { id: roundId }, select: { id: true, name: true } });
    if (!r) throw new AppError("NOT_FOUND", `no round ${roundId}`);
    const inRound = await db.prisma.assignment.findFirst({ where: { roundId, itemId: item.id }, select: { id: true } });
    if (inRound) round = r;
    else notice = `${item.uttId} is not in the round “${r.name}”: previous and next go through the dataset`;
  }
  const scope = { datasetId: item.dataset.id, ...(round ? { assignments: { some: { roundId: round.id } } } : {}) };
  const select = { id: true, uttId: true };
  const [prev, next, before, total] = await Promise.all([
    db.prisma.item.findFirst({ where: { ...scope, uttId: { lt: item.uttId } }, orderBy: { uttId: "desc" }, select }),
    db.prisma.item.findFirst({ where: { ...scope, uttId: { gt: item.uttId } }, orderBy: { uttId: "asc" }, select }),
    db.prisma.item.count({ where: { ...scope, uttId: { lt: item.uttId } } }),
    db.prisma.item.count({ where: scope }),
  ]);
  return { scope: round ? "round" : "dataset", round, position: before + 1, total, prev, next, notice };
}
