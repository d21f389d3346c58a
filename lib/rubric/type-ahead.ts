// Keys to scale values in the rater workspace: digits (and ".") typed on a focused score only ever
// give a value the scale allows. The keys typed in a short moment form a buffer matched against the
// scale's values as text, as type-ahead in a list does: on 0–10 "1" gives 1 and "1","0" gives 10; on
// 0–1 "1" gives 1 (never 0.1) and "0",".","8" gives 0.8; on stress (5 or 10) "1" gives 10 at once,
// since 10 is the only value it can start; a key no value can start with gives nothing.
import { formatValue, scaleValues, type ScaleLike } from "./scale";

export interface TypeAheadResult {
  /** The keys kept for the next keystroke ("" when no longer value can follow). */
  buffer: string;
  /** The value the keys give now, or null when they give none yet (a prefix such as "0."). */
  value: number | null;
}

function match(candidates: [string, number][], buf: string): TypeAheadResult | null {
  const text = buf.startsWith(".") ? `0${buf}` : buf;
  const exact = candidates.find(([s]) => s === text);
  const longer = candidates.filter(([s]) => s.length > text.length && s.startsWith(text));
  if (exact) return { buffer: longer.length ? buf : "", value: exact[1] };
  // The only value these keys can start: take it now ("1" on stress is 10).
  if (longer.length === 1) return { buffer: buf, value: longer[0][1] };
  if (longer.length > 1) return { buffer: buf, value: null };
  return null;
}

/**
 * The result of typing `key` with `buffer` already typed on `scale`, or null when the key gives no
 * value the scale allows (the caller says what the scale allows instead).
 */
export function typeAhead(scale: ScaleLike, buffer: string, key: string): TypeAheadResult | null {
  if (!/^[0-9.]$/.test(key)) return null;
  const candidates = scaleValues(scale).map((v) => [formatValue(v), v] as [string, number]);
  if (buffer) {
    const longer = match(candidates, buffer + key);
    if (longer) return longer;
  }
  return match(candidates, key);
}
