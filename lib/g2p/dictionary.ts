// Canonical phones for imported texts: the CMU Pronouncing Dictionary, and for words it lacks the
// shipped grapheme-to-phoneme model (marked as estimated).
import { readFileSync } from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { dictionary } from "cmu-pronouncing-dictionary";
import { predictPhones, type G2pModel } from "./g2p";

export const G2P_MODEL_FILE = path.join(process.cwd(), "models", "g2p", "cmudict-g2p.json");

let cached: G2pModel | null = null;
export function loadG2pModel(file = G2P_MODEL_FILE): G2pModel {
  if (cached && file === G2P_MODEL_FILE) return cached;
  const m = JSON.parse(readFileSync(file, "utf8")) as G2pModel;
  if (m.format !== "attest-g2p-1") throw new Error(`${file} is not an Attest G2P model`);
  if (file === G2P_MODEL_FILE) cached = m;
  return m;
}

/** Words of a text as stored (upper case, punctuation around words dropped), as the lexicon tokenises. */
export function textWords(text: string): string[] {
  return text
    .split(/\s+/)
    .map((w) => w.replace(/^[^A-Za-z0-9']+|[^A-Za-z0-9']+$/g, ""))
    .filter((w) => /[A-Za-z]/.test(w))
    .map((w) => w.toUpperCase());
}

export interface Pronounced {
  text: string;
  phones: string[];
  /** True when the phones come from the G2P model, not the dictionary. */
  estimated: boolean;
}

export function pronounce(word: string, model: () => G2pModel = loadG2pModel): Pronounced {
  const cmu = dictionary[word.toLowerCase()];
  if (cmu) return { text: word, phones: cmu.split(" "), estimated: false };
  return { text: word, phones: predictPhones(model(), word), estimated: true };
}

/** Held-out dictionary words: a fixed 5% by hash of the word (never trained on). */
export function isHeldOut(word: string): boolean {
  return createHash("sha256").update(word).digest()[0] < 13;
}
