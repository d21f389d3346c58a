/**
 * The polarity of each mention, from the phrase that predicates about it (lib/audit/clauses.ts
 * finds clauses and composes cues). In order of strength:
 * 1. its own phrase: a judging modifier in its noun phrase or of the verb whose object it is ("a
 *    clear error in X", "good control of /r/", "kept its /ð/"); else the first judgment after it in
 *    its clause ("X was clearly mispronounced"); else one before it ("the weak spot was X"); a
 *    relative clause on it (", which was clear"); an elliptic "X is not" (the verdict before,
 *    negated); inside an exception ("all clear except X") its own judgment there, else the
 *    clause's verdict reversed; a subjectless adjunct (", with the correct stress") completes a
 *    clause that judges nothing, and a mention inside such an adjunct takes its main clause's
 *    verdict. A purely positional mention ("the /w/ after the /k/", "between 'IS' and 'LONG'") and
 *    a word that only frames a phone ("in 'SQUID', the /w/ …") have no phrase of their own. What
 *    "rather than" / "instead of" introduces is the alternative: its words judge nothing outside it.
 *    Where no judging word decides, a phonetic description does ("a voiced /z/", "stress on the
 *    second syllable"), checked against the canonical sound (lib/audit/phonetic-description.ts);
 * 2. a pronoun or "that word" / "the word" that refers back to the last mention; in a concession
 *    ("…, though the word remained recognisable", "but it still sounds natural") it has the last
 *    word over the mention's own phrase; "the rest of that word was fine" leaves the word mixed;
 * 3. what is said of its phones or parts (criticism of a phone is criticism of its word);
 * 4. advice ("work on …", "check …") criticises what it names;
 * and otherwise neutral. The same target keeps one polarity in one rationale: the strongest.
 */
import { ADVICE, CONTRAST, EXCEPTIONS, POSITIONAL, RELATIONAL_NOUNS, type Sign } from "./lexicon";
import { signPolarity, type ClauseInfo, type Cue } from "./clauses";
import { featureSignAny, isVowelSymbol, stressSign } from "./phonetic-description";
import type { Tok } from "./nlp/parse-rationale";
import type { Polarity } from "../rubric/labels";

export interface Judgeable {
  token: number;
  type: "word" | "phone" | "aspect";
  /** Target key for "one polarity per target" (word:3, phone:17), or null. */
  target: string | null;
  /** For phones: the target key of the word it belongs to. */
  wordTarget: string | null;
  /** An aspect word that judges by itself ("fluent", "accurately"). */
  selfJudging?: boolean;
  /** Canonical ARPAbet symbols (with stress digits) of the sound or word, when known: descriptions are checked against them. */
  symbols?: readonly string[];
}

export interface Judgment {
  polarity: Polarity;
  /** The words that decided it, in text order; empty when nothing did. */
  words: number[];
  /** How it was decided: own, exception, coreference, parts, advice or none. */
  how: "own" | "exception" | "coreference" | "parts" | "advice" | "none";
  /** A concession about the same target ("…, though the word remained recognisable") overrides its own phrase. */
  concession?: boolean;
}

const STRENGTH: Record<Judgment["how"], number> = { own: 4, exception: 4, coreference: 3, parts: 2, advice: 1, none: 0 };
const strength = (j: Judgment) => (j.concession ? 5 : STRENGTH[j.how]);
const NP_WORDS = new Set(["in", "of", "on", "for", "with", "at", "its", "their", "your", "the", "a", "an", "this", "that"]);
const FRAME = new Set(["in", "of", "for", "within"]);
const COREF_HEADS = new Set(["word", "name", "one", "latter", "number", "article"]);
const PART_HEADS = new Set(["vowel", "consonant", "ending", "onset", "diphthong", "cluster"]);
const COREF_DET = new Set(["that", "this", "the"]);
const CONCESSIVE = new Set([...CONTRAST, "even"]);
const STILL = new Set(["still", "nonetheless", "nevertheless", "anyway", "remained", "stayed", "remains", "stays"]);
const VOWEL_NOUNS = new Set(["vowel", "vowels", "diphthong", "nucleus"]);
const ADJUNCTS = new Set(["with", "including"]);

