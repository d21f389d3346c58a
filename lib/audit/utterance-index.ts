/** Lookup tables for one utterance: word text → positions, phone base → positions. */
import { normalizePhoneSymbol, type ArpabetBase } from "../rubric/arpabet-ipa";
import type { AuditUtterance } from "./types";

export interface UtteranceIndex {
  utterance: AuditUtterance;
  wordPositions: Map<string, number[]>;
  phoneBases: (ArpabetBase | null)[];
  phonePositions: Map<ArpabetBase, number[]>;
}

export const wordKey = (w: string): string => w.normalize("NFKC").toUpperCase().replace(/’/g, "'").replace(/[^\p{L}\p{N}']/gu, "");

export function indexUtterance(utterance: AuditUtterance): UtteranceIndex {
  const wordPositions = new Map<string, number[]>();
  utterance.words.forEach((w, i) => {
    const k = wordKey(w);
    wordPositions.set(k, [...(wordPositions.get(k) ?? []), i]);
  });
  const phoneBases = utterance.phones.map((p) => normalizePhoneSymbol(p.symbol));
  const phonePositions = new Map<ArpabetBase, number[]>();
  phoneBases.forEach((b, i) => {
    if (b) phonePositions.set(b, [...(phonePositions.get(b) ?? []), i]);
  });
  return { utterance, wordPositions, phoneBases, phonePositions };
}
