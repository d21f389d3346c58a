/**
 * A judge's answer (answer.ts) → the audit's Extraction (mentions with spans, targets, polarity,
 * cue words; the overall polarity; the no-error claim), so that auditResponse computes the flags
 * from it exactly as from the rules' own extraction. Pure.
 *
 * Spans: chat models often miscount characters or give none. A mention's span is taken from its
 * offsets only when they point at its text (UTF-16 or code-point offsets, with or without the
 * delimiters); else from `occurrence`; else the next occurrence of its text after the previous
 * mention's, in the order the judge lists them. Delimited occurrences ('x', /x/, [x]) are preferred;
 * no two mentions take the same place. A mention whose text is not in the rationale is left out
 * with a warning.
 *
 * Targets: words are looked up in the utterance (a repeated word is tied only where the judge gives
 * one of its indices); phones through the judge's phone or word index, else their only word, else
 * ambiguous. Whether a word or symbol occurs in the sentence is decided here, not by the judge,
 * except that a phone the judge calls not in the utterance (e.g. "the /r/ in MORNING") stays so.
 */
import { arpabetToIpa, normalizePhoneSymbol } from "../../rubric/arpabet-ipa";
import type { Polarity } from "../../rubric/labels";
import type { NoErrorClaim } from "../claims";
import type { Extraction } from "../extract-mentions";
import { ASPECT_WORDS } from "../lexicon";
import { parseRationale } from "../nlp/parse-rationale";
import type { AuditAspect, Mention, MentionStatus } from "../types";
import { wordKey, type UtteranceIndex } from "../utterance-index";
import type { JudgeAnswer, JudgeMention } from "./answer";

export interface JudgeExtraction {
  extraction: Extraction;
  /** What could not be used of the answer, in plain words ("mention 'HOUSE' is not in the rationale; left out"). */
  warnings: string[];
}

const DELIMS = "/[]\"'“”‘’`";
const STRIP = /^[/[\]"'“”‘’`]+|[/[\]"'“”‘’`]+$/gu;
const WORDCHAR = /[\p{L}\p{N}\p{M}]/u;

interface Place {
  start: number;
  end: number;
  delimited: boolean;
}

/** Every place `t` occurs as a whole token (no letter or digit glued to it), case-sensitive first. */
function placesOf(text: string, t: string, caseless: boolean): Place[] {
  const hay = caseless ? text.toLowerCase() : text;
  const needle = caseless ? t.toLowerCase() : t;
  const out: Place[] = [];
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
    const before = text[i - 1] ?? " ";
    const after = text[i + t.length] ?? " ";
    if (WORDCHAR.test(before) || WORDCHAR.test(after)) continue;
    out.push({ start: i, end: i + t.length, delimited: DELIMS.includes(before) && DELIMS.includes(after) });
  }
  return out;
}

/** UTF-16 offset of a code-point offset. */
function utf16At(text: string, cp: number): number {
  let u = 0;
  let k = 0;
  for (const ch of text) {
    if (k === cp) return u;
    u += ch.length;
    k++;
  }
  return k === cp ? u : -1;
}

const overlaps = (a: Place, taken: Place[]) => taken.some((b) => a.start < b.end && b.start < a.end);

function locate(rationale: string, m: JudgeMention, t: string, taken: Place[], cursor: number): Place | null {
  let all = placesOf(rationale, t, false);
  if (all.length === 0) all = placesOf(rationale, t, true);
  const free = all.filter((p) => !overlaps(p, taken));
  if (free.length === 0) return null;
  if (m.start != null) {
    // The offsets may count UTF-16 units or code points, and may include the delimiters.
    for (const s of new Set([m.start, utf16At(rationale, m.start)])) {
      const hit = free.find((p) => p.start === s || (p.start === s + 1 && DELIMS.includes(rationale[s])));
      if (hit) return hit;
    }
  }
  if (m.occurrence != null) {
    const nth = all[m.occurrence - 1];
    if (nth && !overlaps(nth, taken)) return nth;
  }
  // Words and phones are marked ('x', /x/, [x], CAPS): where marked places exist, an unmarked one is no mention.
  const pool = m.type !== "aspect" && free.some((p) => p.delimited) ? free.filter((p) => p.delimited || /^\p{Lu}{2,}$/u.test(rationale.slice(p.start, p.end))) : free;
  return pool.find((p) => p.start >= cursor) ?? pool[0] ?? null;
}

/** Sentence index at an offset (wink-nlp's sentences, as the rules use). */
function sentenceFinder(rationale: string): (at: number) => number {
  const toks = parseRationale(rationale, []);
  const firsts: number[] = [];
  for (const t of toks) if (firsts[t.sentence] === undefined) firsts[t.sentence] = t.start;
  return (at) => {
    let s = 0;
    firsts.forEach((start, i) => {
      if (start !== undefined && start <= at) s = i;
    });
    return s;
  };
}

