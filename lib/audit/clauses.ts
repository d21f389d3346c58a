/**
 * Clauses of a parsed rationale and the judgments (cues) in them. A clause ends at ; : dashes and
 * brackets, before a contrast word ("but", "though", "however"), before a relative pronoun or a
 * consequence after a comma (", which", ", so"), before "and" that opens a clause of its own
 * ("… clearly and the sentence has …"), and at a sentence end. A cue is a judging word with the
 * words that modify it, composed: an intensifier carries no sign of its own when it modifies a
 * judging word ("clearly mispronounced", "a clear error"); a negator flips ("not a proper
 * diphthong", "no unnatural pauses", "none of its sounds were clear"); a negated predicate that
 * judges nothing by its words denies what was expected ("the intonation did not rise"); an excess
 * word makes criticism ("too short", "too far back"); a partial word makes praise middling and
 * description criticism ("only partly accurate", "half-voiced"); a softener keeps the sign and turns
 * a description into criticism ("a bit short"), unless "only" minimises it ("only a slightly
 * light /l/": no verdict); intelligibility is middling unless it is full ("clearly recognisable").
 * A description that names a phonetic feature ("a voiced /z/", "a long, rounded vowel", "stress
 * on the second syllable") is a descriptive cue: its sign depends on the sound it is said of
 * (lib/audit/phonetic-description.ts), and it decides only where no judging cue does. A verb of
 * change with its goal ("reduced to almost nothing", "shifted towards") criticises where nothing
 * else in its clause judges.
 */
import type { Polarity } from "../rubric/labels";
import { CONTRAST, EXCESS, INTELLIGIBLE, INTENSIFIERS, MINIMISERS, NEGATORS, PARTIAL, PHRASES, SOFTENERS, YIELDING, wordClass, type Sign } from "./lexicon";
import { describesFeature, syllableOrdinal } from "./phonetic-description";
import { CHANGE_VERB } from "./heard-instead";
import type { Tok } from "./nlp/parse-rationale";

export interface Cue {
  first: number;
  last: number;
  /** The sign; for a descriptive cue, the sign when the sound it is said of cannot be checked. */
  sign: Sign;
  /** The token indices that decided the sign (modifiers and the judging word). */
  words: number[];
  /** A phonetic feature word ("voiced", "long"): the sign is checked against the sound it describes. */
  feature?: string;
  /** The feature is denied ("not voiced", "not fully a diphthong"). */
  negatedFeature?: boolean;
  /** Stress placed on this syllable (1-based; negative counts from the end). */
  stress?: number;
}

export interface ClauseInfo {
  /** Clause id per token. */
  clause: number[];
  /** First token of each clause and the marker that opened it ("but", "which", ";" …, "" at a sentence start). */
  starts: { first: number; marker: string; sentence: number; resumes?: number }[];
  cues: Cue[];
  /** Cue index per token (for every token of a cue), -1 elsewhere. */
  cueAt: number[];
  /** Descriptive cues ("a voiced /z/"), consulted only where no judging cue decides. */
  weak: { cues: Cue[]; cueAt: number[] };
}

const BREAK_PUNCT = new Set([";", ":", "—", "–", "(", ")"]);
const AFTER_COMMA = new Set(["which", "who", "where", "whose", "so", "while", "whereas", "and", "with", "making", "giving", "leaving", "because", "since"]);
const CONTRAST_SPLIT = new Set([...CONTRAST].filter((w) => w !== "still" && w !== "while"));
const LIGHT = new Set(["was", "were", "is", "are", "be", "been", "being", "a", "an", "the", "have", "had", "has", "did", "do", "does", "sound", "sounded", "sounds", "seem", "seemed", "seems", "feel", "felt", "come", "came", "quite", "always", "entirely", "fully", "very", "really", "particularly", "especially", "at", "all", "any", "its", "their", "your", "first", "final", "just", "so", "too", "of", "any", "there",
  "pronounced", "produced", "articulated", "realised", "realized", "said", "read", "spoken", "rendered", "delivered",
  "executed", "handled", "formed", "placed", "voiced", "held", "made", "given", "pronounce", "say", "produce",
  "articulate", "realise", "realize", "render", "deliver", "pronounces", "says", "produces"]);

