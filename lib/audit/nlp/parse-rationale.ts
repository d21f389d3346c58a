/**
 * Sentence splitting, tokenisation and part-of-speech tags of a rationale, by wink-nlp with its
 * English model (wink-eng-lite-web-model; Universal Dependencies tags). Each mention candidate
 * (a quoted word, a /phone/, an ALL-CAPS word) is handed to the tagger as one placeholder proper
 * noun, so that "'WITH'" or "/ð/" do not read as a preposition or a stray symbol; its token keeps
 * the candidate's span in the rationale. Token offsets index the original text.
 *
 * wink reads about a thousand rationales a second here, so parses are cached per rationale text
 * (model outputs repeat sentences and whole rationales; the cache is bounded).
 */
import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
import type { ItemToken } from "wink-nlp";

export interface Tok {
  text: string;
  /** Lower case, curly apostrophes made straight. */
  lower: string;
  start: number;
  end: number;
  /** UD part of speech; "MENTION" for a mention candidate. */
  pos: string;
  sentence: number;
  /** Index of the mention candidate this token stands for, else -1. */
  mention: number;
}

export interface Span {
  start: number;
  end: number;
  /** The span with its delimiters (quotes, slashes, brackets). */
  outerStart: number;
  outerEnd: number;
}

const nlp = winkNLP(model, ["sbd", "pos"]);
const its = nlp.its;
const PLACEHOLDER = "Xq";

const CACHE = new Map<string, Tok[]>();
const CACHE_LIMIT = 20_000;

/** Tokens of `text` with the candidates' outer spans replaced by one MENTION token each. */
export function parseRationale(text: string, spans: readonly Span[]): Tok[] {
  const key = spans.length ? `${text}\u0000${spans.map((s) => `${s.outerStart},${s.outerEnd}`).join(";")}` : text;
  const hit = CACHE.get(key);
  if (hit) return hit;
  const toks = parseUncached(text, spans);
  if (CACHE.size >= CACHE_LIMIT) CACHE.clear();
  CACHE.set(key, toks);
  return toks;
}

function parseUncached(text: string, spans: readonly Span[]): Tok[] {
  // The text the tagger reads: each candidate becomes the placeholder; `origin` maps back.
  let masked = "";
  const pieces: { from: number; to: number; orig: number; mention: number }[] = [];
  let at = 0;
  spans.forEach((s, i) => {
    masked += text.slice(at, s.outerStart);
    pieces.push({ from: masked.length, to: masked.length + PLACEHOLDER.length, orig: s.outerStart, mention: i });
    masked += PLACEHOLDER;
    at = s.outerEnd;
  });
  masked += text.slice(at);
  // Position in `masked` → position in `text` (outside placeholders the two differ by a shift).
  const shiftAt = (p: number): number => {
    let shift = 0;
    for (const [k, pc] of pieces.entries()) {
      if (pc.from > p) break;
      shift = spans[k].outerEnd - pc.to;
    }
    return p + shift;
  };
  const doc = nlp.readDoc(masked);
  const out: Tok[] = [];
  let pos = 0;
  let piece = 0;
  doc.sentences().each((sentence, si) => {
    sentence.tokens().each((t: ItemToken) => {
      const value = t.out();
      pos += (t.out(its.precedingSpaces) as string).length;
      const from = pos;
      pos += value.length;
      const tag = t.out(its.pos) as string;
      if (tag === "SPACE") return;
      while (piece < pieces.length && pieces[piece].to <= from) piece++;
      const pc = pieces[piece];
      if (pc && from >= pc.from && from < pc.to) {
        // A placeholder (wink may glue a following "-like" or 's to it: that stays with the mention token).
        if (out.length && out[out.length - 1].mention === pc.mention) return;
        const s = spans[pc.mention];
        out.push({ text: text.slice(s.start, s.end), lower: text.slice(s.start, s.end).toLowerCase(), start: s.start, end: s.end, pos: "MENTION", sentence: si, mention: pc.mention });
        return;
      }
      const start = shiftAt(from);
      // Hyphenated words are one word here ("native-like", "word-final", "well-formed").
      const prev = out[out.length - 1];
      if (prev && prev.mention < 0 && prev.end === start && (value === "-" ? /\p{L}$/u.test(prev.text) : prev.text.endsWith("-") && /^\p{L}/u.test(value))) {
        prev.end = start + value.length;
        prev.text = text.slice(prev.start, prev.end);
        prev.lower = prev.text.toLowerCase().replace(/’/g, "'");
        if (value !== "-") prev.pos = tag;
        return;
      }
      const raw = text.slice(start, start + value.length);
      const low = raw.toLowerCase();
      out.push({ text: raw, lower: low.includes("’") ? low.replace(/’/g, "'") : low, start, end: start + value.length, pos: tag, sentence: si, mention: -1 });
    });
  });
  return out;
}
