// F0 tracking with YIN (de Cheveigné & Kawahara 2002): difference function, cumulative mean
// normalisation, absolute threshold, parabolic interpolation. One estimate per feature frame,
// from an analysis segment of win + maxLag samples centred on the frame centre, so the lowest
// pitch still has a full window of lagged comparisons. Samples outside the signal count as silence.
//
// A frame is voiced when the normalised difference dips below `threshold` somewhere in the lag
// range and the segment is louder than `minEnergyDb`; otherwise f0 is 0. No smoothing across
// frames: callers that want a contour (median filter, octave-jump repair) add it on top.

import { frameCount, frameGeometry, type FrameOptions } from "./framing";
import { forEachYinDifference } from "./yin-difference";

export interface PitchOptions extends FrameOptions {
  minHz?: number; // default 60
  maxHz?: number; // default 500
  /** YIN absolute threshold on the normalised difference (default 0.15; the paper uses 0.1–0.15). */
  threshold?: number;
  /** Segments quieter than this (dB re full scale) are unvoiced (default -60). */
  minEnergyDb?: number;
}

export interface PitchTrack {
  /** Hz, 0 on unvoiced frames. */
  f0Hz: Float32Array;
  voiced: Uint8Array;
  /** 1 − the normalised difference at the chosen lag: near 1 for clean periodic frames. */
  periodicity: Float32Array;
}

export function trackPitch(samples: Float32Array, opts: PitchOptions = {}): PitchTrack {
  const g = frameGeometry(opts);
  const minHz = opts.minHz ?? 60;
  const maxHz = opts.maxHz ?? 500;
  const threshold = opts.threshold ?? 0.15;
  const minEnergyDb = opts.minEnergyDb ?? -60;
  if (!(minHz > 0 && minHz < maxHz && maxHz < g.sampleRate / 2)) {
    throw new RangeError(`pitch range ${minHz}..${maxHz} Hz is invalid at ${g.sampleRate} Hz`);
  }
  const minLag = Math.max(2, Math.floor(g.sampleRate / maxHz));
  const maxLag = Math.ceil(g.sampleRate / minHz);
  const W = g.win;
  const frames = frameCount(samples.length, g);
  const f0Hz = new Float32Array(frames);
  const voiced = new Uint8Array(frames);
  const periodicity = new Float32Array(frames);
  const cmnd = new Float64Array(maxLag + 2);
  const n = samples.length;
  const lead = maxLag >> 1; // centres the W + maxLag analysis span on the frame centre

  forEachYinDifference(samples, { frames, hop: g.hop, win: W, lead, maxTau: maxLag + 1 }, (t, diff) => {
    // Gate on the frame's own energy (its 25 ms), not the wider YIN span.
    let energy = 0;
    const start = t * g.hop;
    for (let i = start; i < start + W && i < n; i++) energy += samples[i] * samples[i];
    const energyDb = 10 * Math.log10(energy / W + 1e-12);

    // d'(τ) = d(τ)·τ / Σ_{j≤τ} d(j); computed up to maxLag + 1 so the peak search can look right.
    const d = cmnd;
    let cumulative = 0;
    d[0] = 1;
    for (let tau = 1; tau <= maxLag + 1; tau++) {
      cumulative += diff[tau];
      d[tau] = cumulative > 0 ? (diff[tau] * tau) / cumulative : 1;
    }

    let best = -1;
    for (let tau = minLag; tau <= maxLag; tau++) {
      if (d[tau] < threshold) {
        while (tau + 1 <= maxLag && d[tau + 1] < d[tau]) tau++;
        best = tau;
        break;
      }
    }
    if (best < 0 || energyDb < minEnergyDb) {
      let min = 1;
      for (let tau = minLag; tau <= maxLag; tau++) min = Math.min(min, d[tau]);
      periodicity[t] = Math.max(0, 1 - min);
      return;
    }
    // Parabolic interpolation through (τ-1, τ, τ+1) for sub-sample lag resolution.
    const a = d[best - 1];
    const b = d[best];
    const c = d[best + 1];
    const denom = a - 2 * b + c;
    const shift = denom > 0 ? (0.5 * (a - c)) / denom : 0;
    const lag = best + Math.max(-0.5, Math.min(0.5, shift));
    f0Hz[t] = g.sampleRate / lag;
    voiced[t] = 1;
    periodicity[t] = Math.max(0, 1 - b);
  });
  return { f0Hz, voiced, periodicity };
}
