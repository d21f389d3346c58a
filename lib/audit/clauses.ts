/**
 * Clauses of a parsed rationale and the judgments (cues) in them. A clause ends at ; : dashes and
 * brackets, before a contrast word ("but", "though", "however"), before a relative pronoun or a
 * consequence after a comma (", which", ", so"), and at a sentence end. A cue is a judging word
 * with the words that modify it, composed: an intensifier carries no sign of its own when it
 * modifies a judging word ("clearly mispronounced", "a clear error"); a negator flips
 * ("not a proper diphthong", "no unnatural pauses"); an excess word makes criticism ("too short");
 * a partial word makes praise middling and description criticism ("only partly accurate",
 * "only partly voiced"); a softener keeps the sign and turns a description into criticism
 * ("a bit short"); a descriptive word alone judges nothing ("its short /ʊ/").
 */
import type { Polarity } from "../rubric/labels";
import { CONTRAST, EXCESS, INTENSIFIERS, NEGATORS, PARTIAL, PHRASES, SOFTENERS, wordClass, type Sign } from "./lexicon";
import type { Tok } from "./nlp/parse-rationale";

export interface Cue {
  first: number;
  last: number;
  sign: Sign;
  /** The token indices that decided the sign (modifiers and the judging word). */
  words: number[];
}

export interface ClauseInfo {
  /** Clause id per token. */
  clause: number[];
  /** First token of each clause and the marker that opened it ("but", "which", ";" …, "" at a sentence start). */
  starts: { first: number; marker: string; sentence: number }[];
  cues: Cue[];
  /** Cue index per token (for every token of a cue), -1 elsewhere. */
  cueAt: number[];
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
  toks.forEach((t, i) => {
    const prev = toks[i - 1];
    if (!prev || prev.sentence !== t.sentence) (pendingBreak = true, (marker = ""));
    if (t.mention < 0 && CONTRAST_SPLIT.has(t.lower) && (t.pos === "CCONJ" || t.pos === "SCONJ" || t.pos === "ADV")) (pendingBreak = true, (marker = t.lower));
    if (t.mention < 0 && prev?.text === "," && AFTER_COMMA.has(t.lower)) (pendingBreak = true, (marker = t.lower));
    if (pendingBreak) {
      c++;
      starts.push({ first: i, marker, sentence: t.sentence });
      pendingBreak = false;
    }
    clause.push(c);
    if (BREAK_PUNCT.has(t.text)) (pendingBreak = true, (marker = t.text));
  });
  const { cues, cueAt } = findCues(toks, clause, extra);
  return { clause, starts, cues, cueAt };
}

function phraseAt(toks: Tok[], i: number): { len: number; sign: Sign } | null {
  for (const [words, sign] of PHRASES) {
    if (words.every((w, k) => toks[i + k]?.lower === w && toks[i + k].mention < 0 && toks[i + k].sentence === toks[i].sentence)) return { len: words.length, sign };
  }
  return null;
}

/** The next judging word within two content words after `i` (the head an intensifier would modify). */
function headAfter(toks: Tok[], i: number, clause: number[]): number {
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

function findCues(toks: Tok[], clause: number[], extra: ReadonlyMap<number, Sign>): { cues: Cue[]; cueAt: number[] } {
  const cues: Cue[] = [];
  const cueAt = toks.map(() => -1);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.mention >= 0 || t.pos === "PUNCT") continue;
    const x = extra.get(i);
    if (x !== undefined && wordClass(t.lower) !== "negative") {
      cueAt[i] = cues.length;
      cues.push({ first: i, last: i, sign: x, words: [i] });
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
    } else {
      const k = wordClass(t.lower);
      base = k === "positive" ? 1 : k === "negative" ? -1 : k === "middling" ? 0 : k === "descriptor" ? "descriptor" : null;
      // An intensifier before a judging word is that word's modifier ("clear error", "clearly off").
      if ((base === 1 || base === null) && INTENSIFIERS.has(t.lower) && headAfter(toks, i, clause) >= 0) continue;
      if (base === null) continue;
    }
    const words: number[] = [];
    let negated = false, excess = false, partial = false, softened = false;
    for (let j = i - 1, n = 0; j >= 0 && clause[j] === clause[i] && n < 4; j--) {
      const m = toks[j];
      // An object between a verb and its adverb is passed over ("did not pronounce 'X' correctly").
      if (m.mention >= 0 && toks[j - 1]?.pos === "VERB") continue;
      if (m.mention >= 0 || (m.pos === "PUNCT" && m.text !== "-")) break;
      if (cueAt[j] >= 0) break;
      const w = m.lower;
      if (NEGATORS.has(w) || w.endsWith("n't")) (negated = true, words.push(j));
      else if (EXCESS.has(w)) (excess = true, words.push(j));
      else if (PARTIAL.has(w)) (partial = true, words.push(j));
      else if (SOFTENERS.has(w)) (softened = true, words.push(j));
      else if (INTENSIFIERS.has(w)) words.push(j);
      else if (!LIGHT.has(w) && m.pos !== "ADV" && m.pos !== "DET" && m.pos !== "PART" && m.pos !== "AUX") break;
      n++;
    }
    let sign: Sign | null;
    // A negated description denies a fault ("not reduced at all").
    if (base === "descriptor") sign = excess || softened || partial ? -1 : negated ? 1 : null;
    else if (excess) sign = -1;
    else if (partial) sign = base === 1 ? 0 : -1;
    else sign = base;
    if (sign !== null && negated && base !== "descriptor") sign = sign === 0 ? -1 : ((-sign) as Sign);
    if (sign === null) continue;
    const last = i + len - 1;
    for (let k = i; k <= last; k++) words.push(k);
    words.sort((a, b) => a - b);
    for (let k = i; k <= last; k++) cueAt[k] = cues.length;
    cues.push({ first: i, last, sign, words });
    i = last;
  }
  return { cues, cueAt };
}
