/**
 * Scores the extractor against hand-labelled mentions: precision/recall/F1 of mentions (a match
 * needs the same type, span and target — status, word, phone, aspect) and polarity accuracy over
 * the matched mentions. Also span-only figures, so a wrong target shows up as such.
 */
import type { Mention } from "./types";

export interface GoldMention {
  type: "word" | "phone" | "aspect";
  text: string;
  start: number;
  end: number;
  status: "ok" | "not_in_utterance" | "ambiguous";
  word_index: number | null;
  phone_index: number | null;
  aspect: string | null;
  polarity: "positive" | "neutral" | "negative";
}

export interface ExtractionScore {
  gold: number;
  predicted: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
  spanMatched: number;
  spanF1: number;
  polarityCorrect: number;
  polarityAccuracy: number;
  errors: { id: string; kind: "missed" | "spurious" | "polarity"; detail: string }[];
}

const spanKey = (m: { type: string; start: number; end: number }) => `${m.type}@${m.start}-${m.end}`;
const fullKey = (g: GoldMention) => `${spanKey(g)}|${g.status}|${g.word_index}|${g.phone_index}|${g.aspect}`;
const fullKeyOf = (m: Mention) => `${spanKey(m)}|${m.status}|${m.wordIndex}|${m.phoneIndex}|${m.aspect}`;

const f1 = (p: number, r: number) => (p + r > 0 ? (2 * p * r) / (p + r) : 0);

export function scoreExtraction(rows: { id: string; gold: GoldMention[]; predicted: Mention[] }[]): ExtractionScore {
  let gold = 0, predicted = 0, matched = 0, spanMatched = 0, polarityCorrect = 0;
  const errors: ExtractionScore["errors"] = [];
  for (const r of rows) {
    gold += r.gold.length;
    predicted += r.predicted.length;
    const byFull = new Map(r.predicted.map((m) => [fullKeyOf(m), m]));
    const bySpan = new Set(r.predicted.map(spanKey));
    const goldFull = new Set(r.gold.map(fullKey));
    for (const g of r.gold) {
      if (bySpan.has(spanKey(g))) spanMatched++;
      const m = byFull.get(fullKey(g));
      if (!m) {
        errors.push({ id: r.id, kind: "missed", detail: `${fullKey(g)} "${g.text}"` });
        continue;
      }
      matched++;
      if (m.polarity === g.polarity) polarityCorrect++;
      else errors.push({ id: r.id, kind: "polarity", detail: `"${g.text}" gold ${g.polarity}, got ${m.polarity} (cue: ${m.cue})` });
    }
    for (const m of r.predicted) {
      if (!goldFull.has(fullKeyOf(m))) errors.push({ id: r.id, kind: "spurious", detail: `${fullKeyOf(m)} "${m.text}"` });
    }
  }
  const precision = predicted ? matched / predicted : 1;
  const recall = gold ? matched / gold : 1;
  const sp = predicted ? spanMatched / predicted : 1;
  const sr = gold ? spanMatched / gold : 1;
  return {
    gold, predicted, matched, precision, recall, f1: f1(precision, recall), spanMatched, spanF1: f1(sp, sr),
    polarityCorrect, polarityAccuracy: matched ? polarityCorrect / matched : 1, errors,
  };
}
