// The built-in model's rationale, in the SpeechLLM response format: labels from its own
// predictions, then sentences grounded in the evidence it used (pauses, speaking rate, the weakest
// words and phonemes), naming words in CAPS and phonemes as /IPA/ so the audit can check them.
import { renderResponse } from "../response/render-response";
import { arpabetToIpa } from "@/lib/rubric/arpabet-ipa";
import type { Label } from "@/lib/rubric/labels";
import type { PredictionRecord } from "../predict/assemble";

export interface RationaleEvidence {
  /** Pauses between speech segments (VAD), seconds. */
  pauses: number[];
  /** Canonical phones per second of speech. */
  articulationRate: number;
  /** Word index of each phone, in order. */
  phoneWord: number[];
}

/**
 * How the rationale is written. The built-in scorer's is `DEFAULT_STYLE`; other styles give a second
 * response for the same labels (the demo's A/B comparison: see lib/services/rationale-variant.ts).
 */
export interface RationaleStyle {
  /** At most this many weak words are named (weakest first). */
  maxWords: number;
  /** Whether pauses and speaking rate are cited as evidence for fluency. */
  evidence: boolean;
}
export const DEFAULT_STYLE: RationaleStyle = { maxWords: 3, evidence: true };

const NEGATIVE: ReadonlySet<Label> = new Set(["Worst", "Bad"]);
const WEAK: ReadonlySet<Label> = new Set(["Worst", "Bad", "Average"]);

function aspectSentence(label: Label, good: string, average: string, bad: string): string {
  return label === "Excellent" || label === "Good" ? good : label === "Average" ? average : bad;
}

export function writeRationale(p: PredictionRecord, ev: RationaleEvidence, style: RationaleStyle = DEFAULT_STYLE): string {
  const parts: string[] = [];
  // A user's ONNX model may predict only some aspects: say nothing about the ones it left out.
  const acc = p.sentence.accuracy?.label;
  const flu = p.sentence.fluency?.label;
  const pro = p.sentence.prosody?.label;
  if (acc) parts.push(aspectSentence(acc, "Overall, the pronunciation is clear and mostly accurate.", "Overall, the pronunciation is understandable but has noticeable errors.", "Overall, the pronunciation has many errors."));
  const long = style.evidence ? ev.pauses.filter((x) => x >= 0.5) : [];
  const rate = style.evidence ? ev.articulationRate : NaN;
  const fluencyEvidence = long.length
    ? ` with ${long.length} long pause${long.length > 1 ? "s" : ""} (up to ${Math.max(...long).toFixed(1)} s)`
    : rate < 8
      ? ` with a slow speaking rate (${rate.toFixed(1)} phones per second)`
      : "";
  if (flu) parts.push(aspectSentence(flu, `The speech is fluent${long.length || !style.evidence ? "" : " with no long pauses"}.`, `The speech is somewhat hesitant${fluencyEvidence}.`, `The speech is not fluent${fluencyEvidence}.`));
  if (pro) parts.push(aspectSentence(pro, "The intonation and rhythm sound natural.", "The rhythm is somewhat uneven.", "The intonation is flat and the rhythm unnatural."));
  // Weakest words first; each names its weak phonemes (those in that word), at most three words.
  const weakWords = p.words
    .map((w, i) => ({ w, i }))
    .filter((x) => x.w.label !== null && WEAK.has(x.w.label))
    .sort((a, b) => (a.w.accuracy ?? 10) - (b.w.accuracy ?? 10))
    .slice(0, style.maxWords);
  for (const { w, i } of weakWords) {
    const phones = p.phones
      .map((ph, k) => ({ ph, k }))
      .filter((x) => ev.phoneWord[x.k] === i && x.ph.label !== null && WEAK.has(x.ph.label))
      .map((x) => `/${arpabetToIpa(x.ph.symbol) ?? x.ph.symbol}/`);
    const verb = w.label && NEGATIVE.has(w.label) ? "is mispronounced" : "is slightly mispronounced";
    const where = phones.length ? `: the ${phones.slice(0, 3).join(" and ")} ${phones.length > 1 ? "phonemes are" : "phoneme is"} unclear` : "";
    parts.push(`The word ${w.text.toUpperCase()} ${verb}${where}.`);
  }
  if (weakWords.length === 0) parts.push("No word is clearly mispronounced.");
  return parts.join(" ");
}

/** The full response text: labels (phonemes in IPA) and the rationale. */
export function renderPrediction(p: PredictionRecord, ev: RationaleEvidence, style: RationaleStyle = DEFAULT_STYLE): string {
  const sentence = Object.fromEntries(Object.entries(p.sentence).map(([k, v]) => [k, v.label]));
  return renderResponse({
    sentence,
    words: p.words.map((w) => ({ text: w.text.replace(/[\s/]/g, "_"), label: w.label ?? "Average" })),
    phones: p.phones.map((ph) => ({ symbol: arpabetToIpa(ph.symbol) ?? ph.symbol, label: ph.label ?? "Average" })),
    rationale: writeRationale(p, ev, style),
  });
}
