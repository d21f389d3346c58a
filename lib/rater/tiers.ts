// Word and phoneme tiers for the waveform: time spans per word and phone. When no alignment is
// stored the time is spread evenly by phone count (each word gets time in proportion to its phones).
export interface TierWord {
  id: string;
  text: string;
  phones: { id: string; symbol: string }[];
}

export interface Span {
  id: string;
  startSec: number;
  endSec: number;
}

export interface Tiers {
  source: "RATER" | "TEXTGRID" | "MODEL" | "UNIFORM";
  /** True when the spans are a guess (model alignment or even spread), shown as "estimated". */
  estimated: boolean;
  words: Span[];
  phones: Span[];
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function uniformTiers(words: TierWord[], durationSec: number): Tiers {
  const slots = words.reduce((n, w) => n + Math.max(w.phones.length, 1), 0);
  const step = slots ? durationSec / slots : 0;
  const out: Tiers = { source: "UNIFORM", estimated: true, words: [], phones: [] };
  let t = 0;
  for (const w of words) {
    const start = t;
    if (w.phones.length === 0) t += step;
    for (const p of w.phones) {
      out.phones.push({ id: p.id, startSec: r3(t), endSec: r3(t + step) });
      t += step;
    }
    out.words.push({ id: w.id, startSec: r3(start), endSec: r3(t) });
  }
  return out;
}

/**
 * Spans from a stored alignment, completed where it misses a word or phone: a missing word spans
 * its phones; a missing phone gets an even share of its word.
 */
export function tiersFromSpans(
  words: TierWord[],
  durationSec: number,
  spans: { wordId: string | null; phoneId: string | null; startSec: number; endSec: number }[],
  source: Tiers["source"],
  estimated: boolean,
): Tiers {
  const fallback = uniformTiers(words, durationSec);
  const byWord = new Map(spans.filter((s) => s.wordId).map((s) => [s.wordId!, s] as const));
  const byPhone = new Map(spans.filter((s) => s.phoneId).map((s) => [s.phoneId!, s] as const));
  const out: Tiers = { source, estimated, words: [], phones: [] };
  words.forEach((w, wi) => {
    const ps = w.phones.map((p) => byPhone.get(p.id));
    const known = ps.filter((p): p is NonNullable<typeof p> => !!p);
    const ws = byWord.get(w.id) ?? (known.length ? { startSec: Math.min(...known.map((k) => k.startSec)), endSec: Math.max(...known.map((k) => k.endSec)) } : fallback.words[wi]);
    out.words.push({ id: w.id, startSec: ws.startSec, endSec: ws.endSec });
    const step = w.phones.length ? (ws.endSec - ws.startSec) / w.phones.length : 0;
    w.phones.forEach((p, i) => {
      const s = byPhone.get(p.id);
      out.phones.push(s ? { id: p.id, startSec: s.startSec, endSec: s.endSec } : { id: p.id, startSec: r3(ws.startSec + i * step), endSec: r3(ws.startSec + (i + 1) * step) });
    });
  });
  return out;
}
