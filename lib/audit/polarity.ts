/**
 * The polarity of each mention, from the phrase that predicates about it (lib/audit/clauses.ts
 * finds clauses and composes cues). In order of strength:
 * 1. its own phrase: a judging modifier in its noun phrase or of the verb whose object it is ("a
 *    clear error in X", "good control of /r/", "kept its /ð/"); else the first judgment after it in
 *    its clause ("X was clearly mispronounced"); else one before it ("the weak spot was X"); a
 *    relative clause on it (", which was clear"); an elliptic "X is not" (the verdict before,
 *    negated); inside an exception ("all clear except X") its own judgment there, else the
 *    clause's verdict reversed. A purely positional mention ("the /w/ after the /k/") and a word
 *    that only frames a phone ("in 'SQUID', the /w/ …") have no phrase of their own;
 * 2. a pronoun or "that word" / "the word" that refers back to the last named word;
 * 3. what is said of its phones or parts (criticism of a phone is criticism of its word);
 * 4. advice ("work on …", "keep …") criticises what it names;
 * and otherwise neutral. The same target keeps one polarity in one rationale: the strongest.
 */
import { ADVICE, EXCEPTIONS, POSITIONAL, type Sign } from "./lexicon";
import { signPolarity, type ClauseInfo, type Cue } from "./clauses";
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
}

export interface Judgment {
  polarity: Polarity;
  /** The words that decided it, in text order; empty when nothing did. */
  words: number[];
  /** How it was decided: own, exception, coreference, parts, advice or none. */
  how: "own" | "exception" | "coreference" | "parts" | "advice" | "none";
}

const STRENGTH: Record<Judgment["how"], number> = { own: 4, exception: 4, coreference: 3, parts: 2, advice: 1, none: 0 };
const NP_WORDS = new Set(["in", "of", "on", "for", "with", "at", "its", "their", "your", "the", "a", "an", "this", "that"]);
const FRAME = new Set(["in", "of", "for", "within"]);
const COREF_HEADS = new Set(["word", "name", "one", "latter", "number"]);
const COREF_DET = new Set(["that", "this", "the"]);

const cueJudgment = (c: Cue, how: Judgment["how"] = "own", flip = false): Judgment => ({ polarity: signPolarity((flip ? -c.sign : c.sign) as Sign), words: c.words, how });

