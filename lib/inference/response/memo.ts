/**
 * Memoized forms of pure string → value functions the parser and the audit call per token
 * (labels and phone symbols repeat endlessly across responses; NFKC/NFC normalisation and the
 * decoration regexes are the cost). Bounded: the cache starts over past `limit` entries.
 */
export function memoize<T>(fn: (s: string) => T, limit = 20_000): (s: string) => T {
  let cache = new Map<string, T>();
  return (s: string): T => {
    if (typeof s !== "string") return fn(s);
    const hit = cache.get(s);
    if (hit !== undefined || cache.has(s)) return hit as T;
    const v = fn(s);
    if (cache.size >= limit) cache = new Map();
    cache.set(s, v);
    return v;
  };
}
