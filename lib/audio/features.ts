// Frame-level acoustic features for a 16 kHz mono signal (25 ms window, 10 ms hop by default):
// log-mel filterbank, MFCC, energy and F0, all on the same frame grid (see framing.ts), so frame t
// of every array describes the same 25 ms of audio.

import { frameEnergyDb } from "./frame-energy";
import { frameGeometry, type FrameOptions } from "./framing";
import { logMelSpectrogram, type LogMelOptions } from "./log-mel";
import { mfccFromLogMel } from "./mfcc";
import { trackPitch, type PitchOptions } from "./pitch-yin";

export { createRealFft } from "./fft";
export { frameCount, frameGeometry, frameTimeSec } from "./framing";
export { createMelFilterbank, hzToMel, melToHz } from "./mel-filterbank";
export { logMelSpectrogram } from "./log-mel";
export { dctMatrix, mfccFromLogMel } from "./mfcc";
export { frameEnergyDb, ENERGY_FLOOR_DB } from "./frame-energy";
export { trackPitch } from "./pitch-yin";

export interface FeatureOptions extends FrameOptions {
  numMelBins?: number; // default 80
  numCeps?: number; // default 13
  preEmphasis?: number; // default 0.97
  pitch?: Omit<PitchOptions, keyof FrameOptions>;
}

export interface FrameFeatures {
  frames: number;
  sampleRate: number;
  hopSec: number;
  windowSec: number;
  numMelBins: number;
  numCeps: number;
  /** frames × numMelBins, frame-major, natural log of mel-band power. */
  logMel: Float32Array;
  /** frames × numCeps, frame-major. */
  mfcc: Float32Array;
  /** dB re full scale, floored at -100. */
  energyDb: Float32Array;
  /** Hz, 0 where unvoiced. */
  f0Hz: Float32Array;
  voiced: Uint8Array;
  periodicity: Float32Array;
}

export function computeFeatures(samples: Float32Array, opts: FeatureOptions = {}): FrameFeatures {
  const frameOpts: FrameOptions = { sampleRate: opts.sampleRate, windowSec: opts.windowSec, hopSec: opts.hopSec };
  const g = frameGeometry(frameOpts);
  const melOpts: LogMelOptions = { ...frameOpts, numMelBins: opts.numMelBins, preEmphasis: opts.preEmphasis };
  const mel = logMelSpectrogram(samples, melOpts);
  const numCeps = opts.numCeps ?? 13;
  const pitch = trackPitch(samples, { ...frameOpts, ...opts.pitch });
  return {
    frames: mel.frames,
    sampleRate: g.sampleRate,
    hopSec: g.hop / g.sampleRate,
    windowSec: g.win / g.sampleRate,
    numMelBins: mel.numMelBins,
    numCeps,
    logMel: mel.data,
    mfcc: mfccFromLogMel(mel.data, mel.numMelBins, numCeps),
    energyDb: frameEnergyDb(samples, frameOpts),
    f0Hz: pitch.f0Hz,
    voiced: pitch.voiced,
    periodicity: pitch.periodicity,
  };
}
