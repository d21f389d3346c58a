// A prediction record from a response text alone (HTTP SpeechLLMs, imported files): labels as the
// model wrote them, numbers at the label's representative value (no σ or interval: the model gave none).
import { arpabetToIpa } from "@/lib/rubric/arpabet-ipa";
import { valueForLabel } from "@/lib/rubric/label-bins";
import { parseResponse } from "../response/parse-response";
import { SENTENCE_ASPECTS, type PredictionRecord } from "../predict/assemble";
import type { InferenceItem, ProviderOutput } from "./types";

export function outputFromResponse(text: string, item: Pick<InferenceItem, "words" | "phones">): ProviderOutput {
  const parsed = parseResponse(text, { words: item.words.map((w) => w.text), phonesIpa: item.phones.map((p) => arpabetToIpa(p.symbol) ?? p.symbol) });
  const sentence: PredictionRecord["sentence"] = {};
  for (const a of SENTENCE_ASPECTS) {
    const label = parsed.sentence[a];
    if (label) sentence[a] = { mean: valueForLabel("sentence", label), sd: null, low: null, high: null, label };
  }
  const record: PredictionRecord = {
    sentence,
    words: (parsed.words ?? []).map((w) => ({ text: w.text, accuracy: w.label ? valueForLabel("word", w.label) : null, label: w.label })),
    phones: (parsed.phones ?? []).map((p) => ({ symbol: p.symbol, score: p.label ? valueForLabel("phone", p.label) : null, label: p.label })),
  };
  return { response: text, record, parseWarnings: parsed.warnings };
}
