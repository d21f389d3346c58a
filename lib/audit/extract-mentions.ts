/**
 * Mentions in a rationale (METRICS.md): words in quotes or ALL CAPS matched to the utterance's
 * words; phonemes in /slashes/, [brackets] or quotes, IPA or ARPAbet, mapped onto the utterance's
 * canonical phones and tied to the word named in the same sentence when the phoneme occurs in
 * several words (else ambiguous); aspects (accuracy/pronunciation, fluency, prosody/intonation/
 * rhythm/stress) said of the whole reading. Forms heard instead are no mentions
 * (lib/audit/heard-instead.ts). Each mention keeps its span, its polarity (lib/audit/polarity.ts)
 * and the words that decided it. Sentences, tokens and part-of-speech tags come from wink-nlp
 * (lib/audit/nlp/parse-rationale.ts).
 */
import { arpabetToIpa, normalizePhoneSymbol as normalizeUncached, type ArpabetBase } from "../rubric/arpabet-ipa";
import { memoize } from "../inference/response/memo";
import type { Polarity } from "../rubric/labels";
import { ASPECT_WORDS, CAPS_STOP, EXCEPTIONS, PART_NOUNS, PHONE_NOUNS, wordClass } from "./lexicon";
import { clausesOf, type ClauseInfo } from "./clauses";
import { deviationGovernor, followedByInsteadOf, heardInstead, type Heard } from "./heard-instead";
import { parseRationale, type Span, type Tok } from "./nlp/parse-rationale";
import { judgeMentions, type Judgeable } from "./polarity";
import { findClaim, type NoErrorClaim } from "./claims";
import type { AuditUtterance, Mention } from "./types";
import { indexUtterance, wordKey, type UtteranceIndex } from "./utterance-index";

interface Raw extends Span {
  kind: "wrapped" | "quoted" | "caps";
  text: string;
}

