/**
 * Warnings for a parsed response that does not line up with its utterance. Mismatches are
 * reported, never repaired: truncating or padding would attach labels to the wrong words.
 */
import { normalizePhoneSymbol } from "../../rubric/arpabet-ipa";
import { memoize } from "./memo";
import type { PhoneLabel, ResponseInput, WordLabel } from "./types";

const wordKey = memoize((w: string): string => String(w).normalize("NFKC").toUpperCase().replace(/[^\p{L}\p{N}]/gu, ""));

/** Compares in the ARPAbet base alphabet, so "ɑ" matches "ɑː" and "g" matches "ɡ". */
const phoneKey = memoize((p: string): string => normalizePhoneSymbol(p) ?? String(p).trim());

function compare<T>(
  got: T[],
  want: string[],
  text: (item: T) => string,
  key: (s: string) => string,
  what: { line: string; noun: string; plural: string },
): string[] {
  if (got.length !== want.length) {
    return [
      `${what.line}: the response has ${got.length} ${got.length === 1 ? what.noun : what.plural}, ` +
        `the utterance has ${want.length}`,
    ];
  }
  const differing = got.map((item, i) => i).filter((i) => key(text(got[i])) !== key(want[i]));
  if (differing.length === 0) return [];
  const i = differing[0];
  return [
    `${what.line}: ${differing.length} of ${want.length} ${what.plural} differ from the utterance ` +
      `(first at ${what.noun} ${i + 1}: "${text(got[i])}" vs "${want[i]}")`,
  ];
}

export function checkAgainstUtterance(
  words: WordLabel[] | null,
  phones: PhoneLabel[] | null,
  utterance: ResponseInput,
): string[] {
  const warnings: string[] = [];
  if (words && Array.isArray(utterance.words)) {
    warnings.push(
      ...compare(words, utterance.words, (w) => w.text, wordKey, {
        line: "Words",
        noun: "word",
        plural: "words",
      }),
    );
  }
  if (phones && Array.isArray(utterance.phonesIpa)) {
    warnings.push(
      ...compare(phones, utterance.phonesIpa, (p) => p.symbol, phoneKey, {
        line: "Phonemes",
        noun: "phoneme",
        plural: "phonemes",
      }),
    );
  }
  return warnings;
}
