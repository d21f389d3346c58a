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

const nlp = winkNLP(model, ["pos"]);
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

interface Tagged {
  values: string[];
  tags: string[];
  spaces: string[];
}

// Tagged sentences of the masked text, cached: with the candidates masked, sentences repeat across
// responses even when the words they name differ ("In Xq, the Xq was clear."). Bounded like CACHE.
const SENTENCES = new Map<string, Tagged>();
const SENTENCE_LIMIT = 50_000;
const sentenceStats = { lookups: 0, hits: 0 };
/** Sentence-cache lookups and hits since the process started (the bench reports the share). */
export const sentenceCacheStats = (): { lookups: number; hits: number } => ({ ...sentenceStats });

function tagOne(text: string): Tagged {
  sentenceStats.lookups++;
  const hit = SENTENCES.get(text);
  if (hit) return (sentenceStats.hits++, hit);
  const tokens = nlp.readDoc(text).tokens();
  // Whole columns at once: much cheaper than wink's per-token item objects.
  const t: Tagged = { values: tokens.out() as string[], tags: tokens.out(its.pos) as string[], spaces: tokens.out(its.precedingSpaces) as string[] };
  if (SENTENCES.size >= SENTENCE_LIMIT) SENTENCES.clear();
  SENTENCES.set(text, t);
  return t;
}

/**
 * wink's tokens, tags and preceding spaces of `masked`, tagged sentence by sentence: a ".", "!" or
 * "?" after a letter or digit and before white space ends one. Checked to give the same columns as
 * tagging the whole text at once (the audit-eval sets, 33,590 rationales of the bench and 19,738
 * paragraphs of English documentation; the one difference found was wink's own: it splits a
 * never-seen token before "..." differently the first time it reads it, whole text or not).
 */
function tagged(masked: string): Tagged {
  const ends: number[] = [];
  for (const m of masked.matchAll(/(?<=[\p{L}\p{N}])[.!?](?=\s)/gu)) ends.push(m.index + 1);
  if (!ends.length) return tagOne(masked);
  const out: Tagged = { values: [], tags: [], spaces: [] };
  let from = 0;
  for (const end of [...ends, masked.length]) {
    if (end <= from) continue;
    const t = tagOne(masked.slice(from, end));
    for (let k = 0; k < t.values.length; k++) (out.values.push(t.values[k]), out.tags.push(t.tags[k]), out.spaces.push(t.spaces[k]));
    from = end;
  }
  return out;
}

function parseUncached(text: string, spans: readonly Span[]): Tok[] {
  // The text the tagger reads: each candidate becomes the placeholder.
  let masked = "";
  const pieceStart: number[] = [];
  let at = 0;
  for (const s of spans) {
    masked += text.slice(at, s.outerStart);
    pieceStart.push(masked.length);
    masked += PLACEHOLDER;
    at = s.outerEnd;
  }
  masked += text.slice(at);
  const { values, tags, spaces } = tagged(masked);
  // Sentences end at ".", "!" or "?" followed by white space (the labelled set's convention).
  const sentenceOf = new Int32Array(values.length);
  for (let k = 1, si = 0; k < values.length; k++) {
    const v = values[k - 1];
    if ((v === "." || v === "!" || v === "?" || v === "..." ) && spaces[k] !== "") si++;
    sentenceOf[k] = si;
  }
  const out: Tok[] = [];
  let pos = 0;
  let piece = 0;
  let shift = 0; // position in `text` minus position in `masked`, before the current piece
  for (let k = 0; k < values.length; k++) {
    const value = values[k];
    pos += spaces[k].length;
    const from = pos;
    pos += value.length;
    const tag = tags[k];
    if (tag === "SPACE") continue;
    while (piece < pieceStart.length && pieceStart[piece] + PLACEHOLDER.length <= from) {
      shift = spans[piece].outerEnd - (pieceStart[piece] + PLACEHOLDER.length);
      piece++;
    }
    if (piece < pieceStart.length && from >= pieceStart[piece]) {
      // A placeholder (wink may glue a following "-like" or 's to it: that stays with the mention token).
      const last = out[out.length - 1];
      if (last && last.mention === piece) continue;
      const s = spans[piece];
      const raw = text.slice(s.start, s.end);
      out.push({ text: raw, lower: raw.toLowerCase(), start: s.start, end: s.end, pos: "MENTION", sentence: sentenceOf[k], mention: piece });
      continue;
    }
    const start = from + shift;
    // Hyphenated words are one word here ("native-like", "word-final", "well-formed").
    const prev = out[out.length - 1];
    if (prev && prev.mention < 0 && prev.end === start && (value === "-" ? /\p{L}$/u.test(prev.text) : prev.text.endsWith("-") && /^\p{L}/u.test(value))) {
      prev.end = start + value.length;
      prev.text = text.slice(prev.start, prev.end);
      prev.lower = lowerOf(prev.text);
      if (value !== "-") prev.pos = tag;
      continue;
    }
    const raw = text.slice(start, start + value.length);
    out.push({ text: raw, lower: lowerOf(raw), start, end: start + value.length, pos: tag, sentence: sentenceOf[k], mention: -1 });
  }
  attributiveParticiples(out);
  return out;
}

/**
 * A participle between a determiner and what it modifies is an adjective ("the stressed /ɛ/", "a
 * centralised [ə]", "the r-coloured /ɚ/"): the tagger often reads it as a verb, which would make
 * it a predicate and split the noun phrase.
 */
const DETERMINER_WORDS = new Set(["that", "this", "these", "those", "its", "their", "your", "his", "her", "our"]);

function attributiveParticiples(toks: Tok[]): void {
  for (let k = 1; k + 1 < toks.length; k++) {
    const t = toks[k];
    if (t.pos !== "VERB" || !(toks[k - 1].pos === "DET" || DETERMINER_WORDS.has(toks[k - 1].lower)) || !/(ed|en|ing)$/.test(t.lower)) continue;
    const n = toks[k + 1];
    if (n.sentence === t.sentence && (n.mention >= 0 || n.pos === "NOUN" || n.pos === "ADJ" || n.pos === "PROPN")) t.pos = "ADJ";
  }
}

const lowerOf = (raw: string): string => {
  const low = raw.toLowerCase();
  return low.includes("’") ? low.replace(/’/g, "'") : low;
};