/** The cues a search may use: the judging ones, or (where none decides) the descriptive ones. */
interface View {
  info: ClauseInfo;
  cues: Cue[];
  cueAt: number[];
  /** Tokens inside a "rather than …" / "instead of …" alternative. */
  alt: boolean[];
}

function exceptionStart(toks: Tok[], at: number): number {
  for (let j = at - 1; j >= 0 && toks[j].sentence === toks[at].sentence; j--) {
    if (toks[j].text === ";" || toks[j].text === ":") return -1;
    for (const e of EXCEPTIONS) {
      const s = j - e.length + 1;
      if (s >= 0 && e.every((w, k) => toks[s + k].lower === w)) return s;
    }
  }
  return -1;
}

/** A judging word that governs the mention from the left: its noun phrase or its verb. */
function modifierBefore(toks: Tok[], v: View, at: number): Cue | null {
  for (let j = at - 1, n = 0; j >= 0 && v.info.clause[j] === v.info.clause[at] && n < 6; j--, n++) {
    const t = toks[j];
    if (v.cueAt[j] >= 0) return v.cues[v.cueAt[j]];
    if (t.mention >= 0 || t.text === "," || t.pos === "AUX" || t.pos === "CCONJ" || t.pos === "SCONJ") return null;
    if (t.pos === "VERB" || POSITIONAL.has(t.lower)) return null;
    if (t.pos === "ADP" && !NP_WORDS.has(t.lower)) return null;
  }
  return null;
}

/** "the /w/ after the /k/", "between 'IS' and 'LONG'": a place, not a judgment. */
function positional(toks: Tok[], at: number): boolean {
  for (let j = at - 1; j >= 0 && j >= at - 3; j--) {
    const w = toks[j].lower;
    if (w === "between" && RELATIONAL_NOUNS.has(toks[j - 1]?.lower ?? "")) return false;
    if (POSITIONAL.has(w) || (w === "to" && toks[j - 1]?.lower === "next")) return true;
    // The second of two coordinated places ("between X and Y").
    if ((w === "and" || w === "or") && j === at - 1 && toks[j - 1]?.mention >= 0) return positional(toks, j - 1);
    if (!NP_WORDS.has(w) && toks[j].pos !== "ADJ" && toks[j].pos !== "DET") return false;
  }
  return false;
}

/** The word only frames what the clause says of something else ("In 'SQUID', the /w/ …", "the vowel in 'SHEEP'"). */
function frames(toks: Tok[], at: number): boolean {
  const p = toks[at - 1];
  return !!p && FRAME.has(p.lower);
}

function firstCueAfter(toks: Tok[], v: View, at: number, stopAtMention: boolean): Cue | null {
  let verb = false;
  for (let j = at + 1; j < toks.length && v.info.clause[j] === v.info.clause[at]; j++) {
    if (v.alt[j] && !v.alt[at]) return null;
    if (v.cueAt[j] >= 0) return coordinated(toks, v, v.cues[v.cueAt[j]]);
    if (toks[j].pos === "VERB" || toks[j].pos === "AUX") verb = true;
    // Another subject after this one's verb starts another statement ("X was pronounced and Y …").
    if (stopAtMention && verb && toks[j].mention >= 0 && toks[j - 1]?.pos === "CCONJ") return null;
  }
  return null;
}

/** "recognisable and mostly correct": a middling judgment joined by "and" to a signed one takes the sign. */
function coordinated(toks: Tok[], v: View, c: Cue): Cue {
  if (c.sign !== 0) return c;
  const j = c.last + 1;
  if (toks[j]?.lower !== "and") return c;
  for (let k = j + 1; k < toks.length && k <= j + 3 && v.info.clause[k] === v.info.clause[c.first]; k++) {
    if (toks[k].mention >= 0) break;
    if (v.cueAt[k] >= 0) {
      const d = v.cues[v.cueAt[k]];
      return d.sign !== 0 ? { ...d, words: [...c.words, ...d.words] } : c;
    }
  }
  return c;
}

function lastCueBefore(toks: Tok[], v: View, at: number): Cue | null {
  for (let j = at - 1; j >= 0 && v.info.clause[j] === v.info.clause[at]; j--) if (v.cueAt[j] >= 0 && (!v.alt[j] || v.alt[at])) return v.cues[v.cueAt[j]];
  return null;
}

