/**
 * Claims that a reading has no errors (METRICS.md, missed_errors): a clause whose subject takes in
 * every part of the reading ("every word", "all six words", "everything", "no words") and whose
 * predicate says they were right ("were pronounced correctly", "was accurate", "came through
 * clearly", "were mispronounced" under "no"), or a clause that denies errors outright ("no
 * mispronunciations", "without any errors", "error-free"). A claim is "besides" when it leaves out
 * what was named ("everything else", "the rest", "all the other words", "apart from …, every
 * word …", "otherwise"); else it is a claim about "all". Praise of particular words or of most
 * words is no claim.
 */
import { EXCEPTIONS } from "./lexicon";
import type { ClauseInfo } from "./clauses";
import type { Tok } from "./nlp/parse-rationale";

export interface NoErrorClaim {
  kind: "all" | "besides";
  text: string;
  start: number;
  end: number;
}

const UNIVERSAL = new Set(["every", "each", "all", "everything", "none", "no", "whole", "entire", "nothing", "everyone"]);
const PARTS = new Set(["word", "words", "sound", "sounds", "phoneme", "phonemes", "vowel", "vowels", "consonant", "consonants", "number", "numbers", "everything", "nothing", "syllable", "syllables", "rest", "others", "one"]);
const BESIDES = new Set(["else", "other", "rest", "remaining", "otherwise", "others"]);
const CORRECT = /^(correct|accurat|right|fine|well|perfect|flawless|clear|clean|proper|good|precise|spot|came|through)/;
const ERRORS = /^(error|mistake|mispronunciation|slip|problem|issue)s?$/;
const WRONG = /^(mispronounc|wrong|incorrect|inaccura|error|mistake|dropped|missed)/;
const DENY = new Set(["no", "without", "free", "zero", "any"]);

export function findClaim(toks: Tok[], info: ClauseInfo): NoErrorClaim | null {
  for (let c = 0; c < info.starts.length; c++) {
    const first = info.starts[c].first;
    let last = first;
    while (last + 1 < toks.length && info.clause[last + 1] === c) last++;
    const span = toks.slice(first, last + 1);
    if (span.some((t) => t.mention >= 0 && t.pos === "MENTION" && span.indexOf(t) > 0 && /^(with|on|in)$/.test(span[span.indexOf(t) - 1]?.lower ?? ""))) continue;
    const verb = span.findIndex((t) => t.pos === "VERB" || t.pos === "AUX");
    const subject = verb >= 0 ? span.slice(0, verb) : span;
    const predicate = verb >= 0 ? span.slice(verb) : [];
    const universal = subject.some((t) => UNIVERSAL.has(t.lower)) && subject.some((t) => PARTS.has(t.lower));
    const negSubject = subject.some((t) => t.lower === "no" || t.lower === "none" || t.lower === "nothing");
    let claims = false;
    if (universal && !subject.some((t) => t.lower === "most" || t.lower === "some")) {
      claims = negSubject ? predicate.some((t) => WRONG.test(t.lower)) : predicate.some((t) => CORRECT.test(t.lower) && info.cueAt[toks.indexOf(t)] >= 0 && info.cues[info.cueAt[toks.indexOf(t)]].sign > 0);
    }
    // "no mispronounced words", "no words were wrong".
    if (!claims) {
      for (let k = 0; k + 2 < span.length + 1; k++) {
        if ((span[k].lower === "no" || span[k].lower === "without") && WRONG.test(span[k + 1]?.lower ?? "") && PARTS.has(span[k + 2]?.lower ?? "")) claims = true;
      }
    }
    // "no mispronunciations", "without any errors", "error-free" (not about one named target).
    if (!claims) {
      for (let k = 0; k < span.length; k++) {
        if (!ERRORS.test(span[k].lower)) continue;
        const before = span.slice(Math.max(0, k - 3), k).map((t) => t.lower);
        const denied = before.some((w) => DENY.has(w)) || span[k + 1]?.lower === "-free";
        const aboutTarget = span.slice(k + 1, k + 4).some((t) => t.mention >= 0);
        if (denied && !aboutTarget) claims = true;
      }
      if (span.some((t) => /^(error-free|flawless|flawlessly)$/.test(t.lower)) && !span.some((t) => t.mention >= 0)) claims = true;
    }
    if (!claims) continue;
    const sentenceStart = toks.findIndex((t) => t.sentence === toks[first].sentence);
    const beforeInSentence = toks.slice(sentenceStart, first).map((t) => t.lower);
    const exceptionBefore = EXCEPTIONS.some((e) => beforeInSentence.some((_, k) => e.every((w, q) => beforeInSentence[k + q] === w)));
    const besides = exceptionBefore || span.some((t) => BESIDES.has(t.lower)) || span.some((t, k) => EXCEPTIONS.some((e) => e.every((w, q) => span[k + q]?.lower === w)));
    const s = toks[sentenceStart].start;
    let e = toks[last].end;
    for (let k = last + 1; k < toks.length && toks[k].sentence === toks[first].sentence; k++) e = toks[k].end;
    return { kind: besides ? "besides" : "all", text: "", start: s, end: e };
  }
  return null;
}
