// Writes RIFF/WAVE files. The quantisation is the exact inverse of decode-wav's scaling
// (integer / 2^(bits-1)), so a value that is representable survives a round trip bit-for-bit.

export interface EncodeWavOptions {
  format?: "pcm" | "float";
  /** PCM: 8, 16 (default), 24, 32. Float: 32 (default), 64. */
  bitsPerSample?: 8 | 16 | 24 | 32 | 64;
  /** Write a WAVE_FORMAT_EXTENSIBLE header (tag 0xFFFE) instead of the plain tag. */
  extensible?: boolean;
}

const GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

function writeAscii(out: Uint8Array, at: number, text: string): void {
  for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
}

// Clamp before rounding so out-of-range input saturates instead of wrapping; NaN becomes silence.
function quantise(x: number, scale: number, max: number): number {
  if (!(x === x)) return 0;
  const q = Math.round(x * scale);
  return q > max ? max : q < -scale ? -scale : q;
}

export function encodeWav(
  samples: Float32Array | Float32Array[],
  sampleRate: number,
  opts: EncodeWavOptions = {},
): Uint8Array {
  const channels = Array.isArray(samples) ? samples : [samples];
  if (channels.length < 1) throw new RangeError("encodeWav needs at least one channel");
  const frames = channels[0].length;
  if (channels.some((c) => c.length !== frames)) {
    throw new RangeError("encodeWav: all channels must have the same length");
  }
  if (!Number.isInteger(sampleRate) || sampleRate < 1) {
    throw new RangeError(`encodeWav: sample rate must be a positive integer, got ${sampleRate}`);
  }
  const format = opts.format ?? "pcm";
  const bits = opts.bitsPerSample ?? (format === "pcm" ? 16 : 32);
  const allowed = format === "pcm" ? [8, 16, 24, 32] : [32, 64];
  if (!allowed.includes(bits)) {
    throw new RangeError(`encodeWav: ${bits}-bit ${format} is not supported (use ${allowed.join(", ")})`);
  }

  const nch = channels.length;
  const bytesPerSample = bits / 8;
  const blockAlign = nch * bytesPerSample;
  const dataBytes = frames * blockAlign;
  const fmtSize = opts.extensible ? 40 : 16;
  const pad = dataBytes % 2; // odd data (8-bit, odd frame count) gets the RIFF pad byte
  const total = 12 + 8 + fmtSize + 8 + dataBytes + pad;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);

  writeAscii(out, 0, "RIFF");
  view.setUint32(4, total - 8, true);
  writeAscii(out, 8, "WAVE");
  writeAscii(out, 12, "fmt ");
  view.setUint32(16, fmtSize, true);
  const tag = format === "pcm" ? 1 : 3;
  view.setUint16(20, opts.extensible ? 0xfffe : tag, true);
  view.setUint16(22, nch, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, bits, true);
  if (opts.extensible) {
    view.setUint16(36, 22, true); // cbSize
    view.setUint16(38, bits, true); // valid bits
    view.setUint32(40, nch === 1 ? 0x4 : nch === 2 ? 0x3 : 0, true); // speaker mask: FC, or FL|FR
    view.setUint16(44, tag, true);
    GUID_TAIL.forEach((b, i) => (out[46 + i] = b));
  }
  const dataStart = 12 + 8 + fmtSize;
  writeAscii(out, dataStart, "data");
  view.setUint32(dataStart + 4, dataBytes, true);

  let p = dataStart + 8;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < nch; c++) {
      const x = channels[c][i];
      switch (format === "float" ? bits : -bits) {
        case 32:
          view.setFloat32(p, x, true);
          break;
        case 64:
          view.setFloat64(p, x, true);
          break;
        case -8:
          out[p] = quantise(x, 128, 127) + 128; // 8-bit WAV is unsigned, centred on 128
          break;
        case -16:
          view.setInt16(p, quantise(x, 32768, 32767), true);
          break;
        case -24: {
          const q = quantise(x, 8388608, 8388607);
          out[p] = q & 0xff;
          out[p + 1] = (q >> 8) & 0xff;
          out[p + 2] = (q >> 16) & 0xff;
          break;
        }
        case -32:
          view.setInt32(p, quantise(x, 2147483648, 2147483647), true);
          break;
      }
      p += bytesPerSample;
    }
  }
  return out;
}
