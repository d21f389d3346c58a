/**
 * The domain polarity model: cues from the lexicon, flipped by a negator just before them ("not
 * fluent", "no errors", "without pauses"), turned neutral by a hedge on a positive cue ("fairly
 * clear"), scoped by contrast ("good but …") and by exceptions ("all clear except 'BEAR'").
 * A mention takes the polarity of the nearest cue in its phrase, else its clause, else its sentence
 * (inverted when a contrast word lies between the two); with no cue it is neutral.
 */
import type { Polarity } from "../rubric/labels";
import { CUES, EXCEPTIONS, HEDGES, HEDGE_PHRASES, NEGATION_WINDOW, NEGATORS, tokenMatches, type Sign } from "./lexicon";
import type { Token } from "./tokens";

export interface Cue {
  first: number;
  last: number;
  sign: Sign;
  text: string;
}

const SIGN_POLARITY: Record<string, Polarity> = { "1": "positive", "0": "neutral", "-1": "negative" };
export const polarityOfSign = (s: Sign): Polarity => SIGN_POLARITY[String(s)];

/**
 * Entries by their first token's first three letters: a token is compared with a handful of
 * entries, not the whole lexicon (the audit runs over 100,000 responses in seconds).
 */
const BY_PREFIX: Map<string, typeof CUES> = (() => {
  const m = new Map<string, typeof CUES>();
  for (const e of CUES) {
    const k = e.tokens[0].replace("*", "").slice(0, 3);
    m.set(k, [...(m.get(k) ?? []), e]);
  }
  return m;
})();
const SHORT_KEYS = [...BY_PREFIX.keys()].filter((k) => k.length < 3);

// Tokens repeat across rationales: each distinct token's candidates are found once.
const CANDIDATES = new Map<string, typeof CUES>();

function candidates(lower: string): typeof CUES {
  let c = CANDIDATES.get(lower);
  if (c === undefined) {
    c = candidatesUncached(lower);
    if (CANDIDATES.size >= 50_000) CANDIDATES.clear();
    CANDIDATES.set(lower, c);
  }
  return c;
}

function candidatesUncached(lower: string): typeof CUES {
  const exact = BY_PREFIX.get(lower.slice(0, 3)) ?? [];
  const short = SHORT_KEYS.filter((k) => lower.startsWith(k)).flatMap((k) => BY_PREFIX.get(k)!);
  return short.length ? [...exact, ...short].sort((a, b) => b.tokens.length - a.tokens.length) : exact;
}

function matchAt(tokens: Token[], i: number): { len: number; sign: Sign } | null {
  for (const e of candidates(tokens[i].lower)) {
    if (i + e.tokens.length > tokens.length) continue;
    let ok = true;
    for (let k = 0; k < e.tokens.length && ok; k++) {
      const t = tokens[i + k];
      ok = t.isWord && t.clause === tokens[i].clause && tokenMatches(e.tokens[k], t.lower);
    }
    if (ok) return { len: e.tokens.length, sign: e.sign };
  }
  return null;
}

/** Words between a negator and its cue that do not break the negation ("not very clear"). */
/** Quote marks around a mention do not interrupt a negation ("did not say 'BEAR' correctly"). */
const TRANSPARENT = /^['"‘’“”`/[\]]$/;

function negated(tokens: Token[], first: number, skip: ReadonlySet<number>): boolean {
  let seen = 0;
  for (let j = first - 1; j >= 0 && seen < NEGATION_WINDOW; j--) {
    const t = tokens[j];
    if (t.phrase !== tokens[first].phrase) return false;
    if (!t.isWord) {
      if (TRANSPARENT.test(t.text)) continue;
      return false;
    }
    // A mention is a name, not grammar: the word NEVER in "NEVER was correct" negates nothing.
    if (!skip.has(j) && (NEGATORS.has(t.lower) || t.lower.endsWith("n't"))) return true;
    seen++;
  }
  return false;
}

function hedged(tokens: Token[], first: number, skip: ReadonlySet<number>): boolean {
  for (let j = first - 1; j >= Math.max(0, first - 3); j--) {
    const t = tokens[j];
    if (!t.isWord || t.phrase !== tokens[first].phrase) return false;
    if (skip.has(j)) continue;
    if (HEDGES.has(t.lower)) return true;
    for (const p of HEDGE_PHRASES) {
      if (j - p.length + 1 >= 0 && p.every((w, k) => tokens[j - p.length + 1 + k].lower === w)) return true;
    }
  }
  return false;
}

/** Every cue of the text with its final sign. `skip` marks tokens that are mentions, not words. */
export function findCues(tokens: Token[], skip: ReadonlySet<number>): Cue[] {
  const cues: Cue[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i].isWord || skip.has(i)) continue;
    // "as well" is an addition, not praise.
    if (tokens[i].lower === "well" && i > 0 && tokens[i - 1].lower === "as") continue;
    const m = matchAt(tokens, i);
    if (!m) continue;
    let sign = m.sign;
    if (negated(tokens, i, skip)) sign = sign === 0 ? -1 : ((-sign) as Sign);
    else if (sign === 1 && hedged(tokens, i, skip)) sign = 0;
    const last = i + m.len - 1;
    cues.push({ first: i, last, sign, text: tokens.slice(i, last + 1).map((t) => t.text).join(" ") });
    i = last;
  }
  return cues;
}

