// Turns raw head outputs into a prediction record: μ clipped to the scale, σ, the conformal
// interval (calibration stored with the model version) and the five-level label per granularity.
import { conformalIntervals } from "@/lib/metrics/conformal";
import { labelFor } from "@/lib/rubric/label-bins";
import type { Label } from "@/lib/rubric/labels";
import type { AspectCalibration } from "../builtin/bundle";

export const SENTENCE_ASPECTS = ["accuracy", "fluency", "prosody", "completeness", "total"] as const;

export interface SentencePrediction {
  mean: number;
  sd: number | null;
  low: number | null;
  high: number | null;
  label: Label;
}

export interface PredictionRecord {
  sentence: Record<string, SentencePrediction>;
  words: { text: string; accuracy: number | null; label: Label | null }[];
  phones: { symbol: string; score: number | null; label: Label | null }[];
}

const clip = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const r3 = (v: number) => Math.round(v * 1000) / 1000;

export function assemblePrediction(
  mu: ArrayLike<number>,
  sd: ArrayLike<number> | null,
  calibration: Record<string, AspectCalibration> | null,
  words: { text: string; accuracy: number }[],
  phones: { symbol: string; score: number }[],
): PredictionRecord {
  const sentence: Record<string, SentencePrediction> = {};
  SENTENCE_ASPECTS.forEach((a, k) => {
    const mean = clip(mu[k], 0, 10);
    const s = sd ? sd[k] : null;
    const cal = calibration?.[a];
    let low: number | null = null;
    let high: number | null = null;
    if (cal && Number.isFinite(cal.qhat)) {
      const [iv] = conformalIntervals([mean], cal.qhat, { min: 0, max: 10 }, cal.normalized && s !== null ? [s] : undefined);
      low = r3(iv.lower);
      high = r3(iv.upper);
    } else if (cal) (low = 0), (high = 10);
    sentence[a] = { mean: r3(mean), sd: s === null ? null : r3(s), low, high, label: labelFor("sentence", mean) };
  });
  return {
    sentence,
    words: words.map((w) => {
      const v = clip(w.accuracy, 0, 10);
      return { text: w.text, accuracy: r3(v), label: labelFor("word", v) };
    }),
    phones: phones.map((p) => {
      const v = clip(p.score, 0, 2);
      return { symbol: p.symbol, score: r3(v), label: labelFor("phone", v) };
    }),
  };
}
