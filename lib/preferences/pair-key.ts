import { createHash } from "node:crypto";

export const responseHash = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 16);

/**
 * Preference.key: source + item + the two responses' hashes, so the same pair is stored and exported
 * once. `chosenHash` lets a caller hash a response shared by many pairs only once.
 */
export function pairKey(source: string, itemId: string, chosen: string, rejected: string, chosenHash = responseHash(chosen)): string {
  return `${source}:${itemId}:${chosenHash}:${responseHash(rejected)}`;
}

/** FNV-1a 32-bit: a stable per-item seed from (seed, utterance id), independent of iteration order. */
export function hash32(s: string): number {
  let x = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    x ^= s.charCodeAt(i);
    x = Math.imul(x, 0x01000193);
  }
  return x >>> 0;
}
