// What the adjudication form starts from: per score, the mean of the raters' submitted values
// rounded to the nearest point of the scale. A mean exactly halfway between two points (9 and 8 →
// 8.5; stress 5 and 10 → 7.5) is left empty for the adjudicator to decide: rounding it either way
// would lean every such consensus one way (the median of two raters, used before, always took the
// lower). No zod here: the researcher's page uses it in the browser.
import { scaleValues, type ScaleLike } from "@/lib/rubric/scale";

/** The scale point nearest to `v`, or null when two points are equally near (a tie) or v is null. */
export function nearestPoint(scale: ScaleLike, v: number | null): number | null {
  if (v === null || !Number.isFinite(v)) return null;
  const points = scaleValues(scale);
  let best: number | null = null;
  let bestD = Infinity;
  let tie = false;
  for (const p of points) {
    const d = Math.abs(p - v);
    if (d < bestD - 1e-9) {
      best = p;
      bestD = d;
      tie = false;
    } else if (Math.abs(d - bestD) <= 1e-9) tie = true;
  }
  return tie ? null : best;
}

/** The adjudication prefill of one score from the raters' values (empty ones ignored). */
export function meanPrefill(scale: ScaleLike, values: (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null);
  if (!v.length) return null;
  return nearestPoint(scale, v.reduce((a, b) => a + b, 0) / v.length);
}
