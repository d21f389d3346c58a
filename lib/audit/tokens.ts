/**
 * Tokens of a rationale with their character offsets and scopes: sentence (. ! ? or a line
 * break), clause (also split at ; : dashes and contrast words, so "good but …" starts a new
 * clause) and phrase (a clause split at commas). Polarity looks for its cue in the smallest scope
 * first; phonemes are tied to words in the same sentence.
 */
import { CONTRAST } from "./lexicon";

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  isWord: boolean;
  sentence: number;
  clause: number;
  phrase: number;
}

const TOKEN = /[\p{L}\p{N}\p{M}ːˑ]+(?:['’-][\p{L}\p{N}\p{M}ːˑ]+)*|\n|\S/gu;
const SENTENCE_END = new Set([".", "!", "?", "\n"]);
const CLAUSE_END = new Set([";", ":", "—", "–", "(", ")"]);

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** /[\p{L}\p{N}]/u.test(t), answered from the first character for ASCII (most tokens). */
function isWordToken(t: string): boolean {
  const c = t.charCodeAt(0);
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  // An ASCII token that does not start with a letter or digit is a single character (TOKEN's \S).
  if (c < 128 && t.length === 1) return false;
  return LETTER_OR_DIGIT.test(t);
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let sentence = 0;
  let clause = 0;
  let phrase = 0;
  let pendingSentence = false;
  // exec over the shared regex rather than matchAll (which clones it and builds an iterator per call).
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const t = m[0];
    const low = t.toLowerCase();
    const lower = low.includes("’") ? low.replace(/’/g, "'") : low;
    const isWord = isWordToken(t);
    // A sentence ends at . ! ? only when followed by a space, a line break or the end (so "e.g."
    // and decimals stay one sentence); the boundary takes effect on the next token.
    if (pendingSentence && isWord) {
      sentence++;
      clause++;
      phrase++;
      pendingSentence = false;
    }
    if (isWord && CONTRAST.has(lower)) {
      clause++;
      phrase++;
    }
    out.push({ text: t, lower, start: m.index!, end: m.index! + t.length, isWord, sentence, clause, phrase });
    if (SENTENCE_END.has(t)) {
      const next = text[m.index! + t.length];
      if (t === "\n" || next === undefined || /\s/.test(next)) pendingSentence = true;
    } else if (CLAUSE_END.has(t)) {
      clause++;
      phrase++;
    } else if (t === ",") {
      phrase++;
    }
  }
  return out;
}

/** Index of the first token that overlaps [start, end), or -1. */
export function tokenAt(tokens: Token[], start: number, end: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= start) lo = mid + 1;
    else hi = mid - 1;
  }
  return lo < tokens.length && tokens[lo].start < end ? lo : -1;
}