export const signPolarity = (s: Sign): Polarity => (s > 0 ? "positive" : s < 0 ? "negative" : "neutral");

/** Extra cues found outside the lexicon (a substitution said of a sound: "became", "closer to"): token → sign. */
export function clausesOf(toks: Tok[], extra: ReadonlyMap<number, Sign> = new Map()): ClauseInfo {
  const clause: number[] = [];
  const starts: ClauseInfo["starts"] = [];
  let c = -1;
  let pendingBreak = true;
  let marker = "";
  // An embedded relative clause ("The /ŋ/, which many drop, was there"): the clause its subject
  // came from, resumed by a verb after the closing comma.
  let relativeFrom = -1;
  toks.forEach((t, i) => {
    const prev = toks[i - 1];
    if (!prev || prev.sentence !== t.sentence) (pendingBreak = true, (marker = ""), (relativeFrom = -1));
    if (t.mention < 0 && CONTRAST_SPLIT.has(t.lower) && (t.pos === "CCONJ" || t.pos === "SCONJ" || t.pos === "ADV") && prev?.lower !== "anything") (pendingBreak = true, (marker = t.lower));
    if (t.mention < 0 && prev?.text === "," && AFTER_COMMA.has(t.lower)) (pendingBreak = true, (marker = t.lower));
    else if (t.lower === "and" && t.pos === "CCONJ" && c >= 0 && opensClause(toks, i, clause, c)) (pendingBreak = true, (marker = "and"));
    else if (relativeFrom >= 0 && prev?.text === "," && (t.pos === "AUX" || t.pos === "VERB")) (pendingBreak = true, (marker = "resume"));
    if (pendingBreak) {
      c++;
      const start: ClauseInfo["starts"][number] = { first: i, marker, sentence: t.sentence };
      if (marker === "resume") (start.resumes = relativeFrom, (relativeFrom = -1));
      if (marker === "which" || marker === "who") relativeFrom = c - 1;
      starts.push(start);
      pendingBreak = false;
    }
    clause.push(c);
    if (BREAK_PUNCT.has(t.text)) (pendingBreak = true, (marker = t.text), (relativeFrom = -1));
  });
  const { cues, cueAt, weak } = findCues(toks, clause, extra);
  return { clause, starts, cues, cueAt, weak };
}

/** "… were pronounced clearly and the sentence has …": "and" followed by a subject and its own verb, after a verb. */
function opensClause(toks: Tok[], at: number, clause: number[], c: number): boolean {
  let verbBefore = false;
  for (let j = at - 1; j >= 0 && clause[j] === c; j--) if (toks[j].pos === "VERB" || toks[j].pos === "AUX") verbBefore = true;
  if (!verbBefore) return false;
  for (let j = at + 1, n = 0; j < toks.length && n < 5 && toks[j].sentence === toks[at].sentence; j++, n++) {
    const t = toks[j];
    if (t.pos === "AUX" || t.pos === "VERB") return n > 0;
    if (!(t.mention >= 0 || t.pos === "DET" || t.pos === "NOUN" || t.pos === "PROPN" || t.pos === "PRON" || t.pos === "ADJ" || t.pos === "NUM")) return false;
  }
  return false;
}

const PHRASES_BY_FIRST = new Map<string, [string[], Sign][]>();
for (const p of PHRASES) PHRASES_BY_FIRST.set(p[0][0], [...(PHRASES_BY_FIRST.get(p[0][0]) ?? []), p]);

function phraseAt(toks: Tok[], i: number): { len: number; sign: Sign } | null {
  if (toks[i].mention >= 0) return null;
  for (const [words, sign] of PHRASES_BY_FIRST.get(toks[i].lower) ?? []) {
    if (words.every((w, k) => toks[i + k]?.lower === w && toks[i + k].mention < 0 && toks[i + k].sentence === toks[i].sentence)) return { len: words.length, sign };
  }
  return null;
}

/** The next judging word within two content words after `i` (the head an intensifier would modify). */
function headAfter(toks: Tok[], i: number, clause: number[]): number {
  const j = judgingWordAfter(toks, i, clause);
  // An adjective intensifies a noun ("a clear error"), not an adverb ("clear as well").
  return j >= 0 && toks[i].pos === "ADJ" && toks[j].pos !== "NOUN" && toks[j].pos !== "PROPN" ? -1 : j;
}