/** The judgment of a clause as a whole (its first cue outside an alternative), for reversal and ellipsis. */
function clauseVerdict(v: View, clause: number, toks: Tok[], before?: number): Cue | null {
  for (let j = v.info.starts[clause]?.first ?? toks.length; j < toks.length && v.info.clause[j] === clause; j++) {
    if (before !== undefined && j >= before) break;
    if (v.cueAt[j] >= 0 && !v.alt[j]) return v.cues[v.cueAt[j]];
  }
  return null;
}

/**
 * A relative clause right after the mention's noun phrase (", which was clear"; "the final /s/ in
 * 'LIKES', which was not audible") that has no subject of its own.
 */
function relativeOn(toks: Tok[], v: View, at: number): Cue | null {
  // The noun phrase may go on with a place in a word: "the /ɡ/ at the start of 'GETTING', which …".
  let end = at;
  for (let j = at + 1; j < toks.length && j <= at + 6; j++) {
    const t = toks[j];
    if (t.mention >= 0) {
      end = j;
      break;
    }
    if (!(t.pos === "ADP" || t.pos === "DET" || t.pos === "NOUN" || t.pos === "ADJ")) break;
  }
  const next = end + 1 < toks.length && toks[end + 1].text === "," ? end + 2 : -1;
  if (next < 0 || !toks[next] || !["which", "who", "where"].includes(toks[next].lower)) return null;
  const after = toks[next + 1];
  // "X, where it sounded clipped": a clause about X with X as its subject again.
  const resumed = toks[next].lower === "where" && after?.lower === "it" && (toks[next + 2]?.pos === "AUX" || toks[next + 2]?.pos === "VERB");
  if (!after || !(resumed || (toks[next].lower !== "where" && (after.pos === "AUX" || after.pos === "VERB" || after.pos === "ADV")))) return null;
  return clauseVerdict(v, v.info.clause[next], toks);
}

/** "X is not" / "X wasn't" closing a clause: the verdict before it, negated. */
function ellipticNegation(toks: Tok[], v: View, at: number): { cue: Cue; neg: number } | null {
  const a = toks[at + 1], b = toks[at + 2], c = toks[at + 3];
  const neg = a?.pos === "AUX" && (b?.lower === "not" || b?.lower === "n't");
  if (!neg || (c && v.info.clause[at + 3] === v.info.clause[at] && c.pos !== "PUNCT")) return null;
  const prevClause = v.info.clause[at] - 1;
  if (prevClause < 0 || v.info.starts[prevClause].sentence !== toks[at].sentence) return null;
  const cue = clauseVerdict(v, prevClause, toks);
  return cue ? { cue, neg: at + 2 } : null;
}

/** A subjectless adjunct clause (", with …", ", including …") right after the mention's clause. */
function adjunctAfter(toks: Tok[], v: View, clause: number): number {
  const next = clause + 1;
  const s = v.info.starts[next];
  if (!s || s.sentence !== v.info.starts[clause].sentence || !ADJUNCTS.has(s.marker)) return -1;
  return next;
}

interface Found {
  cue: Cue;
  how: Judgment["how"];
  flip?: boolean;
  extra?: number[];
}

