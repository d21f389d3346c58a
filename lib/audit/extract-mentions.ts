/**
 * Mentions in a rationale (METRICS.md): words in quotes or ALL CAPS matched to the utterance's
 * words; phonemes in /slashes/, [brackets] or quotes, IPA or ARPAbet, mapped onto the utterance's
 * canonical phones and tied to the word named in the same sentence when the phoneme occurs in
 * several words (else ambiguous); aspects (accuracy/pronunciation, fluency, prosody/intonation/
 * rhythm/stress) in phrases (comma-bounded) that name no word or phoneme. Each mention keeps its character span.
 */
import { normalizePhoneSymbol as normalizeUncached, type ArpabetBase } from "../rubric/arpabet-ipa";
import { memoize } from "../inference/response/memo";
import { ASPECT_WORDS, CAPS_STOP, PHONE_NOUNS } from "./lexicon";
import { findCues, overallPolarity, polarityAt } from "./polarity";
import { tokenAt, tokenize, type Token } from "./tokens";
import type { AuditUtterance, Mention, Polarity } from "./types";
import { indexUtterance, wordKey, type UtteranceIndex } from "./utterance-index";

interface Raw {
  kind: "wrapped" | "quoted" | "caps";
  text: string;
  start: number;
  end: number;
}

const WRAPPED = /(?<![\p{L}\p{N}/])\/([^/\s]{1,6})\/(?![\p{L}\p{N}])|\[([^\]\s]{1,6})\]/gu;
// Inner apostrophes belong to the word ('teddy's'); a symbol may be any short run of non-quotes.
const QUOTED = /(?<![\p{L}\p{N}])(['"‘’“”`])([\p{L}\p{N}\p{M}ːˑ]+(?:['’-][\p{L}\p{N}\p{M}ːˑ]+)*|[^'"‘’“”`\s]{1,24})['"‘’“”`](?![\p{L}\p{N}])/gu;
const CAPS = /^(?:[A-Z][A-Z']*[A-Z]|[A-Z]{1,2}[012])$/;
const NON_ASCII = /[^\x00-\x7f]/;
const normalizePhoneSymbol = memoize(normalizeUncached);
const keyOfWord = memoize(wordKey);

/** No taken span overlaps [s, e). (A module function: closures made per call cost in hot loops.) */
function isFree(taken: [number, number][], s: number, e: number): boolean {
  for (const [a, b] of taken) if (!(e <= a || s >= b)) return false;
  return true;
}

function rawMentions(text: string, tokens: Token[]): Raw[] {
  const out: Raw[] = [];
  const taken: [number, number][] = [];
  const free = (s: number, e: number) => isFree(taken, s, e);
  for (const m of text.matchAll(WRAPPED)) {
    const inner = m[1] ?? m[2];
    const start = m.index! + 1;
    taken.push([m.index!, m.index! + m[0].length]);
    if (normalizePhoneSymbol(inner)) out.push({ kind: "wrapped", text: inner, start, end: start + inner.length });
  }
  for (const m of text.matchAll(QUOTED)) {
    const start = m.index! + 1;
    if (!free(m.index!, m.index! + m[0].length)) continue;
    taken.push([m.index!, m.index! + m[0].length]);
    const inner = m[2].replace(/[.,;:!?]+$/u, "");
    if (/[\p{L}]/u.test(inner)) out.push({ kind: "quoted", text: inner, start, end: start + inner.length });
  }
  for (const t of tokens) {
    if (t.isWord && CAPS.test(t.text) && !CAPS_STOP.has(t.text) && free(t.start, t.end)) {
      out.push({ kind: "caps", text: t.text, start: t.start, end: t.end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

const SUB_VERBS = /^(sound|sounds|sounded|sounding|pronounced|realized|realised|produced|rendered|said|articulated|more|closer|heard|read)$/;
const SUB_TO = /^(changed|shifted|closer|similar|switched|turned|moved)$/;

/** A phone written as what was heard instead ("replaced by /s/", "/s/ instead of /θ/"). */
function isSubstitute(tokens: Token[], at: number, text: string, start: number, end: number): boolean {
  const before = (k: number) => {
    let j = at;
    while (j > 0 && tokens[j - 1].start >= start - 1 && tokens[j - 1].end <= end + 1 && !tokens[j - 1].isWord) j--;
    return tokens[j - k]?.lower ?? "";
  };
  const p1 = before(1);
  const p2 = before(2);
  if (p1 === "with" || p1 === "by" || p1 === "into" || p1 === "→" || p1 === ">") return true;
  if ((p1 === "like" || p1 === "as") && SUB_VERBS.test(p2)) return true;
  if ((p1 === "to" || p1 === "toward" || p1 === "towards") && SUB_TO.test(p2)) return true;
  // The first two words after the mention (tokens are in text order: scan, don't filter them all).
  const after: string[] = [];
  for (let j = Math.max(at, 0); j < tokens.length && after.length < 2; j++) if (tokens[j].start >= end && tokens[j].isWord) after.push(tokens[j].lower);
  void text;
  return after[0] === "instead" && after[1] === "of";
}

function nextToPhoneNoun(tokens: Token[], at: number): boolean {
  for (const k of [-2, -1, 1, 2]) if (PHONE_NOUNS.has(tokens[at + k]?.lower ?? "")) return true;
  return false;
}

type Classified = Omit<Mention, "polarity" | "cue" | "sentence"> & { token: number };

function classify(raw: Raw, tokens: Token[], ix: UtteranceIndex): Classified | null {
  const token = tokenAt(tokens, raw.start, raw.end);
  const positions = ix.wordPositions.get(keyOfWord(raw.text));
  const phone = normalizePhoneSymbol(raw.text);
  if (raw.kind === "wrapped") return asPhone(raw, token, phone, tokens);
  if (positions) return asWord(raw, token, positions);
  if (raw.kind === "quoted") return phone && (NON_ASCII.test(raw.text) || raw.text.length <= 2 || /\d$/.test(raw.text)) ? asPhone(raw, token, phone, tokens) : asWord(raw, token, positions);
  // ALL CAPS, not a word of the utterance: a phone when it carries a stress digit or stands next
  // to "sound"/"phoneme"; a single capital letter is a pronoun or article, not a mention.
  if (phone && (/\d$/.test(raw.text) || nextToPhoneNoun(tokens, token))) return asPhone(raw, token, phone, tokens);
  if (raw.text.length < 2) return null;
  return asWord(raw, token, positions);
}

// Built key by key in a fixed order (text, start, end, token, aspect, type, …): mentions are
// serialised, and the order is part of the output.
function asWord(raw: Raw, token: number, positions: number[] | undefined): Classified {
  return {
    text: raw.text,
    start: raw.start,
    end: raw.end,
    token,
    aspect: null,
    type: "word",
    phone: null,
    phoneIndex: null,
    status: !positions ? "not_in_utterance" : positions.length > 1 ? "ambiguous" : "ok",
    wordIndex: positions && positions.length === 1 ? positions[0] : null,
  };
}

function asPhone(raw: Raw, token: number, phone: ArpabetBase | null, tokens: Token[]): Classified | null {
  if (isSubstitute(tokens, token, raw.text, raw.start, raw.end)) return null;
  return { text: raw.text, start: raw.start, end: raw.end, token, aspect: null, type: "phone", phone, phoneIndex: null, wordIndex: null, status: "ok" };
}

/** Ties a phone to one canonical position: unique, or through the word named in its sentence. */
function resolvePhone(m: Classified, words: Classified[], tokens: Token[], ix: UtteranceIndex): void {
  const cands = m.phone ? (ix.phonePositions.get(m.phone) ?? []) : [];
  if (cands.length === 0) {
    m.status = "not_in_utterance";
    return;
  }
  const wordOf = (p: number) => ix.utterance.phones[p].wordIndex;
  const candWords = new Set(cands.map(wordOf));
  const sentence = tokens[m.token]?.sentence;
  const named = words.filter((w) => w.status === "ok" && tokens[w.token]?.sentence === sentence && candWords.has(w.wordIndex!));
  let chosen: number | null = null;
  if (named.length > 0) {
    const clause = tokens[m.token]?.clause;
    const score = (w: Classified) => (tokens[w.token].clause === clause ? 0 : 1e6) + Math.abs(w.start - m.start);
    const best = named.reduce((a, b) => (score(b) < score(a) ? b : a));
    chosen = best.wordIndex;
  } else if (candWords.size === 1) {
    chosen = wordOf(cands[0]);
  }
  if (chosen === null) {
    m.status = "ambiguous";
    return;
  }
  m.wordIndex = chosen;
  m.phoneIndex = cands.find((p) => wordOf(p) === chosen)!;
}

export interface Extraction {
  mentions: Mention[];
  overall: Polarity;
}

export function extractMentions(rationale: string, utterance: AuditUtterance | UtteranceIndex): Extraction {
  const ix = "wordPositions" in utterance ? utterance : indexUtterance(utterance);
  const tokens = tokenize(rationale);
  const classified = rawMentions(rationale, tokens)
    .map((r) => classify(r, tokens, ix))
    .filter((m): m is Classified => m !== null && m.token >= 0);
  const words = classified.filter((m) => m.type === "word");
  for (const m of classified) if (m.type === "phone") resolvePhone(m, words, tokens, ix);

  // Aspect words count in phrases that name no word or phoneme (there they describe that word).
  const phrasesWithRefs = new Set(classified.map((m) => tokens[m.token].phrase));
  const aspectSeen = new Set<string>();
  const mentionTokens = new Set(classified.map((m) => m.token));
  tokens.forEach((t, i) => {
    const aspect = t.isWord ? ASPECT_WORDS[t.lower] : undefined;
    if (!aspect || phrasesWithRefs.has(t.phrase) || mentionTokens.has(i)) return;
    const key = `${t.clause}:${aspect}`;
    if (aspectSeen.has(key)) return;
    aspectSeen.add(key);
    classified.push({ type: "aspect", text: t.text, start: t.start, end: t.end, token: i, aspect, status: "ok", wordIndex: null, phoneIndex: null, phone: null });
  });

  const cues = findCues(tokens, mentionTokens);
  const mentions: Mention[] = classified
    .sort((a, b) => a.start - b.start)
    .map((c) => {
      // As ({ token, ...m }) => ({ ...m, ...polarityAt(…), sentence }) without the two copies.
      // (Measured: building each kind's object key by key instead was ~30% slower end to end.)
      const token = c.token;
      const m = c as Partial<Classified> & Mention;
      delete m.token;
      const p = polarityAt(tokens, cues, token);
      m.polarity = p.polarity;
      m.cue = p.cue;
      m.sentence = tokens[token].sentence;
      return m as Mention;
    });
  const refSentences = new Set(mentions.filter((m) => m.type !== "aspect").map((m) => m.sentence));
  return { mentions, overall: overallPolarity(tokens, cues, refSentences) };
}

export type { ArpabetBase };