function judgedSoonAfter(toks: Tok[], i: number, clause: number[]): boolean {
  for (let j = i + 1; j < toks.length && j <= i + 4 && clause[j] === clause[i]; j++) {
    if (toks[j].mention >= 0 || toks[j].pos === "PUNCT") return false;
    const k = wordClass(toks[j].lower);
    if (k === "positive" || k === "negative" || k === "middling") return true;
  }
  return false;
}

function judgingWordAfter(toks: Tok[], i: number, clause: number[]): number {
  for (let j = i + 1, seen = 0; j < toks.length && clause[j] === clause[i] && seen < 3; j++) {
    const t = toks[j];
    if (t.mention >= 0 || t.pos === "PUNCT") return -1;
    const k = wordClass(t.lower);
    if (k === "positive" || k === "negative" || k === "middling") return j;
    if (t.pos !== "ADV" && t.pos !== "ADJ" && t.pos !== "DET") seen++;
    seen++;
  }
  return -1;
}

const DEGREE = new Set(["fully", "clearly", "perfectly", "easily", "very", "completely", "entirely", "readily", "highly", "totally", "always"]);
const NOT = new Set(["not", "n't", "never"]);
const GOALS = new Set(["to", "into", "toward", "towards"]);

function findCues(toks: Tok[], clause: number[], extra: ReadonlyMap<number, Sign>): { cues: Cue[]; cueAt: number[]; weak: ClauseInfo["weak"] } {
  const cues: Cue[] = [];
  const cueAt = toks.map(() => -1);
  const weak: ClauseInfo["weak"] = { cues: [], cueAt: toks.map(() => -1) };
  const push = (c: Cue, into: { cues: Cue[]; cueAt: number[] } = { cues, cueAt }) => {
    for (let k = c.first; k <= c.last; k++) into.cueAt[k] = into.cues.length;
    into.cues.push(c);
  };
  const sameClause = (j: number, i: number) => j >= 0 && j < toks.length && clause[j] === clause[i];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.mention >= 0 || t.pos === "PUNCT") continue;
    const x = extra.get(i);
    if (x !== undefined && wordClass(t.lower) !== "negative") {
      push({ first: i, last: i, sign: x, words: [i] });
      continue;
    }
    const ph = phraseAt(toks, i);
    let len = 1;
    let base: Sign | "descriptor" | null;
    if (ph) {
      len = ph.len;
      base = ph.sign;
      if (ph.sign === 0 && (toks[i].lower === "as" || toks[i].lower === "a")) {
        i += len - 1; // "as well", "a touch": no judgment, and their words are not cues
        continue;
      }
      // "came through muffled", "stood out as the weakest": the judgment after the verb decides.
      if (YIELDING.has(t.lower) && judgedSoonAfter(toks, i + len - 1, clause)) {
        i += len - 1;
        continue;
      }
    } else {
      const k = wordClass(t.lower);
      base = k === "positive" ? 1 : k === "negative" ? -1 : k === "middling" ? 0 : k === "descriptor" ? "descriptor" : null;
      // "lack of precision", "no loss of clarity": the judging complement carries the judgment, negated by its head.
      if (base === -1 && NEGATORS.has(t.lower) && judgingComplement(toks, i, clause)) continue;
      // An intensifier before a judging word is that word's modifier ("clear error", "clearly off").
      if ((base === 1 || base === null) && INTENSIFIERS.has(t.lower) && headAfter(toks, i, clause) >= 0) continue;
      if (base === null) {
        const special = excessOf(toks, i, clause) ?? negatedPredicate(toks, i, clause) ?? stressPlacement(toks, i, clause) ??
          conformity(toks, i, clause) ?? modalComparative(toks, i, clause) ?? softenedAdjective(toks, i, clause);
        if (special) {
          push(special, special.stress !== undefined ? weak : undefined);
          i = special.last;
        }
        continue;
      }
    }
    const words: number[] = [];
    let negated = false, negatorSeen = false, passedObject = false, excess = false, partial = false, softened = false, minimised = false, degree = false, hypothetical = false;
    for (let j = i - 1, n = 0; sameClause(j, i) && n < 5; j--) {
      const m = toks[j];
      // "would have been better", "could have been clearer": what did not happen.
      // (An adverb may stand between: "could hardly have been clearer".)
      const after = toks[j + 1]?.pos === "ADV" && j + 1 < i ? toks[j + 2] : toks[j + 1];
      if (COUNTERFACTUAL.has(m.lower) && (after?.lower === "have" || after?.lower === "be")) {
        hypothetical = true;
        words.push(j);
        break;
      }
      // An object between a verb and its adverb is passed over ("did not pronounce 'X' correctly").
      if (m.mention >= 0 && toks[j - 1]?.pos === "VERB") {
        passedObject = true;
        continue;
      }
      if (m.mention >= 0 || (m.pos === "PUNCT" && m.text !== "-")) break;
      if (cueAt[j] >= 0) break;
      const w = m.lower;
      // "far from clear", "anything but fluent".
      if ((w === "from" && toks[j - 1]?.lower === "far") || (w === "but" && toks[j - 1]?.lower === "anything")) {
        negated = true;
        words.push(j - 1, j);
        break;
      }
      // Negators compose: "without any loss of clarity" denies a denial.
      if (NEGATORS.has(w) || w.endsWith("n't")) (negated = !negated, (negatorSeen = true), words.push(j));
      else if (EXCESS.has(w)) (excess = true, words.push(j));
      else if (PARTIAL.has(w)) (partial = true, words.push(j));
      else if (SOFTENERS.has(w)) (softened = true, words.push(j));
      else if (softened && MINIMISERS.has(w)) (minimised = true, words.push(j));
      else if (INTENSIFIERS.has(w)) (DEGREE.has(w) && (degree = true), words.push(j));
      else if (!LIGHT.has(w) && m.pos !== "ADV" && m.pos !== "DET" && m.pos !== "PART" && m.pos !== "AUX") {
        // A judging noun as the object of a negated verb: "didn't give any trouble", "never showed real hesitation".
        // Also a judging complement after an object: "would not call 'X' accurate".
        if (m.pos === "VERB" && (t.pos === "NOUN" || t.pos === "PROPN" || passedObject)) {
          const d = negatorBeforeVerb(toks, j, clause);
          if (d >= 0) (negated = !negated, (negatorSeen = true), words.push(d));
        }
        break;
      }
      n++;
    }
    // A determiner "no" before the noun phrase of a judging noun ("no pronunciation errors").
    if (!negatorSeen && (t.pos === "NOUN" || t.pos === "PROPN")) {
      const d = npNegator(toks, i, clause);
      if (d >= 0) (negated = true, words.push(d));
    }
    // A subject that denies ("none of its sounds were clear", "no word was mispronounced").
    if (!negatorSeen) {
      const d = subjectNegator(toks, i, clause);
      if (d >= 0) (negated = true, words.push(d));
    }
    const last = i + len - 1;
    const span = (): number[] => {
      const all = [...words];
      for (let k = i; k <= last; k++) all.push(k);
      return all.sort((a, b) => a - b);
    };
    if (base === "descriptor") {
      const feature = describesFeature(t.lower) ? t.lower : undefined;
      // A description of the item itself ("a long word", "a short sentence") says nothing of how it was read.
      if (!excess && !partial && !softened && !negated && ITEM_NOUNS.has(toks[last + 1]?.lower ?? "") && toks[last + 1].mention < 0) {
        i = last;
        continue;
      }
      // What could or should be more so was not enough ("could glide a little more", "should be held longer").
      if (modalBefore(toks, i, clause) && comparativeAfter(toks, last, clause) >= 0) {
        push({ first: i, last, sign: -1, words: [...span(), comparativeAfter(toks, last, clause)].sort((a, b) => a - b) });
        i = last;
        continue;
      }
      if (excess || partial || (softened && !minimised)) push({ first: i, last, sign: -1, words: span() });
      else if (minimised) push({ first: i, last, sign: 0, words: span() });
      // "not long enough": too little of it.
      else if (negated && enoughAfter(toks, i, clause)) push({ first: i, last, sign: -1, words: span() });
      // A denied feature: criticism unless the sound should not have it ("not reduced at all").
      else if (negated) push({ first: i, last, sign: feature ? -1 : 1, words: span(), feature, negatedFeature: !!feature });
      // What could or should happen is no description of what did ("could glide a little more").
      else if (feature && !modalBefore(toks, i, clause)) push({ first: i, last, sign: 1, words: span(), feature }, weak);
      i = last;
      continue;
    }
    let sign: Sign;
    if (hypothetical) sign = base === 1 ? -1 : base;
    else if (excess) sign = -1;
    else if (partial) sign = base === 1 ? 0 : -1;
    else if (minimised && base === -1) sign = 0;
    else if (base === 0 && degree && INTELLIGIBLE.has(t.lower)) sign = 1;
    else sign = base;
    // "clear enough", "good enough": sufficient, no more (middling).
    let end = last;
    if (sign === 1 && toks[last + 1]?.lower === "enough" && sameClause(last + 1, i)) (sign = 0, (end = last + 1));
    if (negated) sign = sign === 0 ? -1 : ((-sign) as Sign);
    if (end > last) {
      push({ first: i, last: end, sign, words: [...span(), end] });
      i = end;
      continue;
    }
    push({ first: i, last, sign, words: span() });
    i = last;
  }
  changeCues(toks, clause, { cues, cueAt }, push);
  return { cues, cueAt, weak };
}

