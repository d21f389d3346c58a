// The per-item human reference a gold response renders: an ADJUDICATED judgment if a researcher
// made one, else the corpus' PUBLISHED_CONSENSUS, else the median of the raters' submitted scores
// (the mean for phonemes, as METRICS.md bins the phoneme mean over raters).
import { consensusOf } from "@/lib/metrics/consensus";
import { labelFor } from "@/lib/rubric/label-bins";
import { arpabetToIpa } from "@/lib/rubric/arpabet-ipa";
import type { GoldItem } from "./types";

export interface JudgmentScores {
  kind: "RATER" | "PUBLISHED_CONSENSUS" | "ADJUDICATED";
  accuracy: number | null;
  fluency: number | null;
  prosody: number | null;
  /** wordId → accuracy */
  words: Map<string, number | null>;
  /** phoneId → score */
  phones: Map<string, number | null>;
}

export interface ConsensusValues {
  accuracy: number;
  fluency: number;
  prosody: number;
  words: number[];
  phones: number[];
}

const median = (xs: number[]) => consensusOf(xs, "median");
const mean = (xs: number[]) => consensusOf(xs, "mean");
const nums = (xs: (number | null | undefined)[]) => xs.filter((x): x is number => typeof x === "number");

/** Null when the reference is incomplete (a gold response needs every label). */
export function consensusValues(judgments: JudgmentScores[], wordIds: string[], phoneIds: string[]): ConsensusValues | null {
  const pick = judgments.find((j) => j.kind === "ADJUDICATED") ?? judgments.find((j) => j.kind === "PUBLISHED_CONSENSUS");
  const pool = pick ? [pick] : judgments.filter((j) => j.kind === "RATER");
  if (!pool.length) return null;
  const acc = median(nums(pool.map((j) => j.accuracy)));
  const flu = median(nums(pool.map((j) => j.fluency)));
  const pro = median(nums(pool.map((j) => j.prosody)));
  const words = wordIds.map((id) => median(nums(pool.map((j) => j.words.get(id)))));
  const phones = phoneIds.map((id) => mean(nums(pool.map((j) => j.phones.get(id)))));
  if (acc === null || flu === null || pro === null || words.some((w) => w === null) || phones.some((p) => p === null)) return null;
  return { accuracy: acc, fluency: flu, prosody: pro, words: words as number[], phones: phones as number[] };
}

export interface ItemShape {
  itemId: string;
  uttId: string;
  split: string;
  speakerId: string;
  text: string;
  audio: string;
  words: { text: string; canonicalPhones: string }[];
}

/** Labels per METRICS.md bins; null if a phone has no IPA (the gold response must be readable). */
export function goldItem(shape: ItemShape, c: ConsensusValues): GoldItem | null {
  const wordPhones = shape.words.map((w) => w.canonicalPhones.split(/\s+/).filter(Boolean));
  const phonesIpa: string[] = [];
  for (const p of wordPhones.flat()) {
    const ipa = arpabetToIpa(p);
    if (!ipa) return null;
    phonesIpa.push(ipa);
  }
  if (phonesIpa.length !== c.phones.length || shape.words.length !== c.words.length) return null;
  return {
    itemId: shape.itemId,
    uttId: shape.uttId,
    split: shape.split,
    speakerId: shape.speakerId,
    text: shape.text,
    audio: shape.audio,
    words: shape.words.map((w) => w.text),
    wordPhones,
    phonesIpa,
    sentence: { accuracy: labelFor("sentence", c.accuracy), fluency: labelFor("sentence", c.fluency), prosody: labelFor("sentence", c.prosody) },
    wordLabels: c.words.map((v) => labelFor("word", v)),
    phoneLabels: c.phones.map((v) => labelFor("phone", v)),
  };
}
