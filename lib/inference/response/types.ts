/**
 * The SpeechLLM response (METRICS.md, "The response format"): labelled lines for the sentence
 * aspects, words and phonemes, then a free-text rationale.
 */
import type { Label } from "../../rubric/labels";
import type { SentenceAspect } from "../../rubric/rubric";

export type { SentenceAspect };

export type SentenceLabels = Partial<Record<SentenceAspect, Label>>;

/** A word as the response wrote it, with its label; null when the label is missing or unknown. */
export interface WordLabel {
  text: string;
  label: Label | null;
}

/** A phoneme symbol as written (IPA in the template, but anything a model wrote is kept). */
export interface PhoneLabel {
  symbol: string;
  label: Label | null;
}

export interface ParsedResponse {
  sentence: SentenceLabels;
  /** null when the response has no Words line; [] when the line is present but empty. */
  words: WordLabel[] | null;
  /** null when the response has no Phonemes line; [] when the line is present but empty. */
  phones: PhoneLabel[] | null;
  /** Free text, trimmed, line endings normalised to "\n"; "" when there is none. */
  rationale: string;
  /**
   * [rationaleOffset, rationaleEnd) is the rationale's span in the ORIGINAL text (before line
   * endings were normalised), for highlighting; both equal text.length when there is none.
   */
  rationaleOffset: number;
  rationaleEnd: number;
  /** Human-readable notes on everything the parser tolerated, guessed or could not read. */
  warnings: string[];
}

/** What the response is checked against: the utterance the model was asked to assess. */
export interface ResponseInput {
  /** The utterance's words, in order. */
  words: string[];
  /** The utterance's canonical phones in IPA, in order across the utterance. */
  phonesIpa: string[];
}

/** What a renderer writes: like ParsedResponse, but every label is known. */
export interface ResponseContent {
  sentence: SentenceLabels;
  words: { text: string; label: Label }[] | null;
  phones: { symbol: string; label: Label }[] | null;
  rationale: string;
}