const COUNTERFACTUAL = new Set(["would", "could", "should", "might"]);
const enoughAfter = (toks: Tok[], i: number, clause: number[]) => {
  for (let j = i + 1; j < toks.length && j <= i + 3 && clause[j] === clause[i]; j++) if (toks[j].lower === "enough") return true;
  return false;
};
const MODALS = new Set(["could", "should", "would", "might", "must", "can", "may", "ought", "needs", "need"]);
const modalBefore = (toks: Tok[], i: number, clause: number[]) => {
  for (let j = i - 1; j >= 0 && j >= i - 3 && clause[j] === clause[i]; j--) if (MODALS.has(toks[j].lower)) return true;
  return false;
};

/** Nouns for the item read or a part of it: a description of one ("a long word") is no judgment of the reading. */
const ITEM_NOUNS = new Set(["word", "words", "sentence", "sentences", "name", "names", "phrase", "question", "text", "utterance", "number", "numbers", "item", "list", "passage"]);
const COMPARATIVES = new Set(["more", "less", "further", "longer", "shorter", "rounder", "tenser", "stronger", "louder", "softer", "slower", "faster", "fuller", "wider", "narrower", "higher", "lower", "enough"]);

/** A comparative within three words after `i` in its clause ("a little more", "longer"), or -1. */
function comparativeAfter(toks: Tok[], i: number, clause: number[]): number {
  for (let j = i + 1; j < toks.length && j <= i + 4 && clause[j] === clause[i]; j++) {
    if (COMPARATIVES.has(toks[j].lower)) return j;
    if (toks[j].mention >= 0 || toks[j].pos === "PUNCT") return -1;
  }
  return -1;
}