function exceptionStart(toks: Tok[], info: ClauseInfo, at: number): number {
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
function modifierBefore(toks: Tok[], info: ClauseInfo, at: number): Cue | null {
  for (let j = at - 1, n = 0; j >= 0 && info.clause[j] === info.clause[at] && n < 6; j--, n++) {
    const t = toks[j];
    if (info.cueAt[j] >= 0) return info.cues[info.cueAt[j]];
    if (t.mention >= 0 || t.text === "," || t.pos === "AUX" || t.pos === "CCONJ" || t.pos === "SCONJ") return null;
    if (t.pos === "VERB" || POSITIONAL.has(t.lower)) return null;
    if (t.pos === "ADP" && !NP_WORDS.has(t.lower)) return null;
  }
  return null;
}

function positional(toks: Tok[], at: number): boolean {
  for (let j = at - 1; j >= 0 && j >= at - 3; j--) {
    const w = toks[j].lower;
    if (POSITIONAL.has(w) || (w === "to" && toks[j - 1]?.lower === "next")) return true;
    if (!NP_WORDS.has(w) && toks[j].pos !== "ADJ" && toks[j].pos !== "DET") return false;
  }
  return false;
}

/** The word only frames what the clause says of something else ("In 'SQUID', the /w/ …", "the vowel in 'SHEEP'"). */
function frames(toks: Tok[], at: number): boolean {
  const p = toks[at - 1];
  return !!p && FRAME.has(p.lower);
}

function firstCueAfter(toks: Tok[], info: ClauseInfo, at: number, stopAtMention: boolean): Cue | null {
  let verb = false;
  for (let j = at + 1; j < toks.length && info.clause[j] === info.clause[at]; j++) {
    if (info.cueAt[j] >= 0) return coordinated(toks, info, info.cues[info.cueAt[j]]);
    if (toks[j].pos === "VERB" || toks[j].pos === "AUX") verb = true;
    // Another subject after this one's verb starts another statement ("X was pronounced and Y …").
    if (stopAtMention && verb && toks[j].mention >= 0 && toks[j - 1]?.pos === "CCONJ") return null;
  }
  return null;
}

/** "recognisable and mostly correct": a middling judgment joined by "and" to a signed one takes the sign. */
function coordinated(toks: Tok[], info: ClauseInfo, c: Cue): Cue {
  if (c.sign !== 0) return c;
  const j = c.last + 1;
  if (toks[j]?.lower !== "and") return c;
  for (let k = j + 1; k < toks.length && k <= j + 3 && info.clause[k] === info.clause[c.first]; k++) {
    if (toks[k].mention >= 0) break;
    if (info.cueAt[k] >= 0) {
      const d = info.cues[info.cueAt[k]];
      return d.sign !== 0 ? { ...d, words: [...c.words, ...d.words] } : c;
    }
  }
  return c;
}

function lastCueBefore(toks: Tok[], info: ClauseInfo, at: number): Cue | null {
  for (let j = at - 1; j >= 0 && info.clause[j] === info.clause[at]; j--) if (info.cueAt[j] >= 0) return info.cues[info.cueAt[j]];
  return null;
}

/** The judgment of a clause as a whole (its first cue), for reversal and ellipsis. */
function clauseVerdict(info: ClauseInfo, clause: number, toks: Tok[], before?: number): Cue | null {
  for (let j = info.starts[clause]?.first ?? toks.length; j < toks.length && info.clause[j] === clause; j++) {
    if (before !== undefined && j >= before) break;
    if (info.cueAt[j] >= 0) return info.cues[info.cueAt[j]];
  }
  return null;
}

/** A relative clause right after the mention (", which was clear") that has no subject of its own. */
function relativeOn(toks: Tok[], info: ClauseInfo, at: number): Cue | null {
  const next = at + 1 < toks.length && toks[at + 1].text === "," ? at + 2 : -1;
  if (next < 0 || !toks[next] || !["which", "who"].includes(toks[next].lower)) return null;
  const after = toks[next + 1];
  if (!after || !(after.pos === "AUX" || after.pos === "VERB" || after.pos === "ADV")) return null;
  return clauseVerdict(info, info.clause[next], toks);
}

/** "X is not" / "X wasn't" closing a clause: the verdict before it, negated. */
function ellipticNegation(toks: Tok[], info: ClauseInfo, at: number): Judgment | null {
  const a = toks[at + 1], b = toks[at + 2], c = toks[at + 3];
  const neg = a?.pos === "AUX" && (b?.lower === "not" || b?.lower === "n't");
  if (!neg || (c && info.clause[at + 3] === info.clause[at] && c.pos !== "PUNCT")) return null;
  const prevClause = info.clause[at] - 1;
  if (prevClause < 0 || info.starts[prevClause].sentence !== toks[at].sentence) return null;
  const v = clauseVerdict(info, prevClause, toks);
  return v ? { polarity: signPolarity((-v.sign) as Sign), words: [...v.words, at + 2], how: "own" } : null;
}

function ownJudgment(toks: Tok[], info: ClauseInfo, m: Judgeable): Judgment | null {
  const at = m.token;
  if (m.selfJudging && info.cueAt[at] >= 0) return cueJudgment(info.cues[info.cueAt[at]]);
  const ex = exceptionStart(toks, info, at);
  if (ex >= 0) {
    const inside = modifierBefore(toks, info, at) ?? firstCueAfter(toks, info, at, true);
    if (inside && inside.first > ex && (info.clause[inside.first] === info.clause[ex] && (inside.first < at || !clauseHasVerdictAfterComma(toks, at, inside.first)))) return { ...cueJudgment(inside), how: "exception" };
    const rel = relativeOn(toks, info, at);
    if (rel) return { ...cueJudgment(rel), how: "exception" };
    // The verdict the exception is taken from: the rest of its sentence.
    const verdict = sentenceVerdictOutside(toks, info, ex, at);
    if (verdict) return { ...cueJudgment(verdict, "exception", true) };
  }
  const np = modifierBefore(toks, info, at);
  if (np) return cueJudgment(np);
  if (positional(toks, at)) return null;
  if (m.type === "word" && frames(toks, at)) return null;
  const after = firstCueAfter(toks, info, at, true);
  if (after) return cueJudgment(after);
  const rel = relativeOn(toks, info, at);
  if (rel) return cueJudgment(rel);
  const ell = ellipticNegation(toks, info, at);
  if (ell) return ell;
  const before = lastCueBefore(toks, info, at);
  if (before) return cueJudgment(before);
  return null;
}

/** A comma between the mention and the cue, i.e. the cue belongs to the main clause after an exception phrase. */
function clauseHasVerdictAfterComma(toks: Tok[], at: number, cue: number): boolean {
  for (let j = at + 1; j < cue; j++) if (toks[j].text === ",") return true;
  return false;
}

function sentenceVerdictOutside(toks: Tok[], info: ClauseInfo, ex: number, at: number): Cue | null {
  let best: Cue | null = null;
  let bestDist = Infinity;
  for (const c of info.cues) {
    if (toks[c.first].sentence !== toks[at].sentence) continue;
    const inExceptionPhrase = c.first > ex && !clauseHasVerdictAfterComma(toks, at, c.first) && c.first > at;
    if (c.first >= ex && c.first <= at) continue;
    if (inExceptionPhrase) continue;
    const d = Math.abs(c.first - at);
    if (d < bestDist) (best = c, (bestDist = d));
  }
  return best;
}

/** Pronoun or "that word" subjects, with the clause judgment they carry: token → judgment. */
function coreferences(toks: Tok[], info: ClauseInfo, named: { token: number; target: string }[]): Map<string, Judgment> {
  const out = new Map<string, Judgment>();
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    let head = -1;
    if (t.lower === "it" && t.pos === "PRON") head = i;
    else if (COREF_DET.has(t.lower) && COREF_HEADS.has(toks[i + 1]?.lower ?? "")) head = i + 1;
    if (head < 0) continue;
    // Subject position: a verb follows within a few words ("that word itself was", "the word as a whole was").
    let v = head + 1;
    while (v < toks.length && v <= head + 4 && !(toks[v].pos === "AUX" || toks[v].pos === "VERB") && toks[v].mention < 0 && toks[v].text !== ",") v++;
    if (!(toks[v] && (toks[v].pos === "AUX" || toks[v].pos === "VERB"))) continue;
    const antecedent = [...named].reverse().find((n) => n.token < i);
    if (!antecedent) continue;
    const c = firstCueAfter(toks, info, head, true);
    if (!c) continue;
    if (!out.has(antecedent.target) || STRENGTH.coreference > 0) out.set(antecedent.target, cueJudgment(c, "coreference"));
  }
  return out;
}

