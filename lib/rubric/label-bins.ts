/**
 * Numeric score ↔ ordinal label, with the bins of the published SpeechLLM work on speechocean762
 * (METRICS.md, "The five ordinal labels").
 *
 * The table lists grid values only (integers for 0-10 scales, multiples of 0.2 for the phoneme
 * mean of five raters), but model predictions and means over fewer raters fall between them
 * (8.6, 1.5, 1.75 …). Choice: a value belongs to the label of the nearest grid value, i.e. the
 * boundary between two adjacent bins is the midpoint between the last grid value of the lower bin
 * and the first of the upper one, and a value exactly on a boundary goes UP (round half up, as
 * `Math.round` does). So for phonemes 1.9 → Excellent, 1.5 → Good, 0.5 → Bad; for sentences
 * 8.5 → Excellent, 6.5 → Good. This keeps every grid value in its listed bin and needs no second
 * rule for four- or three-rater means.
 */
import { LABELS, type Label } from "./labels";

/** Which bins a number is read with; the same strings as the rubric's granularities. */
export type LabelScale = "sentence" | "word" | "phone";

export const LABEL_SCALES: readonly LabelScale[] = ["sentence", "word", "phone"];

/** Inclusive range of grid values a label covers, as listed in METRICS.md. */
export interface GridBin {
  readonly from: number;
  readonly to: number;
}

export interface LabelScaleSpec {
  readonly min: number;
  readonly max: number;
  readonly bins: Readonly<Record<Label, GridBin>>;
}

/**
 * sentence: accuracy, fluency, prosodic 0-10; METRICS.md gives no other bins, so completeness
 * and total (0-10) use it too. Completeness must be on scores.json's 0-10 scale: a per-rater
 * 0-1 value (the rubric's raw scale) is to be multiplied by 10 first, or it bins as Worst. word: accuracy 0-10 (also total, and stress,
 * whose 5/10 land on Average/Excellent). phone: mean of the raters' 0-2 scores.
 */
export const LABEL_BINS: Readonly<Record<LabelScale, LabelScaleSpec>> = {
  sentence: {
    min: 0,
    max: 10,
    bins: {
      Worst: { from: 0, to: 2 },
      Bad: { from: 3, to: 4 },
      Average: { from: 5, to: 6 },
      Good: { from: 7, to: 8 },
      Excellent: { from: 9, to: 10 },
    },
  },
  word: {
    min: 0,
    max: 10,
    bins: {
      Worst: { from: 0, to: 1 },
      Bad: { from: 2, to: 3 },
      Average: { from: 4, to: 6 },
      Good: { from: 7, to: 9 },
      Excellent: { from: 10, to: 10 },
    },
  },
  phone: {
    min: 0,
    max: 2,
    bins: {
      Worst: { from: 0, to: 0.4 },
      Bad: { from: 0.6, to: 0.8 },
      Average: { from: 1.0, to: 1.4 },
      Good: { from: 1.6, to: 1.8 },
      Excellent: { from: 2.0, to: 2.0 },
    },
  },
};

/** Absorbs binary noise in computed means (e.g. 1.9000000000000001 vs 1.9) at the boundaries. */
const EPSILON = 1e-9;

/**
 * Regression heads overshoot a little (10.3 on a 0-10 scale), so values within this share of the
 * scale's span outside it are clamped; anything further out is almost surely a value on another
 * scale (a 0-100 score, a phoneme score passed as a word score) and must not be binned silently.
 */
const CLAMP_TOLERANCE = 0.1;

const round10 = (x: number): number => Math.round(x * 1e10) / 1e10;

/**
 * The continuous interval [lower, upper) a label covers on a scale (the top label's upper bound is
 * the scale's max, inclusive). Useful for per-bin statistics such as conformal coverage per bin.
 */
export function labelBounds(scale: LabelScale, label: Label): { lower: number; upper: number } {
  const spec = LABEL_BINS[scale];
  const i = LABELS.indexOf(label);
  const below = i > 0 ? spec.bins[LABELS[i - 1]] : null;
  const above = i < LABELS.length - 1 ? spec.bins[LABELS[i + 1]] : null;
  const bin = spec.bins[label];
  return {
    lower: below ? round10((below.to + bin.from) / 2) : spec.min,
    upper: above ? round10((bin.to + above.from) / 2) : spec.max,
  };
}

/** Throws RangeError for NaN/±Infinity and for values far outside the scale (see above). */
export function labelFor(scale: LabelScale, value: number): Label {
  const spec = LABEL_BINS[scale];
  if (!spec) throw new RangeError(`unknown scale "${String(scale)}"`);
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new RangeError(`${scale} score must be a finite number, got ${String(value)}`);
  }
  const slack = (spec.max - spec.min) * CLAMP_TOLERANCE;
  if (value < spec.min - slack || value > spec.max + slack) {
    throw new RangeError(
      `${scale} score ${value} is outside the scale ${spec.min}-${spec.max} (is it on another scale?)`,
    );
  }
  for (let i = LABELS.length - 1; i > 0; i--) {
    if (value >= labelBounds(scale, LABELS[i]).lower - EPSILON) return LABELS[i];
  }
  return LABELS[0];
}

/**
 * A representative number for a label, used to render a label back onto the scale: the midpoint
 * of the label's listed grid values (sentence Good → 7.5, word Good → 8, phone Good → 1.7). Each
 * maps back to its own label through `labelFor`.
 */
export function valueForLabel(scale: LabelScale, label: Label): number {
  const bin = LABEL_BINS[scale].bins[label];
  return round10((bin.from + bin.to) / 2);
}

/**
 * Factor from a rubric scale onto the scale models predict on (the scale these bins read): 0-10 for
 * sentence and word aspects (completeness too, as scores.json writes it and the built-in scorer is
 * trained on it), 0-2 for phones. Raters type completeness on 0-1, so its factor is 10.
 */
export function predictionFactor(granularity: LabelScale, rubricMax: number): number {
  return LABEL_BINS[granularity].max / rubricMax;
}
