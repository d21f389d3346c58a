// Checking a value against a rubric scale and deriving totals: plain functions with no schema
// library, so the rater workspace's browser bundle can use them without shipping zod.

/** The shape of a rubric scale (rubric.ts validates it; this is all these functions need). */
export interface ScaleLike {
  min: number;
  max: number;
  values?: number[];
  derivedFrom?: Record<string, number>;
}

/** Why `value` does not fit `scale`, or null when it does. */
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
