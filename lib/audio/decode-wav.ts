// Decodes a validated WAV into mono float samples. Integer PCM is scaled by 1/2^(bits-1), so the
// most negative code maps to exactly -1 and full-scale positive to just under +1 (the usual
// convention; encode-wav inverts it exactly).

import { inspectWav, WavError, type WavInfo } from "./wav-header";

export interface DecodedWav {
  sampleRate: number;
  channels: number;
  /** Mono: the average of all channels, in [-1, 1] (float files may exceed it; not clipped). Throws WavError on NaN/Infinity. */
  samples: Float32Array;
  info: WavInfo;
}

type SampleReader = (view: DataView, bytes: Uint8Array, at: number) => number;

function readerFor(info: WavInfo): SampleReader {
  if (info.format === "float") {
    return info.bitsPerSample === 32
      ? (v, _b, at) => v.getFloat32(at, true)
      : (v, _b, at) => v.getFloat64(at, true);
  }
  switch (info.bitsPerSample) {
    case 8:
      return (_v, b, at) => (b[at] - 128) / 128; // 8-bit WAV is unsigned
    case 16:
      return (v, _b, at) => v.getInt16(at, true) / 32768;
    case 24:
      // Shift the top byte into the sign position, then arithmetic-shift back down.
      return (_v, b, at) => (((b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) << 8) >> 8) / 8388608;
    default:
      return (v, _b, at) => v.getInt32(at, true) / 2147483648;
  }
}

export function decodeWav(buf: Uint8Array): DecodedWav {
  const info = inspectWav(buf);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const { frames, channels } = info;
  const bytesPerSample = info.bitsPerSample / 8;
  const samples = new Float32Array(frames);

  if (info.format === "pcm" && info.bitsPerSample === 16 && channels === 1) {
    // The common case (speech corpora): a dedicated loop, measurably faster than the generic one.
    for (let i = 0, at = info.dataOffset; i < frames; i++, at += 2) samples[i] = view.getInt16(at, true) / 32768;
  } else {
    const read = readerFor(info);
    const inv = 1 / channels;
    let at = info.dataOffset;
    for (let i = 0; i < frames; i++) {
      let sum = 0;
      for (let c = 0; c < channels; c++, at += bytesPerSample) sum += read(view, buf, at);
      samples[i] = channels === 1 ? sum : sum * inv;
    }
  }
  if (info.format === "float") {
    // A NaN or infinity would silently poison every feature computed downstream (one NaN in a
    // resampler's window spreads to hundreds of outputs), so a float file carrying one is refused.
    for (let i = 0; i < frames; i++) {
      if (!Number.isFinite(samples[i])) {
        throw new WavError(`float sample at frame ${i} (${(i / info.sampleRate).toFixed(3)} s) is NaN or infinite`);
      }
    }
  }
  return { sampleRate: info.sampleRate, channels, samples, info };
}