function ownCue(toks: Tok[], v: View, m: Judgeable): Found | null {
  const at = m.token;
  const clause = v.info.clause[at];
  if (m.selfJudging && v.cueAt[at] >= 0) return { cue: v.cues[v.cueAt[at]], how: "own" };
  const ex = exceptionStart(toks, at);
  if (ex >= 0) {
    const inside = modifierBefore(toks, v, at) ?? firstCueAfter(toks, v, at, true);
    if (inside && inside.first > ex && v.info.clause[inside.first] === v.info.clause[ex] && (inside.first < at || !commaBetween(toks, at, inside.first))) return { cue: inside, how: "exception" };
    const rel = relativeOn(toks, v, at);
    if (rel) return { cue: rel, how: "exception" };
    // The verdict the exception is taken from: the rest of its sentence.
    const verdict = sentenceVerdictOutside(toks, v, ex, at);
    if (verdict) return { cue: verdict, how: "exception", flip: true };
  }
  // A descriptive word before the mention describes it only where nothing is predicated of it
  // ("had an unrounded [ʌ]"; not "its diphthong /oʊ/ could glide more").
  const np = modifierBefore(toks, v, at);
  if (np && (!np.feature || !predicateFollows(toks, v, at))) return { cue: np, how: "own" };
  if (positional(toks, at)) return null;
  // A framing word's relative clause is said of the head it frames ("the /s/ in 'LIKES', which …").
  if (m.type === "word" && frames(toks, at)) return null;
  const rel = relativeOn(toks, v, at);
  if (rel) return { cue: rel, how: "own" };
  const after = firstCueAfter(toks, v, at, true);
  if (after) return { cue: after, how: "own" };
  // The predicate after an embedded relative clause ("The /ŋ/, which many learners drop, was there").
  const resumed = v.info.starts.findIndex((s) => s.resumes === clause);
  const main = resumed >= 0 ? clauseVerdict(v, resumed, toks) : null;
  if (main) return { cue: main, how: "own" };
  const ell = ellipticNegation(toks, v, at);
  if (ell) return { cue: ell.cue, how: "own", flip: true, extra: [ell.neg] };
  const before = lastCueBefore(toks, v, at);
  if (before && (!before.feature || !predicateFollows(toks, v, at))) return { cue: before, how: "own" };
  // A clause that judges nothing, completed by its adjunct (", with the correct stress").
  const adj = adjunctAfter(toks, v, clause);
  if (adj >= 0 && !clauseVerdict(v, clause, toks)) {
    const c = clauseVerdict(v, adj, toks);
    if (c && !mentionBetween(toks, v.info.starts[adj].first, c.first)) return { cue: c, how: "own" };
  }
  // A list after a label and a colon ("Needs work: 'X', 'Y'", "Two words were mispronounced: 'X' and 'Y'").
  const start = v.info.starts[clause];
  if (start.marker === ":" && clause > 0 && v.info.starts[clause - 1].sentence === start.sentence && !clauseVerdict(v, clause, toks)) {
    let label: Cue | null = null;
    for (let j = start.first - 1; j >= 0 && v.info.clause[j] === clause - 1; j--) if (v.cueAt[j] >= 0 && !v.alt[j]) (label = v.cues[v.cueAt[j]]), (j = -1);
    if (label) return { cue: label, how: "own" };
  }
  // Inside such an adjunct, with nothing of its own: the main clause's verdict on its subject.
  if (ADJUNCTS.has(v.info.starts[clause].marker) && clause > 0) {
    const c = clauseVerdict(v, clause - 1, toks);
    if (c) return { cue: c, how: "own" };
  }
  return null;
}

const predicateFollows = (toks: Tok[], v: View, at: number) => {
  const n = toks[at + 1];
  return !!n && v.info.clause[at + 1] === v.info.clause[at] && (n.pos === "AUX" || n.pos === "VERB");
};

const mentionBetween = (toks: Tok[], a: number, b: number) => toks.slice(a, b).some((t) => t.mention >= 0);

/** A comma between the mention and the cue, i.e. the cue belongs to the main clause after an exception phrase. */
function commaBetween(toks: Tok[], at: number, cue: number): boolean {
  for (let j = at + 1; j < cue; j++) if (toks[j].text === ",") return true;
  return false;
}

function sentenceVerdictOutside(toks: Tok[], v: View, ex: number, at: number): Cue | null {
  let best: Cue | null = null;
  let bestDist = Infinity;
  for (const c of v.cues) {
    if (toks[c.first].sentence !== toks[at].sentence || v.alt[c.first]) continue;
    const inExceptionPhrase = c.first > ex && !commaBetween(toks, at, c.first) && c.first > at;
    if (c.first >= ex && c.first <= at) continue;
    if (inExceptionPhrase) continue;
    const d = Math.abs(c.first - at);
    if (d < bestDist) (best = c, (bestDist = d));
  }
  return best;
}

