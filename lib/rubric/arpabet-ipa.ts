/**
 * ARPAbet (CMU, with stress digits) ↔ IPA, exactly as the published SpeechLLM data writes it
 * (METRICS.md), so that exported responses are compatible with its trainer. Rationales mention
 * phonemes in either alphabet, with or without length marks: `normalizePhoneSymbol` maps both onto
 * the ARPAbet base phone, which is what comparisons with an utterance's canonical phones use.
 */

/** The 39 CMU base phones (no stress digit). */
export const ARPABET_BASE_PHONES = [
  "AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW",
  "B", "CH", "D", "DH", "F", "G", "HH", "JH", "K", "L", "M", "N", "NG", "P", "R", "S", "SH",
  "T", "TH", "V", "W", "Y", "Z", "ZH",
] as const;

export type ArpabetBase = (typeof ARPABET_BASE_PHONES)[number];

const BASE_SET: ReadonlySet<string> = new Set(ARPABET_BASE_PHONES);

/**
 * Vowels whose IPA depends on stress: [unstressed (0), stressed (1, 2)]. The published table
 * writes the length mark only for stressed AA/AO/ER/IY/UW and uses ʌ only for stressed AH.
 */
const STRESS_DEPENDENT: Readonly<Record<string, readonly [string, string]>> = {
  AA: ["ɑ", "ɑː"],
  AH: ["ə", "ʌ"],
  AO: ["ɔ", "ɔː"],
  ER: ["ɚ", "ɜː"],
  IY: ["i", "iː"],
  UW: ["u", "uː"],
};

/** Phones whose IPA is the same for any stress digit or none. G is U+0261 (ɡ), not ASCII g. */
const STRESS_FREE: Readonly<Record<string, string>> = {
  AE: "æ", AW: "aʊ", AY: "aɪ", EH: "ɛ", EY: "eɪ", IH: "ɪ", OW: "oʊ", OY: "ɔɪ", UH: "ʊ",
  B: "b", CH: "tʃ", D: "d", DH: "ð", F: "f", G: "\u0261", HH: "h", JH: "dʒ", K: "k", L: "l",
  M: "m", N: "n", NG: "ŋ", P: "p", R: "ɹ", S: "s", SH: "ʃ", T: "t", TH: "θ", V: "v", W: "w",
  Y: "j", Z: "z", ZH: "ʒ",
};

/** Corpus position suffixes of text-phone ("IY0_E"): Begin, Inside, End, Singleton. */
const POSITION_SUFFIX = /_[BIES]$/i;

/** One ARPAbet phone, optionally with a stress digit: "AH0", "ah1", "TH". */
const ARPABET = /^([A-Z]{1,2})([012])?$/;

/**
 * IPA for one ARPAbet phone (any case, optional stress digit and text-phone position suffix), or
 * null if it is not an ARPAbet phone. A stress-dependent vowel without a digit is read as
 * unstressed: the corpus writes IH and UH without digits where the CMU dictionary has a reduced
 * vowel, and an unmarked vowel carries no claim of stress.
 */
export function arpabetToIpa(phone: string): string | null {
  if (typeof phone !== "string") return null;
  const m = ARPABET.exec(phone.trim().replace(POSITION_SUFFIX, "").toUpperCase());
  if (!m) return null;
  const [, base, stress] = m;
  const pair = STRESS_DEPENDENT[base];
  if (pair) return stress === "1" || stress === "2" ? pair[1] : pair[0];
  const ipa = STRESS_FREE[base];
  // Consonants take no stress digit; "B1" is a malformed phone, not B.
  if (ipa === undefined || (stress !== undefined && !isVowel(base))) return null;
  return ipa;
}

function isVowel(base: string): boolean {
  return base in STRESS_DEPENDENT || ["AE", "AW", "AY", "EH", "EY", "IH", "OW", "OY", "UH"].includes(base);
}

/** IPA (length mark removed) → ARPAbet base, built from the table so the two cannot drift. */
const IPA_TO_BASE: ReadonlyMap<string, ArpabetBase> = (() => {
  const map = new Map<string, ArpabetBase>();
  const add = (ipa: string, base: string) => map.set(stripLength(ipa), base as ArpabetBase);
  for (const [base, [weak, strong]] of Object.entries(STRESS_DEPENDENT)) {
    add(weak, base);
    add(strong, base);
  }
  for (const [base, ipa] of Object.entries(STRESS_FREE)) add(ipa, base);
  // Spellings models and people write for the same phones: ASCII g and r, r-coloured/plain
  // NURSE vowels, affricates with a tie bar or as ligatures, British LOT vowel.
  const aliases: [string, ArpabetBase][] = [
    ["g", "G"], ["r", "R"], ["ɝ", "ER"], ["ɜ", "ER"], ["t͡ʃ", "CH"], ["ʧ", "CH"], ["d͡ʒ", "JH"],
    ["ʤ", "JH"], ["ɒ", "AA"],
  ];
  for (const [ipa, base] of aliases) map.set(ipa, base);
  return map;
})();

function stripLength(ipa: string): string {
  // ː (U+02D0) is the IPA length mark; ˑ is half-long; ASCII ":" is how people type it.
  return ipa.replace(/[ːˑ:]/g, "");
}

/**
 * ARPAbet base phone for an IPA symbol, with or without length mark, tolerant of ASCII g/ɡ and
 * r/ɹ; null if the symbol is not one of the table's phones.
 */
export function ipaToArpabetBase(ipa: string): ArpabetBase | null {
  if (typeof ipa !== "string") return null;
  const key = stripLength(ipa.normalize("NFC").trim());
  return IPA_TO_BASE.get(key) ?? IPA_TO_BASE.get(key.toLowerCase()) ?? null;
}

/**
 * /slashes/, [brackets] and quotes around a symbol. The end pattern only starts after a
 * non-wrapper character (lookbehind), so a long run of wrappers is scanned once, not once per
 * character. A wrapper-only string is emptied by the start pattern first.
 */
const WRAPPERS_AT_START = /^[/[\]"'“”‘’`]+/u;
const WRAPPERS_AT_END = /(?<![/[\]"'“”‘’`])[/[\]"'“”‘’`]+$/u;

/**
 * Maps a phoneme as written anywhere (IPA or ARPAbet; stress digits, length marks, any case for
 * ARPAbet; wrapped in /slashes/, [brackets] or quotes) to its ARPAbet base phone, or null.
 * ASCII input is tried as ARPAbet first ("AE", "th", "Y"), then as IPA ("i", "j", "g"): ARPAbet
 * has no one-letter vowels, so the two readings never disagree on a phone both alphabets share.
 */
export function normalizePhoneSymbol(sym: string): ArpabetBase | null {
  if (typeof sym !== "string") return null;
  const bare = sym
    .normalize("NFC")
    .trim()
    .replace(WRAPPERS_AT_START, "")
    .replace(WRAPPERS_AT_END, "")
    .trim()
    .replace(POSITION_SUFFIX, "");
  if (bare === "") return null;
  if (/^[A-Za-z]{1,2}[012]?$/.test(bare)) {
    const m = ARPABET.exec(bare.toUpperCase());
    if (m && BASE_SET.has(m[1]) && (m[2] === undefined || isVowel(m[1]))) return m[1] as ArpabetBase;
  }
  return ipaToArpabetBase(bare);
}
