// 1s_c_d_dd feature vectors from cepstra, as sphinxbase's feat.c builds them: batch cepstral mean
// normalisation (the utterance mean of each coefficient, c0 included, is subtracted), then for each
// frame c(t), Δ = c(t+2) − c(t−2) and ΔΔ = (c(t+3) − c(t−1)) − (c(t+1) − c(t−3)), the utterance's
// edge frames repeated beyond its ends. Output: frames × 3·ncep, frame-major.
import type { Cepstra } from "./mfcc";

export function cmnBatch(c: Cepstra): Cepstra {
  const { frames, ncep } = c;
  const out = new Float32Array(c.data.length);
  for (let d = 0; d < ncep; d++) {
    let m = 0;
    for (let t = 0; t < frames; t++) m += c.data[t * ncep + d];
    m /= Math.max(1, frames);
    for (let t = 0; t < frames; t++) out[t * ncep + d] = c.data[t * ncep + d] - m;
  }
  return { frames, ncep, data: out };
}

export interface FeatureFrames {
  frames: number;
  dim: number;
  /** frames × dim, frame-major. */
  data: Float32Array;
}

export function featC_D_DD(c: Cepstra): FeatureFrames {
  const { frames, ncep } = c;
  const dim = 3 * ncep;
  const data = new Float32Array(frames * dim);
  const at = (t: number, d: number) => c.data[Math.min(frames - 1, Math.max(0, t)) * ncep + d];
  for (let t = 0; t < frames; t++) {
    const o = t * dim;
    for (let d = 0; d < ncep; d++) {
      data[o + d] = at(t, d);
      data[o + ncep + d] = at(t + 2, d) - at(t - 2, d);
      data[o + 2 * ncep + d] = at(t + 3, d) - at(t - 1, d) - (at(t + 1, d) - at(t - 3, d));
    }
  }
  return { frames, dim, data };
}
