// Extra feature columns the Sphinx acoustic model gives beyond the built-in feature set (which
// stays as it is: external ONNX models are fed those 28 / 13 / 50 columns). Per phone: the
// log-likelihood-ratio and log-posterior vectors over the model's CI phones, the best competitor's
// LPR and the neighbours' GOP; per word: the weakest phone's competitor LPR and the mean LPR; per
// sentence: forced-path minus free-loop log-likelihood per frame, the speaker's warp and GOP shares.
import type { SphinxAligned } from "../sphinx/align-gop";

const fin = (x: number) => (Number.isFinite(x) ? x : 0);
const mean = (a: number[]) => (a.length ? a.reduce((s, v) => s + v, 0) / a.length : 0);

export function sphinxPhoneExtras(ciPhones: string[]): string[] {
  return ["max_lpr", "gop_prev", "gop_next", "lpp_prev", "lpp_next", ...ciPhones.map((p) => `lpr_${p}`), ...ciPhones.map((p) => `lp_${p}`)];
}
export const SPHINX_WORD_EXTRAS = ["max_lpr_max", "max_lpr_mean", "gop_sum", "phones_gop_below_-3"];
export const SPHINX_SENTENCE_EXTRAS = ["forced_minus_loop", "warp", "share_gop_below_-3", "mean_max_lpr", "p90_max_lpr", "min_word_gop"];

export interface ExtraFeatures {
  sentence: Float32Array;
  words: Float32Array;
  phones: Float32Array;
}

export function extractSphinxExtras(al: SphinxAligned, nWords: number, warp: number, ciPhones: string[]): ExtraFeatures {
  const ph = al.phones;
  const Q = ciPhones.length;
  const PF = 5 + 2 * Q;
  const phones = new Float32Array(ph.length * PF);
  const maxLpr = ph.map((p) => {
    let m = -Infinity;
    for (let q = 0; q < Q; q++) if (ciPhones[q] !== p.symbol.replace(/[012]$/, "") && p.lpr[q] > m) m = p.lpr[q];
    return m;
  });
  ph.forEach((p, i) => {
    const row = [maxLpr[i], ph[i - 1]?.gop ?? 0, ph[i + 1]?.gop ?? 0, ph[i - 1]?.lpp ?? 0, ph[i + 1]?.lpp ?? 0];
    phones.set(row.map(fin), i * PF);
    for (let q = 0; q < Q; q++) {
      phones[i * PF + 5 + q] = fin(p.lpr[q]);
      phones[i * PF + 5 + Q + q] = fin(Math.max(-50, p.logPost[q]));
    }
  });
  const WF = SPHINX_WORD_EXTRAS.length;
  const words = new Float32Array(nWords * WF);
  const wordGop: number[] = [];
  for (let w = 0; w < nWords; w++) {
    const idx = ph.map((p, i) => (p.wordIndex === w ? i : -1)).filter((i) => i >= 0);
    const ml = idx.map((i) => maxLpr[i]);
    const gops = idx.map((i) => ph[i].gop);
    wordGop.push(mean(gops));
    words.set([Math.max(...ml), mean(ml), gops.reduce((s, v) => s + v, 0), gops.filter((g) => g < -3).length].map(fin), w * WF);
  }
  const sorted = [...maxLpr].sort((a, b) => a - b);
  const sentence = Float32Array.from(
    [al.forcedPerFrame - al.loopPerFrame, warp, mean(ph.map((p) => (p.gop < -3 ? 1 : 0))), mean(maxLpr), sorted[Math.floor(0.9 * (sorted.length - 1))] ?? 0, Math.min(...wordGop)].map(fin),
  );
  return { sentence, words, phones };
}

/** Row-wise concatenation of two frame-major matrices with the same rows. */
export function concatColumns(a: Float32Array, aDim: number, b: Float32Array, bDim: number): Float32Array {
  const rows = aDim ? a.length / aDim : b.length / Math.max(1, bDim);
  const out = new Float32Array(rows * (aDim + bDim));
  for (let r = 0; r < rows; r++) {
    out.set(a.subarray(r * aDim, (r + 1) * aDim), r * (aDim + bDim));
    out.set(b.subarray(r * bDim, (r + 1) * bDim), r * (aDim + bDim) + aDim);
  }
  return out;
}
