// A rubric scale as raters meet it: which values fit, how they read in plain words, the scale's
// points (for buttons and the keyboard), and what each point means. Plain functions with no schema
// library, so the rater workspace's browser bundle can use them without shipping zod.

/** What a range of scale points means (from the rubric's guidelines), with an example when given. */
export interface Anchor {
  from: number;
  to: number;
  meaning: string;
  example?: string;
}

/** The shape of a rubric scale (rubric.ts validates it; this is all these functions need). */
export interface ScaleLike {
  min: number;
  max: number;
  /** Allowed values when the scale is discrete (stress 5/10, phone 0/1/2). */
  values?: number[];
  /** Weights over other aspects of the same granularity when the aspect is computed, not typed. */
  derivedFrom?: Record<string, number>;
  /** Precision of a rater's value on a continuous scale (1: whole numbers; 0.01: two decimals). */
  step?: number;
  /** What the aspect measures, in the rubric's words. */
  description?: string;
  /** The meaning of each point or band of the scale. */
  anchors?: Anchor[];
}

/** Why `value` does not fit `scale`, or null when it does (range and allowed values; for imported data). */
export function checkScale(scale: ScaleLike, value: number): string | null {
  if (!Number.isFinite(value)) return `${value} is not a number`;
  if (value < scale.min || value > scale.max) return `${value} is outside ${scale.min}-${scale.max}`;
  if (scale.values && !scale.values.includes(value)) return `${value} is not one of ${scale.values.join("/")}`;
  return null;
}

/** A derived aspect (total) from its parts, rounded to 2 decimals; null when a part is missing. */
export function deriveTotal(scale: ScaleLike, parts: Record<string, number | null | undefined>): number | null {
  if (!scale.derivedFrom) return null;
  let sum = 0;
  for (const [k, w] of Object.entries(scale.derivedFrom)) {
    const v = parts[k];
    if (v === null || v === undefined) return null;
    sum += w * v;
  }
  return Math.round(sum * 100) / 100;
}

/** The precision of a rater's value: the rubric's `step`, else whole numbers, or hundredths on a scale no wider than 1. */
export function scaleStep(scale: ScaleLike): number {
  return scale.step ?? (scale.max - scale.min > 1 ? 1 : 0.01);
}

const decimalsOf = (step: number) => {
  const s = String(step);
  return s.includes("e-") ? Number(s.split("e-")[1]) : (s.split(".")[1]?.length ?? 0);
};

/** A scale value as typed and shown: no trailing zeros ("0.8", "10"). */
export function formatValue(v: number): string {
  return String(Math.round(v * 1e6) / 1e6);
}

/** Whether a rater's value fits the scale: in range, one of the allowed values, on the step. */
export function fitsScale(scale: ScaleLike, v: number): boolean {
  if (checkScale(scale, v) !== null) return false;
  if (scale.values) return true;
  const step = scaleStep(scale);
  const k = (v - scale.min) / step;
  return Math.abs(k - Math.round(k)) < 1e-6;
}

const joinOr = (xs: string[]) => (xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} or ${xs[xs.length - 1]}`);

/** The values a scale allows, in plain words: "5 or 10", "a whole number from 0 to 10". */
export function allowedText(scale: ScaleLike): string {
  if (scale.values) return joinOr(scale.values.map(formatValue));
  const step = scaleStep(scale);
  const range = `from ${formatValue(scale.min)} to ${formatValue(scale.max)}`;
  if (step === 1) return `a whole number ${range}`;
  const d = decimalsOf(step);
  return `a number ${range}${d ? ` with at most ${d} decimal${d > 1 ? "s" : ""}` : ""}`;
}

/** Every value a rater may give on the scale (the allowed values, or min..max by the step). */
export function scaleValues(scale: ScaleLike): number[] {
  if (scale.values) return [...scale.values];
  const step = scaleStep(scale);
  const n = Math.round((scale.max - scale.min) / step);
  const d = decimalsOf(step);
  return Array.from({ length: n + 1 }, (_, i) => Number((scale.min + i * step).toFixed(d)));
}

/** The points offered as buttons (and stepped through with ← →): every value, or 11 even ticks on a fine scale. */
export function scaleTicks(scale: ScaleLike): number[] {
  const all = scaleValues(scale);
  if (all.length <= 11) return all;
  const d = decimalsOf(scaleStep(scale));
  return Array.from({ length: 11 }, (_, i) => Number((scale.min + (i * (scale.max - scale.min)) / 10).toFixed(d)));
}

/** The anchor (meaning) of the band that holds `v`, or null. */
export function anchorFor(scale: ScaleLike, v: number | null): Anchor | null {
  if (v === null || !scale.anchors) return null;
  return scale.anchors.find((a) => v >= Math.min(a.from, a.to) - 1e-9 && v <= Math.max(a.from, a.to) + 1e-9) ?? null;
}

/** A band's points as shown: "7–9", "10". */
export function anchorRange(a: Anchor): string {
  return a.from === a.to ? formatValue(a.from) : `${formatValue(Math.min(a.from, a.to))}–${formatValue(Math.max(a.from, a.to))}`;
}

/**
 * A typed value as a number: numbers as they are; text such as "8", " 0.8 ", "0,8" or ".8" read as
 * the number it spells; anything else (empty text included) is null.
 */
export function readNumber(raw: number | string): number | null {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : null;
  const t = raw.trim().replace(",", ".");
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t) ? Number(t) : null;
}

/** The next or previous button point from `current` (← →): from nothing, → starts at the bottom and ← at the top. */
export function stepTick(scale: ScaleLike, current: number | null, dir: 1 | -1): number {
  const ticks = scaleTicks(scale);
  if (current === null) return dir > 0 ? ticks[0] : ticks[ticks.length - 1];
  if (dir > 0) return ticks.find((t) => t > current + 1e-9) ?? ticks[ticks.length - 1];
  return [...ticks].reverse().find((t) => t < current - 1e-9) ?? ticks[0];
}
