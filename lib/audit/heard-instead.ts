/**
 * Sounds and words given as what was heard instead are not mentions (METRICS.md): "replaced by
 * /s/", "came out as a /d/", "an [s]-like sound", "drifted toward /ɑ/", "sounded like 'git'",
 * "a proper /θ/ rather than a /dʒ/", "no intrusive /ɹ/". The test is syntactic: the candidate is
 * the object of a substitution or resemblance predicate — the word that governs it, once
 * determiners, adjectives and degree adverbs are skipped, is a resemblance preposition ("like",
 * "toward", "into"), "as" after a verb, "to" after a verb of change or a word of nearness, "by" or
 * "with" after "replace", a result verb ("became", "giving", "leaving"), an approximator ("almost
 * /i/"), a contrastive "rather than" / "instead of" / ", not" — or it is marked as an insertion
 * ("intrusive", "extra") or suffixed "-like". A candidate coordinated ("/f/ or /s/") with a
 * heard-instead one is one too.
 */
import type { Tok } from "./nlp/parse-rationale";

const FILLER_POS = new Set(["DET", "ADJ", "NUM", "ADV"]);
const FILLER_WORDS = new Set(["something", "some", "sort", "kind", "just", "more", "much", "very", "quite", "a", "an", "the", "plain", "full", "short", "flat"]);
const STOP_ADV = new Set(["almost", "nearly", "practically", "virtually", "not", "never", "no", "rather", "instead"]);
const INSERTION = new Set(["intrusive", "extra", "added", "inserted", "epenthetic", "additional", "spurious"]);
const RESEMBLANCE = new Set(["like", "toward", "towards", "into", "resembling"]);
const RESULT = new Set(["became", "become", "becomes", "becoming", "giving", "gave", "gives", "leaving", "yielding", "yielded", "resembled", "resembles"]);
const APPROXIMATORS = new Set(["almost", "nearly", "practically", "virtually"]);
const NEAR = new Set(["close", "closer", "similar", "nearer", "near", "equivalent", "identical", "closest"]);
export const CHANGE_VERB = /^(chang|shift|mov|turn|rais|lower|devoic|voic|reduc|soften|harden|flatten|drift|slid|slip|weaken|front|back|centrali|simplif|convert|switch|merg|collaps|round|assimilat|becom|went|morph|bent|pull|push|lean|open|clos|shorten|lengthen|tens|narrow|widen)/;
const REPLACE = /^(replac|substitut|swap|exchang|confus|mix)/;
const PART_PLURALS = new Set(["words", "sounds", "vowels", "consonants", "phonemes", "phones", "names", "numbers"]);

export type Heard = "heard" | "absent" | null;

const PARTICLES_AND_ADVERBS = new Set(["was", "were", "is", "are", "been", "be", "being", "often", "sometimes", "usually", "out", "up", "across", "over", "off", "down", "through", "somewhere", "something", "more", "closer", "much", "rather", "quite", "very", "a", "bit", "little"]);

/** The token that governs a heard-instead form, when it says the sound deviated ("became", "closer to"): a criticism of what was meant. */
export function deviationGovernor(toks: Tok[], i: number): number {
  const { g, insertion } = governor(toks, i);
  if (insertion) return -1;
  const t = toks[g];
  if (!t) return -1;
  if (t.lower === "than" || t.lower === "of" || t.lower === "not" || t.lower === "no" || t.lower === "or" || t.lower === "and") return -1;
  if (t.lower === "to") {
    const p = prevWord(toks, g, new Set(["was", "were", "is", "are", "been", "too", "very", "much", "quite", "rather", "more", "even", "often", "sometimes", "slightly", "somewhat", "a", "bit", "little", "out"]));
    return p ? toks.indexOf(p) : g;
  }
  if (t.lower === "like" || t.lower === "as" || t.lower === "by" || t.lower === "with") {
    const p = prevWord(toks, g);
    return p && p.pos !== "PUNCT" ? toks.indexOf(p) : g;
  }
  return g;
}