/**
 * A clause of conformity: "as it should (be)", "as a question should", "as it must": what happened
 * is what should have. Praise of what it is said of.
 */
function conformity(toks: Tok[], i: number, clause: number[]): Cue | null {
  if (toks[i].lower !== "as") return null;
  for (let j = i + 1; j < toks.length && j <= i + 4 && clause[j] === clause[i]; j++) {
    const t = toks[j];
    if ((t.lower === "should" || t.lower === "must" || t.lower === "ought") && j > i + 1) {
      const last = toks[j + 1] && clause[j + 1] === clause[i] && (toks[j + 1].lower === "be" || toks[j + 1].lower === "do" || toks[j + 1].lower === "sound") ? j + 1 : j;
      return { first: i, last, sign: 1, words: Array.from({ length: last - i + 1 }, (_, k) => i + k) };
    }
    if (!(t.pos === "PRON" || t.pos === "DET" || t.pos === "NOUN" || t.pos === "ADJ" || t.mention >= 0)) return null;
  }
  return null;
}

/** A modal with a comparative after it ("could glide a little more", "should be held longer"): not enough of it. */
function modalComparative(toks: Tok[], i: number, clause: number[]): Cue | null {
  if (!MODALS.has(toks[i].lower) || toks[i].lower === "must" || toks[i].lower === "may" || toks[i].lower === "can") return null;
  for (let j = i + 1; j < toks.length && j <= i + 5 && clause[j] === clause[i]; j++) {
    if (toks[j].pos === "PUNCT") return null;
    // A judging word decides on its own ("could be clearer").
    if (wordClass(toks[j].lower) === "positive" || wordClass(toks[j].lower) === "negative") return null;
    if (COMPARATIVES.has(toks[j].lower) && toks[j].lower !== "enough") return { first: i, last: j, sign: -1, words: [i, j] };
  }
  return null;
}