/** The cue's words in the rationale: the whole phrase nearest the mention, else each word nearest it in its sentence. */
function cueWordsOf(rationale: string, cue: string, near: number, sentenceOf: (at: number) => number): { text: string; start: number; end: number }[] {
  const words = (from: number, s: string) => [...s.matchAll(/[\p{L}\p{N}'’-]+/gu)].map((w) => ({ text: w[0], start: from + w.index!, end: from + w.index! + w[0].length }));
  const phrase = cue.trim();
  if (!phrase) return [];
  const nearest = (ps: Place[]) => ps.reduce<Place | null>((a, p) => (a === null || Math.abs(p.start - near) < Math.abs(a.start - near) ? p : a), null);
  const whole = nearest(placesOf(rationale, phrase, true));
  if (whole) return words(whole.start, rationale.slice(whole.start, whole.end));
  const sentence = sentenceOf(near);
  const out: { text: string; start: number; end: number }[] = [];
  for (const w of words(0, phrase)) {
    const p = nearest(placesOf(rationale, w.text, true).filter((q) => sentenceOf(q.start) === sentence));
    if (p) out.push({ text: rationale.slice(p.start, p.end), start: p.start, end: p.end });
  }
  return out.sort((a, b) => a.start - b.start);
}

interface Target {
  status: MentionStatus;
  wordIndex: number | null;
  phoneIndex: number | null;
}

function wordTarget(ix: UtteranceIndex, text: string, m: JudgeMention): Target {
  const positions = ix.wordPositions.get(wordKey(text));
  if (!positions) return { status: "not_in_utterance", wordIndex: null, phoneIndex: null };
  if (positions.length === 1) return { status: "ok", wordIndex: positions[0], phoneIndex: null };
  if (m.status !== "ambiguous" && m.word_index != null && positions.includes(m.word_index)) return { status: "ok", wordIndex: m.word_index, phoneIndex: null };
  return { status: "ambiguous", wordIndex: null, phoneIndex: null };
}

function phoneTarget(ix: UtteranceIndex, text: string, m: JudgeMention): Target & { phone: ReturnType<typeof normalizePhoneSymbol> } {
  const phone = normalizePhoneSymbol(text);
  const cands = phone ? (ix.phonePositions.get(phone) ?? []) : [];
  const none = { status: "not_in_utterance" as const, wordIndex: null, phoneIndex: null, phone };
  if (cands.length === 0 || m.status === "not_in_utterance") return none;
  const wordOf = (p: number) => ix.utterance.phones[p].wordIndex;
  const inWord = (w: number) => {
    const mine = cands.filter((p) => wordOf(p) === w);
    const exact = mine.filter((p) => arpabetToIpa(ix.utterance.phones[p].symbol) === text);
    return (exact.length ? exact : mine)[0];
  };
  const words = new Set(cands.map(wordOf));
  if (m.status === "ambiguous" && words.size > 1) return { status: "ambiguous", wordIndex: null, phoneIndex: null, phone };
  if (m.phone_index != null && cands.includes(m.phone_index)) return { status: "ok", wordIndex: wordOf(m.phone_index), phoneIndex: m.phone_index, phone };
  if (m.word_index != null && words.has(m.word_index)) return { status: "ok", wordIndex: m.word_index, phoneIndex: inWord(m.word_index), phone };
  if (words.size === 1) {
    const w = wordOf(cands[0]);
    return { status: "ok", wordIndex: w, phoneIndex: inWord(w), phone };
  }
  return { status: "ambiguous", wordIndex: null, phoneIndex: null, phone };
}

export function extractionFromAnswer(answer: JudgeAnswer, rationale: string, ix: UtteranceIndex): JudgeExtraction {
  const warnings: string[] = [];
  const sentenceOf = sentenceFinder(rationale);
  const taken: Place[] = [];
  const mentions: Mention[] = [];
  let cursor = 0;
  answer.mentions.forEach((m, i) => {
    const what = `mentions[${i}] "${m.text}"`;
    const t = m.text.replace(STRIP, "");
    if (!t) return warnings.push(`${what} is only delimiters; left out`);
    const place = locate(rationale, m, t, taken, cursor);
    if (!place) return warnings.push(`${what} is not in the rationale; left out`);
    taken.push(place);
    cursor = place.end;
    const written = rationale.slice(place.start, place.end);
    let aspect: AuditAspect | null = null;
    let target: Target & { phone?: ReturnType<typeof normalizePhoneSymbol> } = { status: "ok", wordIndex: null, phoneIndex: null };
    if (m.type === "aspect") {
      aspect = m.aspect ?? ASPECT_WORDS[written.toLowerCase()] ?? null;
      if (!aspect) return warnings.push(`${what} names no aspect (accuracy, fluency, prosody); left out`);
    } else target = m.type === "word" ? wordTarget(ix, written, m) : phoneTarget(ix, written, m);
    const cueWords = m.cue ? cueWordsOf(rationale, m.cue, place.start, sentenceOf) : [];
    mentions.push({
      type: m.type,
      text: written,
      start: place.start,
      end: place.end,
      status: target.status,
      wordIndex: target.wordIndex,
      phoneIndex: target.phoneIndex,
      phone: m.type === "phone" ? (target.phone ?? null) : null,
      aspect,
      polarity: m.polarity as Polarity,
      cue: m.cue?.trim() || null,
      cueWords,
      decidedBy: m.decided_by ?? (m.cue ? "own" : "none"),
      sentence: sentenceOf(place.start),
    });
  });
  mentions.sort((a, b) => a.start - b.start);
  let claim: NoErrorClaim | null = null;
  if (answer.no_error_claim) {
    const c = answer.no_error_claim;
    const at = placesOf(rationale, c.text.trim(), true)[0];
    if (!at) warnings.push(`no_error_claim "${c.text}" is not in the rationale; the claim is kept over the whole rationale`);
    claim = { kind: c.kind ?? "all", text: at ? rationale.slice(at.start, at.end) : rationale, start: at?.start ?? 0, end: at?.end ?? rationale.length };
  }
  return { extraction: { mentions, overall: (answer.overall ?? "neutral") as Polarity, claim }, warnings };
}