/** Tokens of "rather than …" / "instead of …" up to the end of the clause. */
function alternatives(toks: Tok[], info: ClauseInfo): boolean[] {
  const alt = toks.map(() => false);
  for (let i = 0; i + 1 < toks.length; i++) {
    const a = toks[i].lower, b = toks[i + 1].lower;
    if (!((a === "rather" && b === "than") || (a === "instead" && b === "of"))) continue;
    for (let j = i; j < toks.length && info.clause[j] === info.clause[i] && toks[j].text !== ","; j++) alt[j] = true;
  }
  return alt;
}

/**
 * The sign a cue gives one mention. A descriptive cue is checked against the described sound: a
 * phone mention's own, the phone named right after the description ("had a voiced /z/"), the
 * word's vowels for "vowel", else the word's phones. Null when the description cannot be checked.
 */
function signFor(c: Cue, m: Judgeable, toks: Tok[], byToken: Map<number, Judgeable>): Sign | null {
  if (c.stress !== undefined) return m.type === "word" && m.symbols ? stressSign(m.symbols, c.stress) : null;
  if (!c.feature) return c.sign;
  if (m.type === "aspect" || !m.symbols) return c.negatedFeature ? c.sign : null;
  let symbols = m.symbols;
  if (m.type === "word") {
    let j = c.last + 1;
    while (toks[j] && toks[j].mention < 0 && (toks[j].pos === "ADJ" || toks[j].pos === "ADV" || toks[j].text === "," || toks[j].lower === "and")) j++;
    const named = toks[j]?.mention >= 0 ? byToken.get(j) : undefined;
    if (named?.type === "phone" && named.symbols) symbols = named.symbols;
    else if (toks[j] && VOWEL_NOUNS.has(toks[j].lower)) symbols = m.symbols.filter(isVowelSymbol);
  }
  const s = featureSignAny(c.feature, symbols);
  if (s === null) return c.negatedFeature ? c.sign : null;
  return c.negatedFeature ? ((-s) as Sign) : s;
}

function judgmentOf(f: Found, m: Judgeable, toks: Tok[], byToken: Map<number, Judgeable>): Judgment | null {
  const s = signFor(f.cue, m, toks, byToken);
  if (s === null) return null;
  const words = f.extra ? [...f.cue.words, ...f.extra].sort((a, b) => a - b) : f.cue.words;
  return { polarity: signPolarity((f.flip ? -s : s) as Sign), words, how: f.how };
}

/**
 * Pronoun or "that word" subjects, with the clause judgment they carry: antecedent key → judgment.
 * "it" refers to the last mention; "the word" / "that word" / "the name" to the last word; "the
 * vowel" / "the ending" (a part with no symbol) to a part of the last word named in its sentence.
 */
