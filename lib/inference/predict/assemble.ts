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

// Standard normal quantiles for the Gaussian fallback interval (σ given, no conformal calibration).
function normalQuantile(p: number): number {
  // Acklam's rational approximation (relative error < 1.2e-9), enough for an interval bound.
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q = Math.min(p, 1 - p);
  const t = Math.sqrt(-2 * Math.log(q));
  const x = (((((c[0] * t + c[1]) * t + c[2]) * t + c[3]) * t + c[4]) * t + c[5]) / ((((d[0] * t + d[1]) * t + d[2]) * t + d[3]) * t + 1);
  if (q > 0.02425) {
    const u = q - 0.5;
    const r = u * u;
    const y = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * u) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    return p < 0.5 ? y : -y;
  }
  return p < 0.5 ? x : -x;
}

/**
 * One sentence aspect: μ clipped to 0–10, the split-conformal interval when calibrated, else (σ
 * given and `gaussianAlpha` set) μ ± z₁₋α/₂·σ, else no interval.
 */
export function assembleSentence(mu: number, s: number | null, cal: Pick<AspectCalibration, "qhat" | "normalized"> | null, gaussianAlpha?: number): SentencePrediction {
  const mean = clip(mu, 0, 10);
  let low: number | null = null;
  let high: number | null = null;
  if (cal && Number.isFinite(cal.qhat)) {
    const [iv] = conformalIntervals([mean], cal.qhat, { min: 0, max: 10 }, cal.normalized && s !== null ? [s] : undefined);
    low = r3(iv.lower);
    high = r3(iv.upper);
  } else if (cal) (low = 0), (high = 10);
  else if (s !== null && gaussianAlpha !== undefined && Number.isFinite(s)) {
    const z = -normalQuantile(gaussianAlpha / 2);
    low = r3(clip(mean - z * s, 0, 10));
    high = r3(clip(mean + z * s, 0, 10));
  }
  return { mean: r3(mean), sd: s === null ? null : r3(s), low, high, label: labelFor("sentence", mean) };
}

export function assemblePrediction(
  mu: ArrayLike<number>,
  sd: ArrayLike<number> | null,
  calibration: Record<string, AspectCalibration> | null,
  words: { text: string; accuracy: number }[],
  phones: { symbol: string; score: number }[],
): PredictionRecord {
  const sentence: Record<string, SentencePrediction> = {};
  SENTENCE_ASPECTS.forEach((a, k) => {
    sentence[a] = assembleSentence(mu[k], sd ? sd[k] : null, calibration?.[a] ?? null);
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
