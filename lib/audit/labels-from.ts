/**
 * Label sets for an audit: the model's own (from its parsed response) and the human consensus
 * (median or mean over raters, per the rubric, binned with the published bins).
 */
import { consensusOf } from "@/lib/metrics/consensus";
import { labelFor } from "../rubric/label-bins";
import type { Label } from "../rubric/labels";
import type { AuditAspect, LabelSet } from "./types";

interface ParsedLike {
  sentence: Partial<Record<string, Label>>;
  words: { text: string; label: Label | null }[] | null;
  phones: { symbol: string; label: Label | null }[] | null;
}

/**
 * The model's labels aligned to the utterance. A list whose length differs from the utterance's
 * cannot be aligned (which label belongs to which word?), so its labels are unknown (null).
 */
export function predictionLabels(parsed: ParsedLike, words: string[], phones: string[]): LabelSet {
  // Same length but another word in a slot is still aligned by position (the parser warned).
  const align = (list: { label: Label | null }[] | null, want: string[]) =>
    list && list.length === want.length ? list.map((t) => t.label) : null;
  return {
    sentence: { accuracy: parsed.sentence.accuracy ?? null, fluency: parsed.sentence.fluency ?? null, prosody: parsed.sentence.prosody ?? null },
    words: align(parsed.words, words),
    phones: align(parsed.phones, phones),
  };
}

/** The raters' centre of one unit (lib/metrics' consensus), ignoring missing and non-finite values. */
export function centre(values: readonly (number | null | undefined)[], how: "median" | "mean"): number | null {
  return consensusOf(values.map((x) => (typeof x === "number" && Number.isFinite(x) ? x : null)), how);
}

export interface NumericScores {
  sentence: Partial<Record<AuditAspect, number | null>>;
  words: (number | null)[];
  phones: (number | null)[];
}

const bin = (scale: "sentence" | "word" | "phone", v: number | null | undefined): Label | null => {
  if (v === null || v === undefined) return null;
  try {
    return labelFor(scale, v);
  } catch {
    return null;
  }
};

export function labelsFromScores(s: NumericScores): LabelSet {
  return {
    sentence: { accuracy: bin("sentence", s.sentence.accuracy), fluency: bin("sentence", s.sentence.fluency), prosody: bin("sentence", s.sentence.prosody) },
    words: s.words.map((v) => bin("word", v)),
    phones: s.phones.map((v) => bin("phone", v)),
  };
}
