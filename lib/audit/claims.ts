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

const UNIVERSAL = new Set(["every", "each", "all", "everything", "whole", "entire", "everyone"]);
const DENYING = new Set(["no", "none", "nothing", "neither"]);
const PARTS = new Set(["word", "words", "sound", "sounds", "phoneme", "phonemes", "vowel", "vowels", "consonant", "consonants", "number", "numbers", "everything", "nothing", "none", "syllable", "syllables", "rest", "others", "one", "item", "items"]);
const BESIDES = new Set(["else", "other", "rest", "remaining", "otherwise", "others"]);
const PARTIAL_SUBJECT = new Set(["most", "some", "many", "several", "few", "two", "three", "both"]);
const HEDGES = new Set(["mostly", "largely", "generally", "mainly", "nearly", "almost", "usually", "partly", "fairly", "reasonably"]);
const ERRORS = /^(error|mistake|mispronunciation|slip|problem|issue)s?$/;
const WRONG = /^(mispronounc|wrong|incorrect|inaccura|error|mistake|dropped|missed)/;
const DENY = new Set(["no", "without", "free", "zero", "any"]);

/** The quantifier of a subject that takes in every part of the reading ("every word", "all five words", "the words are all", "no words", "everything else"), or -1. */
function universalSubject(span: Tok[]): number {
  for (let k = 0; k < span.length; k++) {
    const w = span[k].lower;
    if (span[k].mention >= 0) continue;
    const partAhead = (n: number) => span.slice(k + 1, k + 1 + n).some((t) => PARTS.has(t.lower) && t.mention < 0);
    if ((UNIVERSAL.has(w) || DENYING.has(w)) && (PARTS.has(w) || partAhead(3))) return k;
    // Floating: "the words are all …".
    if (w === "all" && span[k - 1]?.pos === "AUX" && PARTS.has(span[k - 2]?.lower ?? "")) return k;
    // "the words were clear": the definite plural takes in them all (not "the words 'X' and 'Y'").
    if (w === "the" && /s$/.test(span[k + 1]?.lower ?? "") && PARTS.has(span[k + 1].lower) && span[k + 2]?.mention !== undefined && span[k + 2].mention < 0 && span[k - 1]?.pos !== "ADP") return k;
    // "the other words", "the remaining words", "the rest".
    if ((w === "other" || w === "remaining" || w === "rest") && span[k - 1]?.lower === "the" && (w === "rest" || partAhead(2))) return k;
  }
  return -1;
}

export function findClaim(toks: Tok[], info: ClauseInfo): NoErrorClaim | null {
  for (let c = 0; c < info.starts.length; c++) {
    const first = info.starts[c].first;
    let last = first;
    while (last + 1 < toks.length && info.clause[last + 1] === c) last++;
    const span = toks.slice(first, last + 1);
    let claims = false;
    // A subject that takes in every part, then praise ("Every word was pronounced correctly",
    // "No words were mispronounced": the cue's composed sign is positive).
    const q = universalSubject(span);
    if (q >= 0 && !span.slice(Math.max(0, q - 2), q).some((t) => PARTIAL_SUBJECT.has(t.lower))) {
      for (let k = first + q + 1; k <= last; k++) {
        // "mostly clear", "largely accurate": praise of most, no claim about all.
        if (HEDGES.has(toks[k].lower)) break;
        const cue = info.cueAt[k] >= 0 ? info.cues[info.cueAt[k]] : null;
        if (cue) {
          claims = cue.sign > 0;
          break;
        }
      }
    }
    // "no mispronounced words", "no mispronunciations", "without any errors", "error-free" (not about one named target).
    if (!claims) {
      for (let k = 0; k + 2 < span.length + 1; k++) {
        if ((span[k].lower === "no" || span[k].lower === "without") && WRONG.test(span[k + 1]?.lower ?? "") && PARTS.has(span[k + 2]?.lower ?? "")) claims = true;
      }
      for (let k = 0; k < span.length && !claims; k++) {
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
