// Frame energy in dB relative to digital full scale: 10·log10(mean square) after removing the
// frame's DC offset (an offset is a recording artefact, not sound). A full-scale sine is -3 dB;
// digital silence is floored at -100 dB rather than -Infinity so the values stay plottable.

import { frameCount, frameGeometry, type FrameOptions } from "./framing";

export const ENERGY_FLOOR_DB = -100;

export function frameEnergyDb(samples: Float32Array, opts: FrameOptions = {}): Float32Array {
  const g = frameGeometry(opts);
  const frames = frameCount(samples.length, g);
  const out = new Float32Array(frames);
  for (let t = 0; t < frames; t++) {
    const start = t * g.hop;
    let sum = 0;
    let sumSq = 0;
    for (let i = start; i < start + g.win; i++) {
      const v = samples[i];
      sum += v;
      sumSq += v * v;
    }
    const mean = sum / g.win;
    const ms = Math.max(0, sumSq / g.win - mean * mean);
    out[t] = Math.max(ENERGY_FLOOR_DB, 10 * Math.log10(ms + 1e-10));
  }
  return out;
}