export function judgeMentions(toks: Tok[], info: ClauseInfo, mentions: Judgeable[]): Judgment[] {
  const own = mentions.map((m) => ownJudgment(toks, info, m));
  const named = mentions.filter((m) => m.type === "word" && m.target).map((m) => ({ token: m.token, target: m.target! }));
  const coref = coreferences(toks, info, named);
  // Parts: a framed word takes its clause's judgment; a word takes its phones' (negative first).
  const parts = new Map<string, Judgment>();
  mentions.forEach((m, k) => {
    if (m.type === "phone" && m.wordTarget && own[k]) {
      const prev = parts.get(m.wordTarget);
      if (!prev || (prev.polarity !== "negative" && own[k]!.polarity === "negative")) parts.set(m.wordTarget, { ...own[k]!, how: "parts" });
    }
  });
  const advice = (m: Judgeable): Judgment | null => {
    const first = toks.findIndex((t) => t.sentence === toks[m.token].sentence);
    const t = toks[first];
    return t && ADVICE.has(t.lower) && t.pos === "VERB" ? { polarity: "negative", words: [first], how: "advice" } : null;
  };
  const framed = (m: Judgeable): Judgment | null => {
    if (m.type !== "word" || !frames(toks, m.token)) return null;
    const c = firstCueAfter(toks, info, m.token, false) ?? lastCueBefore(toks, info, m.token);
    return c ? cueJudgment(c, "parts") : null;
  };
  const chosen = mentions.map((m, k): Judgment => {
    const options = [own[k], m.target ? coref.get(m.target) : undefined, m.target ? parts.get(m.target) : undefined, framed(m), advice(m)].filter((j): j is Judgment => !!j);
    return options.sort((a, b) => STRENGTH[b.how] - STRENGTH[a.how])[0] ?? { polarity: "neutral", words: [], how: "none" };
  });
  // One polarity per target: the strongest judgment any of its mentions got (the first on ties).
  const best = new Map<string, Judgment>();
  mentions.forEach((m, k) => {
    if (!m.target) return;
    const b = best.get(m.target);
    if (!b || STRENGTH[chosen[k].how] > STRENGTH[b.how]) best.set(m.target, chosen[k]);
  });
  return mentions.map((m, k) => (m.target ? best.get(m.target)! : chosen[k]));
}
