// One exportable preference pair, whatever its source (METRICS.md, "Preference pairs (DPO)").
import type { Label } from "@/lib/rubric/labels";

export const PAIR_SOURCES = ["label_flip", "rater_preference", "rater_correction"] as const;
export type PairSource = (typeof PAIR_SOURCES)[number];

export const FLIP_TARGETS = ["acc", "flu", "pros", "word", "phone"] as const;
export type FlipTarget = (typeof FLIP_TARGETS)[number];

export interface PairRow {
  /** Dedupe key: source + item + hashes of the two responses (Preference.key). */
  key: string;
  source: PairSource;
  itemId: string;
  uttId: string;
  split: string;
  /** Absolute path of the recording. */
  audio: string;
  transcript: string;
  /** Canonical phones in IPA, in utterance order. */
  targetPhonemes: string[];
  prompt: string;
  chosen: string;
  rejected: string;
  flipTarget: string | null;
  /** Signed label distance (rejected id − chosen id) for label_flip; null where it has no meaning. */
  distance: number | null;
  dpoWeight: number;
}

/** An item with the consensus labels its gold response renders. */
export interface GoldItem {
  itemId: string;
  uttId: string;
  split: string;
  speakerId: string;
  text: string;
  audio: string;
  words: string[];
  /** ARPAbet phones per word (canonical). */
  wordPhones: string[][];
  phonesIpa: string[];
  sentence: { accuracy: Label; fluency: Label; prosody: Label };
  wordLabels: Label[];
  phoneLabels: Label[];
}
