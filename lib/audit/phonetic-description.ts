/**
 * What a phonetic description says about a sound, checked against the sound the utterance should
 * have. Feedback often judges by describing: "'DIG' ended with a voiced /ɡ/", "'TOO' had a long,
 * rounded vowel", "'SHEEP' had a short vowel", "'BECAUSE' carried stress on the second syllable".
 * A description that fits the canonical phone says it was realised as it should be (praise); one
 * that does not fit says it was not (criticism); a description that names no checkable feature
 * ("a soft /l/") judges nothing. Features are those of the canonical ARPAbet phone with its stress
 * digit (lib/rubric/arpabet-ipa.ts).
 */
import type { Sign } from "./lexicon";

type Feature = (base: string, stress: string) => boolean | null;

const VOWELS = new Set(["AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"]);
const DIPHTHONGS = new Set(["AW", "AY", "EY", "OW", "OY"]);
// Vowels long when stressed (the table writes ɑː ɔː ɜː iː uː), short when not.
const LONG_WHEN_STRESSED = new Set(["AA", "AO", "ER", "IY", "UW"]);
const VOICELESS = new Set(["P", "T", "K", "F", "TH", "S", "SH", "CH", "HH"]);
const ROUNDED = new Set(["UW", "UH", "AO", "OW", "OY", "W", "SH", "ZH", "CH", "JH"]);
const CLOSE = new Set(["IY", "UW", "IH", "UH"]);
const OPEN = new Set(["AA", "AE", "AO"]);
const TENSE = new Set(["IY", "UW", "EY", "OW"]);

const vowel = (b: string) => VOWELS.has(b);
const onlyVowels = (f: (b: string, s: string) => boolean): Feature => (b, s) => (vowel(b) ? f(b, s) : null);
const long = (b: string, s: string) => DIPHTHONGS.has(b) || (LONG_WHEN_STRESSED.has(b) && s !== "0" && s !== "");

/** Descriptive words → the feature they name (true when the canonical phone has it, null when it does not apply). */
const FEATURES: Record<string, Feature> = {
  long: onlyVowels(long),
  lengthened: onlyVowels(long),
  short: onlyVowels((b, s) => !long(b, s)),
  voiced: (b) => !VOICELESS.has(b),
  voiceless: (b) => VOICELESS.has(b),
  unvoiced: (b) => VOICELESS.has(b),
  nasal: (b) => (vowel(b) ? false : b === "M" || b === "N" || b === "NG"),
  rounded: (b) => ROUNDED.has(b),
  round: (b) => ROUNDED.has(b),
  unrounded: onlyVowels((b) => !ROUNDED.has(b)),
  spread: onlyVowels((b) => !ROUNDED.has(b)),
  aspirated: (b) => (vowel(b) ? null : b === "P" || b === "T" || b === "K"),
  dental: (b) => (vowel(b) ? null : b === "TH" || b === "DH"),
  dark: (b) => (vowel(b) ? null : b === "L"),
  tense: onlyVowels((b) => TENSE.has(b)),
  lax: onlyVowels((b) => !TENSE.has(b) && !DIPHTHONGS.has(b)),
  open: onlyVowels((b) => OPEN.has(b)),
  close: onlyVowels((b) => CLOSE.has(b)),
  closed: onlyVowels((b) => CLOSE.has(b)),
  diphthong: onlyVowels((b) => DIPHTHONGS.has(b)),
  glide: (b) => DIPHTHONGS.has(b) || b === "W" || b === "Y",
  // ə and ɚ are the reduced vowels; a full vowel, stressed or not, should not be reduced.
  reduced: onlyVowels((b, s) => s !== "1" && s !== "2" && (b === "AH" || b === "ER")),
};

/** Whether a word names a checkable phonetic feature. */
export const describesFeature = (lower: string): boolean => lower in FEATURES;

const split = (symbol: string): [string, string] => {
  const m = /^([A-Z]+)([012]?)/.exec(symbol.toUpperCase());
  return m ? [m[1], m[2]] : [symbol, ""];
};

/**
 * The sign a feature word gives a canonical phone: +1 if the phone has the feature, -1 if it does
 * not, null if the feature does not apply to it (a vowel feature said of a consonant).
 */
export function featureSign(lower: string, symbol: string): Sign | null {
  const f = FEATURES[lower];
  if (!f) return null;
  const [b, s] = split(symbol);
  const has = f(b, s);
  return has === null ? null : has ? 1 : -1;
}

/**
 * The sign of a feature word said of several canonical phones (a word's vowels, when the text
 * says "its vowel"): +1 if one of them has it, -1 if none does, null if it applies to none.
 */
export function featureSignAny(lower: string, symbols: readonly string[]): Sign | null {
  let applies = false;
  for (const sym of symbols) {
    const s = featureSign(lower, sym);
    if (s === 1) return 1;
    if (s === -1) applies = true;
  }
  return applies ? -1 : null;
}

const ORDINAL: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, initial: 1, opening: 1, last: -1, final: -1, penultimate: -2 };

/** The syllable (1-based, negative from the end) an ordinal word names ("second", "first-syllable", "last"), or 0. */
export function syllableOrdinal(lower: string): number {
  return ORDINAL[lower.replace(/-syllable$/, "")] ?? 0;
}

/** +1 if the word's primary stress is on that syllable, -1 if it is elsewhere, null if the word has no such syllable. */
export function stressSign(symbols: readonly string[], syllable: number): Sign | null {
  const vowels = symbols.filter((s) => VOWELS.has(split(s)[0]));
  const k = syllable > 0 ? syllable - 1 : vowels.length + syllable;
  if (k < 0 || k >= vowels.length || !vowels.some((v) => split(v)[1] === "1")) return null;
  return split(vowels[k])[1] === "1" ? 1 : -1;
}

export const isVowelSymbol = (symbol: string): boolean => VOWELS.has(split(symbol)[0]);
