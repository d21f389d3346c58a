// Log-mel filterbank energies per frame, Kaldi-fbank style: per-frame DC removal, pre-emphasis,
// Hamming window, zero-padded power spectrum, triangular mel bands, natural log with a floor.

import { createRealFft } from "./fft";
import { frameCount, frameGeometry, type FrameGeometry, type FrameOptions } from "./framing";
import { createMelFilterbank, type MelFilterbank } from "./mel-filterbank";
import { hammingWindow } from "./window-functions";

export interface LogMelOptions extends FrameOptions {
  /** Number of mel bands (default 80). */
  numMelBins?: number;
  lowHz?: number;
  highHz?: number;
  /** Pre-emphasis coefficient (default 0.97; 0 disables). */
  preEmphasis?: number;
}

export interface LogMel {
  frames: number;
  numMelBins: number;
  /** frames × numMelBins, frame-major. */
  data: Float32Array;
  filterbank: MelFilterbank;
  geometry: FrameGeometry;
}

// log(1e-10) ≈ -23: digital silence gets a finite floor instead of -Infinity.
const POWER_FLOOR = 1e-10;

export function logMelSpectrogram(samples: Float32Array, opts: LogMelOptions = {}): LogMel {
  const g = frameGeometry(opts);
  const numMelBins = opts.numMelBins ?? 80;
  const preEmph = opts.preEmphasis ?? 0.97;
  let fftSize = 2;
  while (fftSize < g.win) fftSize *= 2;
  const fft = createRealFft(fftSize);
  const filterbank = createMelFilterbank({
    sampleRate: g.sampleRate,
    fftSize,
    numBins: numMelBins,
    lowHz: opts.lowHz,
    highHz: opts.highHz,
  });
  const window = hammingWindow(g.win);
  const frames = frameCount(samples.length, g);
  const data = new Float32Array(frames * numMelBins);
  const frame = new Float64Array(g.win);
  const re = new Float64Array(fftSize / 2 + 1);
  const im = new Float64Array(fftSize / 2 + 1);
  const power = new Float64Array(fftSize / 2 + 1);
  const mel = new Float64Array(numMelBins);

  for (let t = 0; t < frames; t++) {
    const start = t * g.hop;
    let mean = 0;
    for (let i = 0; i < g.win; i++) mean += frame[i] = samples[start + i];
    mean /= g.win;
    for (let i = 0; i < g.win; i++) frame[i] -= mean;
    for (let i = g.win - 1; i > 0; i--) frame[i] -= preEmph * frame[i - 1];
    frame[0] -= preEmph * frame[0];
    for (let i = 0; i < g.win; i++) frame[i] *= window[i];
    fft.forward(frame, re, im);
    for (let k = 0; k < power.length; k++) power[k] = re[k] * re[k] + im[k] * im[k];
    filterbank.apply(power, mel);
    const row = t * numMelBins;
    for (let b = 0; b < numMelBins; b++) data[row + b] = Math.log(Math.max(mel[b], POWER_FLOOR));
  }
  return { frames, numMelBins, data, filterbank, geometry: g };
}
