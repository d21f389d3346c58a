// label_flip pairs (METRICS.md): chosen = the gold response, rejected = the same response with one
// target (acc, flu, pros, one word, one phoneme) moved by a signed distance d on the five-label
// scale; dpo_weight = 1 + 0.5·|d|. Pure: the same item, config and seed give the same pairs, and
// each item draws from its own stream (seed, utt id), so batching and order never change a pair.
import { renderResponse } from "@/lib/inference/response/render-response";
import type { ResponseContent } from "@/lib/inference/response/types";
import { LABELS, labelId, type Label } from "@/lib/rubric/labels";
import { mulberry32, type Rng } from "@/lib/metrics/random";
import { goldContent } from "./gold-response";
import { hash32, pairKey, responseHash } from "./pair-key";
import { rubricPrompt } from "./prompt";
import { FLIP_TARGETS, type FlipTarget, type GoldItem, type PairRow } from "./types";

export interface LabelFlipConfig {
  /** Pairs drawn per item before oversampling. */
  pairsPerItem: number;
  /** Relative frequency of each flip target (0 disables it). */
  targetWeights: Record<FlipTarget, number>;
  /** Relative frequency of |d| = 1, 2, 3, 4 (among the distances the gold label allows). */
  distanceWeights: [number, number, number, number];
  /** Weight multiplier for flipping a unit whose gold label is Bad or Worst (rare in speechocean762). */
  lowLabelBoost: number;
  /** Extra pairs for an item with any Bad or Worst gold label: oversamples the rare low labels. */
  lowLabelExtraPairs: number;
}

export const DEFAULT_FLIP_CONFIG: LabelFlipConfig = {
  pairsPerItem: 2,
  targetWeights: { acc: 1, flu: 1, pros: 1, word: 1, phone: 1 },
  distanceWeights: [4, 2, 1, 1],
  lowLabelBoost: 3,
  lowLabelExtraPairs: 1,
};

export function dpoWeight(d: number): number {
  return 1 + 0.5 * Math.abs(d);
}

function weightedIndex(rng: Rng, weights: readonly number[]): number {
  let sum = 0;
  for (const w of weights) sum += w;
  if (!(sum > 0)) return -1;
  let x = rng() * sum;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i];
    if (x < 0 && weights[i] > 0) return i;
  }
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
  return -1;
}

const isLow = (l: Label) => labelId(l) <= 1;
const SENTENCE_KEY = { acc: "accuracy", flu: "fluency", pros: "prosody" } as const;

function unitLabels(item: GoldItem, target: FlipTarget): Label[] {
  if (target === "word") return item.wordLabels;
  if (target === "phone") return item.phoneLabels;
  return [item.sentence[SENTENCE_KEY[target]]];
}

function flipped(content: ResponseContent, target: FlipTarget, unit: number, label: Label): ResponseContent {
  if (target === "word") return { ...content, words: content.words!.map((w, i) => (i === unit ? { ...w, label } : w)) };
  if (target === "phone") return { ...content, phones: content.phones!.map((p, i) => (i === unit ? { ...p, label } : p)) };
  return { ...content, sentence: { ...content.sentence, [SENTENCE_KEY[target]]: label } };
}

export function checkFlipConfig(c: LabelFlipConfig): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(c.pairsPerItem) || c.pairsPerItem < 0) problems.push("pairsPerItem must be a whole number ≥ 0");
  if (!Number.isInteger(c.lowLabelExtraPairs) || c.lowLabelExtraPairs < 0) problems.push("lowLabelExtraPairs must be a whole number ≥ 0");
  if (!(c.lowLabelBoost >= 0)) problems.push("lowLabelBoost must be ≥ 0");
  for (const t of FLIP_TARGETS) if (!(c.targetWeights[t] >= 0)) problems.push(`targetWeights.${t} must be ≥ 0`);
  if (c.distanceWeights.length !== 4 || c.distanceWeights.some((w) => !(w >= 0))) problems.push("distanceWeights must be four numbers ≥ 0");
  if (!FLIP_TARGETS.some((t) => c.targetWeights[t] > 0)) problems.push("at least one target weight must be > 0");
  return problems;
}

/** The label_flip pairs of one item. `gold` may be passed when the caller already rendered it. */
export function labelFlipPairs(item: GoldItem, seed: number, config: LabelFlipConfig = DEFAULT_FLIP_CONFIG, gold?: { content: ResponseContent; text: string }): PairRow[] {
  const rng = mulberry32(hash32(`${seed}:${item.uttId}`));
  const content = gold?.content ?? goldContent(item);
  const chosen = gold?.text ?? renderResponse(content);
  const prompt = rubricPrompt(item.text);
  const chosenHash = responseHash(chosen);
  const anyLow =
    isLow(item.sentence.accuracy) || isLow(item.sentence.fluency) || isLow(item.sentence.prosody) ||
    item.wordLabels.some(isLow) || item.phoneLabels.some(isLow);
  const wanted = config.pairsPerItem + (anyLow ? config.lowLabelExtraPairs : 0);
  const targetWeights = FLIP_TARGETS.map((t) => (unitLabels(item, t).length ? config.targetWeights[t] : 0));
  const seen = new Set<string>();
  const out: PairRow[] = [];
  // Small items have few distinct flips: stop after a bounded number of draws rather than loop.
  for (let attempt = 0; out.length < wanted && attempt < wanted * 8; attempt++) {
    const ti = weightedIndex(rng, targetWeights);
    if (ti < 0) break;
    const target = FLIP_TARGETS[ti];
    const labels = unitLabels(item, target);
    const unit = weightedIndex(rng, labels.map((l) => (isLow(l) ? config.lowLabelBoost : 1)));
    if (unit < 0) continue;
    const from = labelId(labels[unit]);
    const ds: number[] = [];
    const dw: number[] = [];
    for (let d = -4; d <= 4; d++) {
      if (d === 0 || from + d < 0 || from + d > 4) continue;
      ds.push(d);
      dw.push(config.distanceWeights[Math.abs(d) - 1]);
    }
    const di = weightedIndex(rng, dw);
    if (di < 0) continue;
    const d = ds[di];
    const id = `${target}:${unit}:${d}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const rejected = renderResponse(flipped(content, target, unit, LABELS[from + d]));
    out.push({
      key: pairKey("label_flip", item.itemId, chosen, rejected, chosenHash),
      source: "label_flip",
      itemId: item.itemId,
      uttId: item.uttId,
      split: item.split,
      audio: item.audio,
      transcript: item.text,
      targetPhonemes: item.phonesIpa,
      prompt,
      chosen,
      rejected,
      flipTarget: target,
      distance: d,
      dpoWeight: dpoWeight(d),
    });
  }
  return out;
}
