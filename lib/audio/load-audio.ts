// The one entry point the scorer and the importer use: any supported WAV in, 16 kHz mono out.

import { decodeWav } from "./decode-wav";
import { resample } from "./resample";

export const TARGET_RATE = 16000;

export interface LoadedAudio {
  /** 16 kHz mono samples. */
  samples: Float32Array;
  sourceRate: number;
  durationSec: number;
}

/** Throws WavError (from inspectWav) when the file is not a readable WAV. */
export function loadAudio16k(buf: Uint8Array): LoadedAudio {
  const { samples, sampleRate } = decodeWav(buf);
  const out = sampleRate === TARGET_RATE ? samples : resample(samples, sampleRate, TARGET_RATE);
  return { samples: out, sourceRate: sampleRate, durationSec: out.length / TARGET_RATE };
}