const NOT_QUALITIES = new Set(["more", "less", "much", "other", "same", "few", "many", "several", "little", "bit", "different"]);

/** A softened adjective the lexicon does not know ("a bit narrow", "slightly nasal"): hedged description is criticism. */
function softenedAdjective(toks: Tok[], i: number, clause: number[]): Cue | null {
  const t = toks[i];
  if (t.pos !== "ADJ" || NOT_QUALITIES.has(t.lower)) return null;
  for (let j = i - 1; j >= 0 && j >= i - 2 && clause[j] === clause[i]; j--) {
    if (SOFTENERS.has(toks[j].lower) && toks[j].lower !== "pretty" && toks[j].lower !== "fairly" && toks[j].lower !== "reasonably" && toks[j].lower !== "relatively") {
      const from = toks[j - 1]?.lower === "a" && toks[j].lower === "bit" ? j - 1 : j;
      return { first: i, last: i, sign: -1, words: Array.from({ length: i - from + 1 }, (_, k) => from + k) };
    }
    if (!(toks[j].lower === "a" || toks[j].lower === "little")) return null;
  }
  return null;
}

/** "too far back", "overly much": an excess word before a describing word that judges nothing by itself. */
function excessOf(toks: Tok[], i: number, clause: number[]): Cue | null {
  if (!EXCESS.has(toks[i].lower)) return null;
  let j = i + 1;
  while (j < toks.length && clause[j] === clause[i] && toks[j].mention < 0 && (toks[j].pos === "ADJ" || toks[j].pos === "ADV") && wordClass(toks[j].lower) === null) j++;
  if (j === i + 1) return null;
  const words = Array.from({ length: j - i }, (_, k) => i + k);
  return { first: i, last: j - 1, sign: -1, words };
}

/**
 * A negated predicate whose words judge nothing ("did not rise", "was not always fully
 * articulated", "was not fully a diphthong"): what was expected did not happen. Not when a judging
 * word follows in the clause (it takes the negation), nor when nothing follows ("X is not").
 */
function negatedPredicate(toks: Tok[], i: number, clause: number[]): Cue | null {
  const t = toks[i];
  if (!NOT.has(t.lower) && !t.lower.endsWith("n't")) return null;
  const before = toks[i - 1];
  const next = toks[i + 1];
  // "its rhythm never settled": "never" needs no auxiliary.
  const adverbial = t.lower === "never" && next?.pos === "VERB";
  if (!adverbial && (!before || clause[i - 1] !== clause[i] || !(before.pos === "AUX" || before.pos === "VERB"))) return null;
  if (!next || clause[i + 1] !== clause[i] || next.mention >= 0 || next.pos === "PUNCT" || next.lower === "only" || next.lower === "just") return null;
  let head = -1;
  for (let j = i + 1; j < toks.length && clause[j] === clause[i] && toks[j].pos !== "PUNCT"; j++) {
    // An object is passed over: "did not pronounce 'X' correctly" is decided by "correctly".
    if (toks[j].mention >= 0) continue;
    if (wordClass(toks[j].lower) !== null || phraseAt(toks, j)) return null;
    if (head < 0 && (toks[j].pos === "VERB" || toks[j].pos === "NOUN" || toks[j].pos === "ADJ")) head = j;
  }
  return { first: i, last: i, sign: -1, words: head >= 0 ? [i, head] : [i] };
}

