// Senone log-likelihoods (natural log) with the full 128-Gaussian mixtures of the model's
// phonetically tied codebooks: log Σ_k w[s,k]·N(x; μ_k, σ²_k) per stream, summed over streams
// (pocketsphinx keeps only the top 4 Gaussians). The arithmetic runs in onnxruntime
// (density-graph.ts); this file lays out the requested senones' weights by codebook and reads the
// scores back as frames × senones.
import * as ort from "onnxruntime-node";
import type { SphinxModel } from "./acoustic-model";
import { augmentFeatures, senoneSession } from "./density-graph";
import type { FeatureFrames } from "./feature-streams";

export interface SenoneScores {
  frames: number;
  senones: Int32Array;
  /** frames × senones.length, natural log. */
  data: Float32Array;
}

export async function scoreSenones(m: SphinxModel, feat: FeatureFrames, senones: ArrayLike<number>): Promise<SenoneScores> {
  const S = senones.length;
  const K = m.nDensities;
  const C = m.nCodebooks;
  const T = feat.frames;
  const ids = Int32Array.from(senones);
  const data = new Float32Array(T * S);
  if (!T || !S) return { frames: T, senones: ids, data };
  // Column of each senone within its codebook's group.
  const perBook = new Int32Array(C);
  const col = Int32Array.from(ids, (s) => perBook[m.mdef.sen2ci[s]]++);
  const J = Math.max(...perBook);
  const nS = m.streams.length;
  const weights = new Float32Array(nS * C * K * J);
  m.streams.forEach((st, f) => {
    ids.forEach((s, i) => {
      const c = m.mdef.sen2ci[s];
      for (let k = 0; k < K; k++) weights[((f * C + c) * K + k) * J + col[i]] = st.weight[s * K + k];
    });
  });
  const out = await (await senoneSession(m)).run({ aug: augmentFeatures(m, feat), weights: new ort.Tensor("float32", weights, [nS, C, K, J]) });
  const r = out.senones.data as Float32Array;
  for (let i = 0; i < S; i++) {
    const base = m.mdef.sen2ci[ids[i]] * T * J + col[i];
    for (let t = 0; t < T; t++) data[t * S + i] = r[base + t * J];
  }
  return { frames: T, senones: ids, data };
}