/** Token index of an exception marker ("except", "apart from") before `at` in its phrase, or -1. */
function exceptionBefore(tokens: Token[], at: number): number {
  const phrase = tokens[at].phrase;
  for (let j = at - 1; j >= 0 && tokens[j].phrase === phrase; j--) {
    for (const e of EXCEPTIONS) {
      const s = j - e.length + 1;
      if (s >= 0 && e.every((w, k) => tokens[s + k].lower === w)) return s;
    }
  }
  return -1;
}

const dist = (c: Cue, at: number): number => (c.first > at ? c.first - at : at > c.last ? at - c.last : 0);

function nearest(cands: Cue[], at: number): Cue | null {
  let best: Cue | null = null;
  for (const c of cands) {
    // Ties go to the cue after the mention: "'BEAR' was dropped" is commoner than "dropped 'BEAR'".
    if (!best || dist(c, at) < dist(best, at) || (dist(c, at) === dist(best, at) && c.first > at)) best = c;
  }
  return best;
}

export interface MentionPolarity {
  polarity: Polarity;
  cue: string | null;
}

/** The cues whose first token lies in the given phrase, clause or sentence. */
function cuesIn(tokens: Token[], cues: Cue[], scope: "phrase" | "clause" | "sentence", value: number): Cue[] {
  return cues.filter((c) => tokens[c.first][scope] === value);
}

/** The polarity implied for the mention whose (first) token is `at`. */
export function polarityAt(tokens: Token[], cues: Cue[], at: number): MentionPolarity {
  const t = tokens[at];
  const exception = exceptionBefore(tokens, at);
  if (exception >= 0) {
    // "All words were clear except 'BEAR'": a cue after the marker speaks for the mention; else
    // the verdict before the marker, reversed.
    const own = nearest(cuesIn(tokens, cues, "phrase", t.phrase).filter((c) => c.first > exception), at);
    if (own) return { polarity: polarityOfSign(own.sign), cue: own.text };
    // The verdict may come before ("all clear except X") or after ("apart from X, all clear").
    const verdict = nearest(cues.filter((c) => tokens[c.first].sentence === t.sentence && (tokens[c.first].phrase !== t.phrase || c.last < exception)), at);
    if (verdict) return { polarity: polarityOfSign((-verdict.sign) as Sign), cue: `(except) ${verdict.text}` };
  }
  const phrase = nearest(cuesIn(tokens, cues, "phrase", t.phrase), at);
  if (phrase) return { polarity: polarityOfSign(phrase.sign), cue: phrase.text };
  const clause = nearest(cuesIn(tokens, cues, "clause", t.clause), at);
  if (clause) return { polarity: polarityOfSign(clause.sign), cue: clause.text };
  const sentence = nearest(cuesIn(tokens, cues, "sentence", t.sentence), at);
  if (!sentence) return { polarity: "neutral", cue: null };
  // Crossing a contrast boundary from the verdict to the mention reverses it.
  const crosses = crossesContrast(tokens, sentence, at);
  const sign = crosses ? ((-sentence.sign) as Sign) : sentence.sign;
  return { polarity: polarityOfSign(sign), cue: `${crosses ? "(contrast) " : ""}${sentence.text}` };
}

function crossesContrast(tokens: Token[], cue: Cue, at: number): boolean {
  const [a, b] = cue.first < at ? [cue.last, at] : [at, cue.first];
  for (let j = a + 1; j <= b; j++) {
    if (tokens[j].clause !== tokens[j - 1].clause && tokens[j].isWord && /^(but|however|although|though|whereas|while|yet|despite|nevertheless|nonetheless)$/.test(tokens[j].lower)) return true;
  }
  return false;
}

/**
 * The rationale's overall verdict: the first sentence with a cue and no word/phone mention (models
 * open with a summary), else the balance of all cues.
 */
export function overallPolarity(tokens: Token[], cues: Cue[], mentionSentences: ReadonlySet<number>): Polarity {
  const bySentence = new Map<number, number>();
  for (const c of cues) {
    const s = tokens[c.first].sentence;
    bySentence.set(s, (bySentence.get(s) ?? 0) + c.sign);
  }
  for (const [s, sum] of [...bySentence.entries()].sort((a, b) => a[0] - b[0])) {
    if (!mentionSentences.has(s)) return sum > 0 ? "positive" : sum < 0 ? "negative" : "neutral";
  }
  const total = cues.reduce((a, c) => a + c.sign, 0);
  return total > 0 ? "positive" : total < 0 ? "negative" : "neutral";
}
