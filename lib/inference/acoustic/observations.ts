// Observation vectors for the acoustic model: 13 MFCC + Δ + ΔΔ (regression over ±2 frames, as
// HTK/Kaldi do), with per-utterance cepstral mean and variance normalisation so that recording
// level and channel differences between speakers do not move the phone Gaussians.
import type { FrameFeatures } from "@/lib/audio/features";

export const OBS_DIM = 39;

function deltas(x: Float32Array, frames: number, dim: number): Float32Array {
  const out = new Float32Array(frames * dim);
  const denom = 2 * (1 + 4);
  for (let t = 0; t < frames; t++) {
    for (let d = 0; d < dim; d++) {
      let s = 0;
      for (let k = 1; k <= 2; k++) {
        const a = x[Math.min(frames - 1, t + k) * dim + d];
        const b = x[Math.max(0, t - k) * dim + d];
        s += k * (a - b);
      }
      out[t * dim + d] = s / denom;
    }
  }
  return out;
}

/** frames × 39, frame-major. */
export function observations(f: FrameFeatures): Float32Array {
  const T = f.frames;
  const C = f.numCeps;
  if (C !== 13) throw new Error(`observations: expected 13 cepstra, got ${C}`);
  const d1 = deltas(f.mfcc, T, C);
  const d2 = deltas(d1, T, C);
  const obs = new Float32Array(T * OBS_DIM);
  for (let t = 0; t < T; t++) {
    obs.set(f.mfcc.subarray(t * C, (t + 1) * C), t * OBS_DIM);
    obs.set(d1.subarray(t * C, (t + 1) * C), t * OBS_DIM + C);
    obs.set(d2.subarray(t * C, (t + 1) * C), t * OBS_DIM + 2 * C);
  }
  for (let d = 0; d < OBS_DIM; d++) {
    let m = 0;
    for (let t = 0; t < T; t++) m += obs[t * OBS_DIM + d];
    m /= Math.max(1, T);
    let v = 0;
    for (let t = 0; t < T; t++) v += (obs[t * OBS_DIM + d] - m) ** 2;
    const sd = Math.sqrt(v / Math.max(1, T)) || 1;
    for (let t = 0; t < T; t++) obs[t * OBS_DIM + d] = (obs[t * OBS_DIM + d] - m) / sd;
  }
  return obs;
}