function coreferences(toks: Tok[], v: View, mentions: Judgeable[], keyOf: (m: Judgeable) => string): Map<string, Judgment> {
  const out = new Map<string, Judgment>();
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    let head = -1;
    if (t.lower === "it" && t.pos === "PRON") head = i;
    else if (COREF_DET.has(t.lower) && toks[i + 1]?.mention < 0 && (COREF_HEADS.has(toks[i + 1].lower) || PART_HEADS.has(toks[i + 1].lower))) head = i + 1;
    if (head < 0) continue;
    // Subject position: a verb follows within a few words ("that word itself was", "the word as a whole was").
    let verb = head + 1;
    while (verb < toks.length && verb <= head + 4 && !(toks[verb].pos === "AUX" || toks[verb].pos === "VERB") && toks[verb].mention < 0 && toks[verb].text !== ",") verb++;
    if (!(toks[verb] && (toks[verb].pos === "AUX" || toks[verb].pos === "VERB"))) continue;
    const part = head !== i && PART_HEADS.has(toks[head].lower);
    // "the rest of that word": said of the other parts, so the word as a whole is mixed.
    const rest = toks[i - 1]?.lower === "of" && (toks[i - 2]?.lower === "rest" || toks[i - 2]?.lower === "remainder");
    const antecedent = antecedentOf(toks, mentions, i, head === i ? "it" : part ? "part" : "word");
    if (!antecedent || (part && antecedent.type !== "word")) continue;
    const c = firstCueAfter(toks, v, head, true);
    if (!c || c.feature || c.stress !== undefined) continue;
    const clause = v.info.clause[i];
    const concession = !rest && !part && (CONCESSIVE.has(v.info.starts[clause].marker) || toks.slice(v.info.starts[clause].first, c.first).some((x) => STILL.has(x.lower)));
    const polarity = rest ? (c.sign > 0 ? "neutral" : signPolarity(c.sign)) : signPolarity(c.sign);
    const key = keyOf(antecedent);
    const j: Judgment = { polarity, words: c.words, how: part ? "parts" : "coreference", concession };
    const prev = out.get(key);
    if (!prev || strength(j) >= strength(prev)) out.set(key, j);
  }
  // A concession with no subject of its own ("X was a bit weak, but recognisable"): said of the
  // subject of the clause before it, the last mention named there.
  for (let c = 1; c < v.info.starts.length; c++) {
    const s = v.info.starts[c];
    if (!CONCESSIVE.has(s.marker) || v.info.starts[c - 1].sentence !== s.sentence) continue;
    let j = s.first + 1;
    while (toks[j] && v.info.clause[j] === c && (toks[j].pos === "ADV" || toks[j].text === ",") && v.cueAt[j] < 0) j++;
    if (!toks[j] || v.info.clause[j] !== c || v.cueAt[j] < 0 || toks[j].pos !== "ADJ") continue;
    const cue = v.cues[v.cueAt[j]];
    if (cue.sign < 0 || cue.feature) continue;
    const subject = mentions.filter((m) => v.info.clause[m.token] === c - 1 && m.type === "word").shift();
    if (!subject) continue;
    const key = keyOf(subject);
    const jd: Judgment = { polarity: signPolarity(cue.sign), words: cue.words, how: "coreference", concession: true };
    const prev = out.get(key);
    if (!prev || strength(jd) >= strength(prev)) out.set(key, jd);
  }
  return out;
}

const KEEP_OBJECT = new Set(["that", "this", "these", "those", "your", "it", "up"]);

/** "Keep <object>." with nothing said of how it should become: keep doing it. */
function keepsAsIs(toks: Tok[], first: number): boolean {
  const sentence = toks[first].sentence;
  for (let j = first + 1; j < toks.length && toks[j].sentence === sentence; j++) {
    const t = toks[j];
    if (t.pos === "PUNCT" || t.mention >= 0 || t.pos === "DET" || KEEP_OBJECT.has(t.lower) || t.pos === "NOUN" || t.pos === "PROPN" || t.pos === "PRON" || (t.pos === "ADJ" && j + 1 < toks.length && (toks[j + 1].pos === "NOUN" || toks[j + 1].mention >= 0))) continue;
    return false;
  }
  return true;
}

/** The key of the word mention that frames a phone ("/s/ in 'LIKES'", "the /ɡ/ at the start of 'GETTING'"), or null. */
function framingWord(toks: Tok[], at: number, byToken: Map<number, Judgeable>): string | null {
  for (let j = at + 1; j < toks.length && j <= at + 6; j++) {
    const t = toks[j];
    if (t.mention >= 0) {
      const w = byToken.get(j);
      return w && w.type === "word" && FRAME.has(toks[j - 1].lower) ? (w.target ?? `token:${w.token}`) : null;
    }
    if (!(t.pos === "ADP" || t.pos === "DET" || t.pos === "NOUN" || t.pos === "ADJ")) return null;
  }
  return null;
}

/**
 * What "it" (the last mention in its sentence that is not a mere place: a word before an aspect
 * before a phone; else the last word named before), "the word" (the last word) or "the vowel"
 * (a part of the last word named in the sentence) refers to.
 */
function antecedentOf(toks: Tok[], mentions: Judgeable[], at: number, kind: "it" | "word" | "part"): Judgeable | undefined {
  // A mere place ("after the /k/") is no antecedent of "it"; "that word" may name one.
  const before = mentions.filter((m) => m.token < at && (kind !== "it" || !positional(toks, m.token)));
  const words = before.filter((m) => m.type === "word");
  const sameSentence = (m: Judgeable) => toks[m.token].sentence === toks[at].sentence;
  if (kind === "part") return words.filter(sameSentence).pop();
  if (kind === "word") return words.pop();
  const here = before.filter(sameSentence);
  return here.filter((m) => m.type === "word").pop() ?? here.filter((m) => m.type === "aspect").pop() ?? here.pop() ?? words.pop();
}