const WRAPPED = /(?<![\p{L}\p{N}/])\/([^/\s]{1,6})\/(?![\p{L}\p{N}])|\[([^\]\s]{1,6})\]/gu;
// Inner apostrophes belong to the word ('teddy's'); a symbol may be any short run of non-quotes.
const QUOTED = /(?<![\p{L}\p{N}])(['"‘’“”`])([\p{L}\p{N}\p{M}ːˑ]+(?:['’-][\p{L}\p{N}\p{M}ːˑ]+)*|[^'"‘’“”`\s]{1,24})['"‘’“”`](?![\p{L}\p{N}])/gu;
const CAPS_WORD = /(?<![\p{L}\p{N}'’])[A-Z][A-Z'’]*[A-Z](?![\p{L}\p{N}])|(?<![\p{L}\p{N}])[A-Z]{1,2}[012](?![\p{L}\p{N}])/gu;
const NON_ASCII = /[^\x00-\x7f]/;
const normalizePhoneSymbol = memoize(normalizeUncached);
const keyOfWord = memoize(wordKey);
const ORDINALS: Record<string, number> = { first: 1, initial: 1, opening: 1, second: 2, third: 3, fourth: 4, fifth: 5 };
const LAST = new Set(["last", "final", "ending", "word-final", "closing"]);

function isFree(taken: [number, number][], s: number, e: number): boolean {
  for (const [a, b] of taken) if (!(e <= a || s >= b)) return false;
  return true;
}

/** Candidate mentions from the text alone (the parse is keyed on them, so they cannot depend on the utterance). */
export function rawMentions(text: string): Raw[] {
  const out: Raw[] = [];
  const taken: [number, number][] = [];
  for (const m of text.matchAll(WRAPPED)) {
    const inner = m[1] ?? m[2];
    const start = m.index! + 1;
    taken.push([m.index!, m.index! + m[0].length]);
    if (normalizePhoneSymbol(inner)) out.push({ kind: "wrapped", text: inner, start, end: start + inner.length, outerStart: m.index!, outerEnd: m.index! + m[0].length });
  }
  for (const m of text.matchAll(QUOTED)) {
    const start = m.index! + 1;
    if (!isFree(taken, m.index!, m.index! + m[0].length)) continue;
    taken.push([m.index!, m.index! + m[0].length]);
    const inner = m[2].replace(/[.,;:!?]+$/u, "");
    if (/[\p{L}]/u.test(inner)) out.push({ kind: "quoted", text: inner, start, end: start + inner.length, outerStart: m.index!, outerEnd: m.index! + m[0].length });
  }
  for (const m of text.matchAll(CAPS_WORD)) {
    const s = m.index!;
    if (CAPS_STOP.has(m[0]) || !isFree(taken, s, s + m[0].length)) continue;
    out.push({ kind: "caps", text: m[0], start: s, end: s + m[0].length, outerStart: s, outerEnd: s + m[0].length });
  }
  return out.sort((a, b) => a.start - b.start);
}

type Classified = Omit<Mention, "polarity" | "cue" | "cueWords" | "sentence"> & { token: number; raw: Raw };

function nextToPhoneNoun(toks: Tok[], at: number): boolean {
  for (const k of [-2, -1, 1, 2]) if (PHONE_NOUNS.has(toks[at + k]?.lower ?? "")) return true;
  return false;
}

function classify(raw: Raw, token: number, toks: Tok[], ix: UtteranceIndex): Classified | null {
  const positions = ix.wordPositions.get(keyOfWord(raw.text));
  const phone = normalizePhoneSymbol(raw.text);
  // Object literals of one shape (a spread followed by more keys makes a new hidden class each time).
  const asPhone = (): Classified => ({ type: "phone", text: raw.text, start: raw.start, end: raw.end, token, raw, aspect: null, phone, status: "ok", wordIndex: null, phoneIndex: null });
  const asWord = (): Classified => ({
    type: "word", text: raw.text, start: raw.start, end: raw.end, token, raw, aspect: null, phone: null,
    status: !positions ? "not_in_utterance" : positions.length > 1 ? "ambiguous" : "ok", wordIndex: positions?.length === 1 ? positions[0] : null, phoneIndex: null,
  });
  if (raw.kind === "wrapped") return asPhone();
  if (positions) return asWord();
  if (raw.kind === "quoted") return phone && (NON_ASCII.test(raw.text) || raw.text.length <= 2 || /\d$/.test(raw.text)) ? asPhone() : asWord();
  // ALL CAPS, not a word of the utterance: a phone when it carries a stress digit or stands next to "sound"/"phoneme".
  if (phone && (/\d$/.test(raw.text) || nextToPhoneNoun(toks, token))) return asPhone();
  if (raw.text.length < 2) return null;
  return asWord();
}

const STARTS = new Set(["begins", "began", "begin", "starts", "started", "start", "opens", "opened"]);
const ENDS = new Set(["ends", "ended", "end", "finishes", "finished", "closes", "closed"]);

/**
 * An ordinal before the mention ("the second 'TO'", "the final /m/", "its first vowel /ʌ/",
 * "ended with a clear /ə/", "the final /t/ and /s/"): 1-based, -1 = last, 0 = none.
 */
function ordinalBefore(toks: Tok[], at: number): number {
  for (let j = at - 1; j >= 0 && j >= at - 4 && toks[j].sentence === toks[at].sentence; j--) {
    const w = toks[j].lower;
    if (ORDINALS[w]) return ORDINALS[w];
    if (LAST.has(w) || w.endsWith("-final")) return -1;
    if (w === "with" && STARTS.has(toks[j - 1]?.lower ?? "")) return 1;
    if (w === "with" && ENDS.has(toks[j - 1]?.lower ?? "")) return -1;
    // Coordinated with a mention that has one: "the final /t/ and /s/".
    if ((w === "and" || w === "or") && j === at - 1 && toks[j - 1]?.mention >= 0) return ordinalBefore(toks, j - 1);
    if (toks[j].mention >= 0 || toks[j].pos === "VERB" || toks[j].pos === "AUX" || toks[j].text === ",") return 0;
  }
  return 0;
}

const pick = <T>(list: T[], ord: number): T | undefined => (ord === -1 ? list[list.length - 1] : ord > 0 ? list[ord - 1] : undefined);

function resolveWord(m: Classified, toks: Tok[], ix: UtteranceIndex): void {
  if (m.status !== "ambiguous") return;
  const positions = ix.wordPositions.get(keyOfWord(m.text)) ?? [];
  const chosen = pick(positions, ordinalBefore(toks, m.token));
  if (chosen !== undefined) (m.status = "ok", (m.wordIndex = chosen));
}

/** Ties a phone to one canonical position: unique, or through the word named in its sentence (nearest, same clause first). */
function resolvePhone(m: Classified, words: Classified[], toks: Tok[], info: ClauseInfo, ix: UtteranceIndex): void {
  const cands = m.phone ? (ix.phonePositions.get(m.phone) ?? []) : [];
  if (cands.length === 0) {
    m.status = "not_in_utterance";
    return;
  }
  const wordOf = (p: number) => ix.utterance.phones[p].wordIndex;
  const candWords = new Set(cands.map(wordOf));
  const sentence = toks[m.token].sentence;
  const named = words.filter((w) => w.status === "ok" && toks[w.token].sentence === sentence && candWords.has(w.wordIndex!));
  let chosen: number | null = null;
  // "its /ə/": the word named last before the phone.
  const possessed = possessive(toks, m.token) ? named.filter((w) => w.start < m.start) : [];
  if (possessed.length > 0) chosen = possessed[possessed.length - 1].wordIndex;
  else if (named.length > 0) {
    const clause = info.clause[m.token];
    // Same clause first; a word set apart after the phone ("…/aʊ/, unlike 'HOW'") or in a new statement after ";" comes last.
    const score = (w: Classified) => (info.clause[w.token] === clause ? 0 : 1e6) + (w.token > m.token && apartAfter(toks, m.token, w.token) ? 1e3 : 0) + Math.abs(w.start - m.start);
    chosen = named.reduce((a, b) => (score(b) < score(a) ? b : a)).wordIndex;
  } else if (candWords.size === 1) chosen = wordOf(cands[0]);
  if (chosen === null) {
    m.status = "ambiguous";
    return;
  }
  m.wordIndex = chosen;
  let inWord = cands.filter((p) => wordOf(p) === chosen);
  // An IPA symbol that tells stress apart (ə vs ʌ, i vs iː) counts only the phones written that way.
  const exact = inWord.filter((p) => arpabetToIpa(ix.utterance.phones[p].symbol) === m.text);
  if (exact.length > 0) inWord = exact;
  m.phoneIndex = pick(inWord, ordinalBefore(toks, m.token)) ?? inWord[0];
}

const SET_APART = new Set(["unlike", "except", "than", "besides"]);

/** Whether the word at `w` (after the phone at `p`) is set apart from it: by "unlike"/"except"/"rather than" right before it, or by a ";" between. */
function apartAfter(toks: Tok[], p: number, w: number): boolean {
  for (let j = w - 1; j >= w - 2 && j > p; j--) if (SET_APART.has(toks[j].lower)) return true;
  for (let j = p + 1; j < w; j++) if (toks[j].text === ";") return true;
  return false;
}

function possessive(toks: Tok[], at: number): boolean {
  for (let j = at - 1; j >= 0 && j >= at - 3; j--) {
    if (toks[j].lower === "its") return true;
    if (toks[j].pos !== "ADJ" && toks[j].pos !== "NOUN") return false;
  }
  return false;
}

/** Whether a phone occurs in the word named nearest it in its sentence (or anywhere, with no word named). */
function canonicalNear(m: Classified, words: Classified[], toks: Tok[], ix: UtteranceIndex): boolean {
  if (!m.phone) return false;
  const cands = ix.phonePositions.get(m.phone) ?? [];
  const named = words.filter((w) => w.status === "ok" && toks[w.token].sentence === toks[m.token].sentence);
  if (named.length === 0) return cands.length > 0;
  const nearest = named.reduce((a, b) => (Math.abs(b.start - m.start) < Math.abs(a.start - m.start) ? b : a));
  return cands.some((p) => ix.utterance.phones[p].wordIndex === nearest.wordIndex);
}

/** Nouns for the whole reading: an aspect word that modifies one of these is about the reading ("a fluent reading"). */
const WHOLE_NOUNS = new Set(["reading", "delivery", "speech", "performance", "sentence", "utterance", "recording", "rendition", "attempt", "production", "read", "question", "passage", "response", "speaker", "learner", "overall"]);
const UNIVERSAL = new Set(["all", "every", "each"]);
const LEFT_OUT = new Set(["else", "other", "rest", "remaining", "most", "some", "many", "several", "few"]);
// Floating quantifiers after coordinated aspects ("fluency and rhythm both suffered").
const FLOATING = new Set(["both", "all", "each"]);

/**
 * An aspect word said of a part of the reading ("Most words were accurate", "the stress on the
 * second syllable", "Everything else was accurate") is no aspect mention; said of every word
 * ("All five words were accurate") or of the reading ("a fluent reading with every word …") it is.
 */
function aboutAPart(toks: Tok[], info: ClauseInfo, at: number): boolean {
  const c = info.clause[at];
  const next = toks[at + 1];
  if (next && next.mention < 0 && info.clause[at + 1] === c && next.pos === "NOUN" && toks[at].pos === "ADJ") {
    if (WHOLE_NOUNS.has(next.lower)) return false;
    if (PART_NOUNS.has(next.lower)) return true;
  }
  const sentenceStart = info.starts.find((s) => s.sentence === toks[at].sentence)!.first;
  const exception = toks.slice(sentenceStart, at).some((t, k, xs) => EXCEPTIONS.some((e) => e.every((w, q) => xs[k + q]?.lower === w)));
  const universal = (j: number) => {
    if (exception) return false;
    for (let k = j - 1; k >= info.starts[c].first && k >= j - 3; k--) {
      if (LEFT_OUT.has(toks[k].lower)) return false;
      if (UNIVERSAL.has(toks[k].lower)) return !toks.slice(j, at).some((t) => LEFT_OUT.has(t.lower));
    }
    return false;
  };
  // A part noun, not the verb of the same spelling ("the reading sounds accurate").
  const partNoun = (j: number) => PART_NOUNS.has(toks[j].lower) && toks[j].pos !== "VERB" && toks[j].pos !== "AUX";
  for (let j = info.starts[c].first; j < at; j++) if (toks[j].mention >= 0 || (partNoun(j) && !universal(j))) return true;
  for (let j = at + 1; j < toks.length && j <= at + 4 && info.clause[j] === c; j++) {
    // A list item ends at its comma: "Natural intonation, clean consonants".
    if (toks[j].pos === "VERB" || toks[j].pos === "AUX" || toks[j].pos === "PUNCT") break;
    // "fluency and prosody both need work": a floating quantifier of coordinated aspects.
    if (FLOATING.has(toks[j].lower) && ((toks[j + 1] && (toks[j + 1].pos === "VERB" || toks[j + 1].pos === "AUX")) || ASPECT_WORDS[toks[j - 1].lower])) break;
    if (toks[j].mention >= 0 || partNoun(j)) return true;
  }
  // Word stress: "the stress fell on the first syllable".
  if (toks[at].lower === "stress" || toks[at].lower === "stressed") {
    for (let j = at + 1; j < toks.length && info.clause[j] === c; j++) if (toks[j].lower === "syllable" || toks[j].lower === "syllables") return true;
  }
  const p = toks[at - 1];
  return !!p && (p.lower.endsWith("syllable") || p.lower === "word");
}

export interface Extraction {
  mentions: Mention[];
  overall: Polarity;
  /** A claim that there are no errors (all) or none besides those named (besides), or null. */
  claim?: NoErrorClaim | null;
}

// Extractions repeat (the same rationale about the same utterance, e.g. a model re-run): each is
// computed once. Keyed by the utterance index object (or, for an index made for one call, the
// utterance's content), then by the rationale: no long composite key to hash. Bounded: the cache
// starts over past CACHE_LIMIT extractions. Callers get their own copies of the mentions.
const CACHE = new Map<UtteranceIndex | string, Map<string, Extraction>>();
const CACHE_LIMIT = 20_000;
let cachedCount = 0;

const copyMention = (m: Mention): Mention => ({
  type: m.type, text: m.text, start: m.start, end: m.end, status: m.status, wordIndex: m.wordIndex, phoneIndex: m.phoneIndex,
  phone: m.phone, aspect: m.aspect, polarity: m.polarity, cue: m.cue, cueWords: m.cueWords?.map((w) => ({ text: w.text, start: w.start, end: w.end })),
  decidedBy: m.decidedBy, sentence: m.sentence,
});
const copyOf = (e: Extraction): Extraction => ({ mentions: e.mentions.map(copyMention), overall: e.overall, claim: e.claim && { ...e.claim } });

export function extractMentions(rationale: string, utterance: AuditUtterance | UtteranceIndex): Extraction {
  const indexed = "wordPositions" in utterance;
  const ix = indexed ? utterance : indexUtterance(utterance);
  const owner = indexed ? ix : `${ix.utterance.words.join(" ")}|${ix.utterance.phones.map((p) => `${p.symbol}:${p.wordIndex}`).join(" ")}`;
  let forUtterance = CACHE.get(owner);
  const hit = forUtterance?.get(rationale);
  if (hit !== undefined) return copyOf(hit);
  const fresh = extractUncached(rationale, ix);
  if (++cachedCount > CACHE_LIMIT) (CACHE.clear(), (cachedCount = 1), (forUtterance = undefined));
  if (!forUtterance) CACHE.set(owner, (forUtterance = new Map()));
  forUtterance.set(rationale, fresh);
  return copyOf(fresh);
}

function extractUncached(rationale: string, ix: UtteranceIndex): Extraction {
  const raws = rawMentions(rationale);
  const toks = parseRationale(rationale, raws);
  const tokenOf = new Map<number, number>();
  toks.forEach((t, i) => t.mention >= 0 && tokenOf.set(t.mention, i));

  let classified: Classified[] = [];
  raws.forEach((r, k) => {
    const token = tokenOf.get(k);
    if (token === undefined) return;
    const c = classify(r, token, toks, ix);
    if (c) classified.push(c);
  });
  const words = classified.filter((m) => m.type === "word");
  for (const w of words) resolveWord(w, toks, ix);
  // Heard-instead forms (decided in text order: "/f/ or /s/" follows the first).
  const heard: Heard[] = raws.map(() => null);
  const byMention = new Map(classified.map((c) => [toks[c.token].mention, c]));
  for (const c of classified) {
    const k = toks[c.token].mention;
    let h = heardInstead(toks, c.token, rationale, c.raw.outerEnd, heard);
    if (h === "absent") h = c.type === "phone" && !canonicalNear(c, words, toks, ix) ? "heard" : null;
    // "/s/ instead of /θ/": the one the named word does not have is the one heard.
    const next = toks[c.token + 3];
    if (!h && c.type === "phone" && followedByInsteadOf(toks, c.token) && next && next.mention >= 0) {
      const other = byMention.get(next.mention);
      if (other && canonicalNear(other, words, toks, ix) && !canonicalNear(c, words, toks, ix)) h = "heard";
    }
    heard[k] = h;
  }
  // The phone after "instead of" is a mention when the one before it was heard.
  for (const c of classified) {
    const k = toks[c.token].mention;
    if (heard[k] !== "heard" || c.type !== "phone") continue;
    const before = toks[c.token - 3];
    if (toks[c.token - 1]?.lower === "of" && toks[c.token - 2]?.lower === "instead" && before && before.mention >= 0 && heard[before.mention] === "heard") heard[k] = null;
  }
  // A sound said to have come out as another is criticised: the deviation verb is a cue ("became", "closer to").
  const extra = new Map<number, -1>();
  for (const c of classified) {
    if (heard[toks[c.token].mention] !== "heard") continue;
    const g = deviationGovernor(toks, c.token);
    if (g >= 0) extra.set(g, -1);
  }
  const info = clausesOf(toks, extra);
  classified = classified.filter((c) => heard[toks[c.token].mention] !== "heard");
  const namedWords = classified.filter((m) => m.type === "word");
  for (const m of classified) if (m.type === "phone") resolvePhone(m, namedWords, toks, info, ix);

  // Aspect mentions: one per clause and aspect, said of the whole reading.
  const aspectSeen = new Set<string>();
  toks.forEach((t, i) => {
    const aspect = t.mention < 0 ? ASPECT_WORDS[t.lower] : undefined;
    if (!aspect || aboutAPart(toks, info, i)) return;
    const key = `${info.clause[i]}:${aspect}`;
    if (aspectSeen.has(key)) return;
    aspectSeen.add(key);
    classified.push({ type: "aspect", text: t.text, start: t.start, end: t.end, token: i, raw: null as unknown as Raw, aspect, phone: null, status: "ok", wordIndex: null, phoneIndex: null });
  });
  classified.sort((a, b) => a.start - b.start);

  const judgeable: Judgeable[] = classified.map((c) => ({
    token: c.token,
    type: c.type,
    target: c.status !== "ok" || c.type === "aspect" ? null : c.type === "word" ? `word:${c.wordIndex}` : `phone:${c.phoneIndex}`,
    wordTarget: c.type === "phone" && c.status === "ok" ? `word:${c.wordIndex}` : null,
    selfJudging: c.type === "aspect" && wordClass(toks[c.token].lower) !== null,
    symbols: c.status !== "ok" ? undefined : c.type === "phone" ? [ix.utterance.phones[c.phoneIndex!].symbol] : c.type === "word" ? wordSymbols(ix, c.wordIndex!) : undefined,
  }));
  const judged = judgeMentions(toks, info, judgeable);
  const mentions: Mention[] = classified.map((c, k) => {
    const j = judged[k];
    const cueWords = j.words.map((w) => ({ text: toks[w].text, start: toks[w].start, end: toks[w].end }));
    return {
      type: c.type, text: c.text, start: c.start, end: c.end, status: c.status, wordIndex: c.wordIndex, phoneIndex: c.phoneIndex,
      phone: c.phone, aspect: c.aspect,
      polarity: j.polarity,
      cue: cueWords.length ? `${j.how === "own" ? "" : `(${j.how}) `}${cueWords.map((w) => w.text).join(" ")}` : null,
      cueWords,
      decidedBy: j.how,
      sentence: toks[c.token].sentence,
    };
  });
  const overall = overallPolarity(info, toks);
  const claim = findClaim(toks, info);
  if (claim) claim.text = rationale.slice(claim.start, claim.end);
  return { mentions, overall, claim };
}

function wordSymbols(ix: UtteranceIndex, w: number): string[] {
  const out: string[] = [];
  for (const p of ix.utterance.phones) if (p.wordIndex === w) out.push(p.symbol);
  return out;
}

/** The rationale's overall verdict: the sign of the sum of its cues. */
function overallPolarity(info: ClauseInfo, toks: Tok[]): Polarity {
  void toks;
  const total = info.cues.reduce((a, c) => a + c.sign, 0);
  return total > 0 ? "positive" : total < 0 ? "negative" : "neutral";
}

export type { ArpabetBase };