/** Index of the governing token left of `i` (fillers skipped) and whether an insertion adjective was passed. */
function governor(toks: Tok[], i: number): { g: number; insertion: boolean } {
  let insertion = false;
  let j = i - 1;
  for (; j >= 0 && toks[j].sentence === toks[i].sentence; j--) {
    const t = toks[j];
    if (INSERTION.has(t.lower)) {
      insertion = true;
      continue;
    }
    if (t.pos === "PUNCT" && (t.text === "'" || t.text === "-")) continue;
    if (STOP_ADV.has(t.lower)) break;
    if (FILLER_WORDS.has(t.lower) || (FILLER_POS.has(t.pos) && t.mention < 0 && t.lower !== "its" && t.lower !== "their")) continue;
    break;
  }
  return { g: j, insertion };
}

const prevWord = (toks: Tok[], j: number, skip = new Set(["was", "were", "is", "are", "been", "be", "being", "often", "sometimes", "usually", "out", "up"])): Tok | undefined => {
  for (let k = j - 1; k >= 0 && toks[k].sentence === toks[j].sentence; k--) if (!skip.has(toks[k].lower)) return toks[k];
  return undefined;
};

/**
 * Whether the candidate at token `i` is a form heard instead ("heard"), a sound said to be absent
 * or kept out ("absent": "no /t/", ", not an /l/"; decided by the caller against the named word),
 * or a mention (null). `text` is the rationale, for a "-like" suffix.
 */
export function heardInstead(toks: Tok[], i: number, text: string, outerEnd: number, prior: readonly Heard[]): Heard {
  if (/^-?like\b/i.test(text.slice(outerEnd, outerEnd + 6))) return "heard";
  const { g, insertion } = governor(toks, i);
  if (insertion) return "heard";
  const t = toks[g];
  if (!t) return null;
  const w = t.lower;
  // "/f/ or /s/": coordinated with the candidate right before, which decides.
  if ((w === "or" || w === "and") && g === i - 1 && g > 0) {
    const k = toks.slice(0, g).reverse().find((x) => x.mention >= 0 && x.sentence === t.sentence);
    if (k && toks[g - 1] === k) return prior[k.mention] ?? null;
  }
  if (w === "like") {
    const p = prevWord(toks, g);
    return p && PART_PLURALS.has(p.lower) ? null : "heard";
  }
  if (RESEMBLANCE.has(w) || RESULT.has(w)) return "heard";
  if (APPROXIMATORS.has(w)) return "heard";
  if (w === "than") return prevWord(toks, g)?.lower === "rather" ? "heard" : null;
  if (w === "of") return prevWord(toks, g)?.lower === "instead" ? "heard" : null;
  // "as" and "to" say what a sound became only when a sound is their subject ("the [ð] was produced as a [d]";
  // not "the ending pronounced as a simple /t/").
  const soundBefore = toks.slice(0, g).some((x) => x.mention >= 0 && x.sentence === t.sentence);
  // "landed somewhere near 'licks'", "sounded close to": nearness after a verb says what was heard (not a place: "the /w/ near the /k/").
  if (NEAR.has(w) && w !== "close") {
    const p = prevWord(toks, g, PARTICLES_AND_ADVERBS);
    if (p && (p.pos === "VERB" || p.pos === "AUX")) return "heard";
  }
  if (w === "as") {
    // Phrasal verbs: "came across as", "came out as", "ended up as".
    const p = prevWord(toks, g, PARTICLES_AND_ADVERBS);
    return soundBefore && p && (p.pos === "VERB" || p.lower === "out" || CHANGE_VERB.test(p.lower)) && p.lower !== "such" ? "heard" : null;
  }
  if (w === "to") {
    const p = prevWord(toks, g, new Set(["was", "were", "is", "are", "been", "too", "very", "much", "quite", "rather", "more", "even", "often", "sometimes", "slightly", "somewhat", "a", "bit", "little", "out"]));
    return p && (NEAR.has(p.lower) || CHANGE_VERB.test(p.lower)) ? "heard" : null;
  }
  if (w === "by" || w === "with") {
    const p = prevWord(toks, g);
    return p && REPLACE.test(p.lower) ? "heard" : null;
  }
  if (w === "not" || w === "no") {
    const p = toks[g - 1];
    if (p && p.text === ",") return "heard";
    return "absent";
  }
  return null;
}

/** "A instead of B" with A a mention: B is heard-instead; "/s/ instead of /θ/" is read by canonicity by the caller. */
export function followedByInsteadOf(toks: Tok[], i: number): boolean {
  return toks[i + 1]?.lower === "instead" && toks[i + 2]?.lower === "of";
}