/** "stressed on the second syllable", "carried the stress on the last syllable", "first-syllable stress". */
function stressPlacement(toks: Tok[], i: number, clause: number[]): Cue | null {
  const w = toks[i].lower;
  if (w !== "stress" && w !== "stressed") return null;
  const compound = toks[i - 1] && clause[i - 1] === clause[i] ? syllableOrdinal(toks[i - 1].lower) : 0;
  if (compound && toks[i - 1].lower.endsWith("-syllable")) return { first: i, last: i, sign: 1, words: [i - 1, i], stress: compound };
  for (let j = i + 1; j < toks.length && j <= i + 6 && clause[j] === clause[i]; j++) {
    if (toks[j].lower === "syllable") {
      const ord = syllableOrdinal(toks[j - 1].lower);
      return ord ? { first: i, last: i, sign: 1, words: [i, j - 1, j], stress: ord } : null;
    }
    if (toks[j].mention >= 0) return null;
  }
  return null;
}

/** "lack of precision": a judging word in the "of" complement of the word at `i`. */
function judgingComplement(toks: Tok[], i: number, clause: number[]): boolean {
  if (toks[i + 1]?.lower !== "of") return false;
  for (let j = i + 2; j < toks.length && j <= i + 4 && clause[j] === clause[i]; j++) {
    const k = wordClass(toks[j].lower);
    if (k === "positive" || k === "negative") return true;
    if (!(toks[j].pos === "DET" || toks[j].pos === "ADJ" || toks[j].lower === "any")) return false;
  }
  return false;
}

/** The negator of the verb at `v` ("did not give", "never showed", "didn't cause"), or -1. */
function negatorBeforeVerb(toks: Tok[], v: number, clause: number[]): number {
  for (let j = v - 1; j >= 0 && j >= v - 3 && clause[j] === clause[v]; j--) {
    const w = toks[j].lower;
    if (NOT.has(w) || w.endsWith("n't")) return j;
    if (!(toks[j].pos === "AUX" || toks[j].pos === "ADV" || toks[j].pos === "PART")) return -1;
  }
  return -1;
}

/** The "no" that opens the noun phrase of the noun at `i` ("no pronunciation errors", "without any real pauses"). */
function npNegator(toks: Tok[], i: number, clause: number[]): number {
  for (let j = i - 1, n = 0; j >= 0 && clause[j] === clause[i] && n < 6; j--, n++) {
    const m = toks[j];
    if (m.mention >= 0) return -1;
    if (m.lower === "no" || m.lower === "without" || m.lower === "zero") return j;
    // "no trace of an accent", "without a hint of hesitation".
    if (!(m.pos === "NOUN" || m.pos === "ADJ" || m.pos === "PROPN" || m.pos === "DET" || m.lower === "any" || m.lower === "of")) return -1;
  }
  return -1;
}

/** A denying subject before the verb of the cue's clause: "none (of …)", "no <noun>", "nothing", "neither". */
function subjectNegator(toks: Tok[], i: number, clause: number[]): number {
  let verb = false;
  for (let j = i - 1; j >= 0 && clause[j] === clause[i]; j--) {
    const m = toks[j];
    if (m.pos === "AUX" || m.pos === "VERB") verb = true;
    else if (verb && m.mention < 0 && (m.lower === "none" || m.lower === "nothing" || m.lower === "neither" || m.lower === "nobody" || (m.lower === "no" && m.pos === "DET") || (m.lower === "not" && /^(a|one|any|a single)$/.test(toks[j + 1]?.lower ?? "")))) return j;
    // A mention inside the subject ("nothing about 'X' was wrong") does not end it; one before the verb does.
    if (m.mention >= 0 && verb && toks[j - 1]?.pos !== "ADP") return -1;
  }
  return -1;
}

/** A verb of change with its goal ("reduced to almost nothing", "shifted towards"): criticism where the clause has no other cue. */
function changeCues(toks: Tok[], clause: number[], strong: { cues: Cue[]; cueAt: number[] }, push: (c: Cue) => void): void {
  const judged = new Set(strong.cues.map((c) => clause[c.first]));
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.pos !== "VERB" || t.mention >= 0 || judged.has(clause[i]) || !CHANGE_VERB.test(t.lower) || !/(ed|en)$/.test(t.lower)) continue;
    for (let j = i + 1; j <= i + 3 && j < toks.length && clause[j] === clause[i]; j++) {
      if (GOALS.has(toks[j].lower)) {
        push({ first: i, last: i, sign: -1, words: [i, j] });
        judged.add(clause[i]);
        break;
      }
      if (toks[j].pos !== "ADV") break;
    }
  }
}
