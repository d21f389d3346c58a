// Senone log-likelihoods (natural log) with the full mixtures: for each frame and stream, every
// Gaussian of every codebook the requested senones use, then per senone
// log Σ_k w[s,k]·N(x; μ_k, σ²_k), summed over streams. (pocketsphinx keeps only the top 4 Gaussians
// of each codebook; the full sum is what the prototype measured and is slightly more exact.)
import type { SphinxModel } from "./acoustic-model";
import type { FeatureFrames } from "./feature-streams";

export interface SenoneScores {
  frames: number;
  senones: Int32Array;
  /** frames × senones.length, natural log. */
  data: Float32Array;
}

export function scoreSenones(m: SphinxModel, feat: FeatureFrames, senones: ArrayLike<number>): SenoneScores {
  const S = senones.length;
  const K = m.nDensities;
  const T = feat.frames;
  const ids = Int32Array.from(senones);
  const cb = Int32Array.from(ids, (s) => m.mdef.sen2ci[s]);
  const books = [...new Set(cb)].sort((a, b) => a - b);
  const data = new Float32Array(T * S);
  const dens = new Float64Array(m.nCodebooks * K);
  const e = new Float64Array(m.nCodebooks * K);
  const maxOf = new Float64Array(m.nCodebooks);
  for (let t = 0; t < T; t++) {
    const x0 = t * feat.dim;
    for (const st of m.streams) {
      const { dim, mean, prec, gconst, weight } = st;
      const xo = x0 + st.offset;
      for (const c of books) {
        let best = -Infinity;
        for (let k = 0; k < K; k++) {
          const g = c * K + k;
          const b = g * dim;
          let q = 0;
          for (let d = 0; d < dim; d++) {
            const z = feat.data[xo + d] - mean[b + d];
            q += z * z * prec[b + d];
          }
          const v = gconst[g] - 0.5 * q;
          dens[g] = v;
          if (v > best) best = v;
        }
        maxOf[c] = best;
        for (let k = 0; k < K; k++) e[c * K + k] = Math.exp(dens[c * K + k] - best);
      }
      const row = t * S;
      for (let i = 0; i < S; i++) {
        const c = cb[i];
        const wb = ids[i] * K;
        const eb = c * K;
        let acc = 0;
        for (let k = 0; k < K; k++) acc += weight[wb + k] * e[eb + k];
        data[row + i] += maxOf[c] + Math.log(acc > 0 ? acc : 1e-300);
      }
    }
  }
  return { frames: T, senones: ids, data };
}