export function judgeMentions(toks: Tok[], info: ClauseInfo, mentions: Judgeable[]): Judgment[] {
  const alt = alternatives(toks, info);
  const strong: View = { info, cues: info.cues, cueAt: info.cueAt, alt };
  const weak: View = { info, cues: info.weak.cues, cueAt: info.weak.cueAt, alt };
  const byToken = new Map(mentions.map((m) => [m.token, m]));
  const own = mentions.map((m) => {
    for (const v of [strong, weak]) {
      const f = ownCue(toks, v, m);
      const j = f && judgmentOf(f, m, toks, byToken);
      if (j) return j;
    }
    return null;
  });
  // Antecedents of "it" / "that word": the mentions named before (words, phones and aspects).
  const keyOf = (m: Judgeable) => m.target ?? `token:${m.token}`;
  const coref = coreferences(toks, strong, mentions, keyOf);
  // Parts: a word takes its phones' judgment (negative first). A phone belongs to the word it was
  // tied to, or (when that word is not the utterance's) to the word that frames it ("/s/ in 'LIKES'").
  const parts = new Map<string, Judgment>();
  mentions.forEach((m, k) => {
    const word = m.type !== "phone" ? null : m.wordTarget ?? framingWord(toks, m.token, byToken);
    if (word && own[k]) {
      const prev = parts.get(word);
      if (!prev || (prev.polarity !== "negative" && own[k]!.polarity === "negative")) parts.set(word, { ...own[k]!, how: "parts" });
    }
  });
  const advice = (m: Judgeable): Judgment | null => {
    const first = toks.findIndex((t) => t.sentence === toks[m.token].sentence);
    const t = toks[first];
    // An imperative ("Check the final /s/ …", "Try to …"); a capitalised first word may be tagged as a name.
    const next = toks[first + 1];
    const imperative = t && ADVICE.has(t.lower) && (t.pos === "VERB" || (!!next && (next.mention >= 0 || ["DET", "PRON", "ADP", "PART"].includes(next.pos))));
    if (!imperative) return null;
    // "Keep that final intonation.": keep it as it is, praise; "Keep the vowel longer" asks for a change.
    if (t.lower === "keep" && keepsAsIs(toks, first)) return { polarity: "positive", words: [first], how: "advice" };
    return { polarity: "negative", words: [first], how: "advice" };
  };
  const framed = (m: Judgeable): Judgment | null => {
    if (m.type !== "word" || !frames(toks, m.token)) return null;
    for (const v of [strong, weak]) {
      const c = firstCueAfter(toks, v, m.token, false) ?? lastCueBefore(toks, v, m.token);
      const j = c && judgmentOf({ cue: c, how: "parts" }, m, toks, byToken);
      if (j) return j;
    }
    return null;
  };
  const chosen = mentions.map((m, k): Judgment => {
    const options = [own[k], coref.get(keyOf(m)), parts.get(keyOf(m)), framed(m), advice(m)].filter((j): j is Judgment => !!j);
    const top = options.sort((a, b) => strength(b) - strength(a))[0] ?? { polarity: "neutral", words: [], how: "none" };
    // Criticism of a word itself conceded away ("X was a bit weak, but it remains clear"): mixed.
    // (Criticism of its parts yields to the concession: "its /ʃ/ was too soft, though the word was easy to understand".)
    const mine = own[k];
    if (m.type === "word" && top.concession && top.polarity === "positive" && mine?.how === "own" && mine.polarity === "negative") {
      return { polarity: "neutral", words: [...mine.words, ...top.words].sort((a, b) => a - b), how: "coreference", concession: true };
    }
    return top;
  });
  // One polarity per target: the strongest judgment any of its mentions got (the first on ties).
  const best = new Map<string, Judgment>();
  mentions.forEach((m, k) => {
    if (!m.target) return;
    const b = best.get(m.target);
    if (!b || strength(chosen[k]) > strength(b)) best.set(m.target, chosen[k]);
  });
  return mentions.map((m, k) => (m.target ? best.get(m.target)! : chosen[k]));
}
