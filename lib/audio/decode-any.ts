// Decodes recordings in the formats a lab uploads — WAV, FLAC, MP3, Ogg Opus, Ogg Vorbis — with
// the WebAssembly decoders of the wasm-audio-decoders family (no system ffmpeg), and converts them
// to what the models read: 16 kHz mono 16-bit WAV.
import { FLACDecoder } from "@wasm-audio-decoders/flac";
import { OggVorbisDecoder } from "@wasm-audio-decoders/ogg-vorbis";
import { OggOpusDecoder } from "ogg-opus-decoder";
import { MPEGDecoder } from "mpg123-decoder";
import { decodeWav } from "./decode-wav";
import { encodeWav } from "./encode-wav";
import { resample } from "./resample";
import { TARGET_RATE } from "./load-audio";
import type { AudioFormat } from "./formats";

export { FORMAT_EXT, FORMAT_MIME, type AudioFormat } from "./formats";

export class AudioDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AudioDecodeError";
  }
}

const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));

function indexOf(b: Uint8Array, text: string, limit: number): number {
  const end = Math.min(b.length - text.length, limit);
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < text.length; j++) if (b[i + j] !== text.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

/** The format by the file's first bytes (never by its name), or null when it is none we read. */
export function sniffFormat(b: Uint8Array): AudioFormat | null {
  if (b.length >= 12 && ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WAVE") return "wav";
  if (b.length >= 4 && ascii(b, 0, 4) === "fLaC") return "flac";
  if (b.length >= 4 && ascii(b, 0, 4) === "OggS") {
    if (indexOf(b, "OpusHead", 200) >= 0) return "opus";
    if (indexOf(b, "\x01vorbis", 200) >= 0) return "vorbis";
    return null;
  }
  if (b.length >= 3 && ascii(b, 0, 3) === "ID3") return "mp3";
  // An MPEG audio frame header: 11 sync bits, layer III (or II/I), not a reserved version.
  if (b.length >= 4 && b[0] === 0xff && (b[1] & 0xe0) === 0xe0 && (b[1] & 0x06) !== 0 && (b[1] & 0x18) !== 0x08) return "mp3";
  return null;
}

export interface DecodedAudio {
  format: AudioFormat;
  sampleRate: number;
  channels: number;
  durationSec: number;
  /** Mono, at the source rate. */
  mono: Float32Array;
}

function mix(channelData: Float32Array[], frames: number): Float32Array {
  if (channelData.length === 1) return channelData[0].length === frames ? channelData[0] : channelData[0].subarray(0, frames);
  const out = new Float32Array(frames);
  const inv = 1 / channelData.length;
  for (const ch of channelData) for (let i = 0; i < frames; i++) out[i] += ch[i];
  for (let i = 0; i < frames; i++) out[i] *= inv;
  return out;
}

type Decoded = { channelData: Float32Array[]; samplesDecoded: number; sampleRate: number; errors: { message: string }[] };

/**
 * One decoder per format, made on first use and reset between files (instantiating the WASM
 * module per file would cost more than decoding a short recording).
 */
export class AudioDecoders {
  private flac?: FLACDecoder;
  private vorbis?: OggVorbisDecoder;
  private opus?: OggOpusDecoder;
  private mpeg?: MPEGDecoder;

  async decode(bytes: Uint8Array): Promise<DecodedAudio> {
    const format = sniffFormat(bytes);
    if (!format) throw new AudioDecodeError("not a WAV, FLAC, MP3, Ogg Opus or Ogg Vorbis file (unrecognised header)");
    if (format === "wav") {
      let d;
      try {
        d = decodeWav(bytes);
      } catch (e) {
        throw new AudioDecodeError(`WAV: ${(e as Error).message}`);
      }
      return this.checked(format, { mono: d.samples, sampleRate: d.sampleRate, channels: d.channels });
    }
    let r: Decoded;
    try {
      r = await this.decodeCompressed(format, bytes);
    } catch (e) {
      throw new AudioDecodeError(`${format.toUpperCase()}: ${(e as Error).message}`);
    }
    if (r.errors?.length) throw new AudioDecodeError(`${format.toUpperCase()}: ${r.errors[0].message}${r.errors.length > 1 ? ` (and ${r.errors.length - 1} more errors)` : ""}`);
    if (!r.samplesDecoded || !r.channelData.length) throw new AudioDecodeError(`${format.toUpperCase()}: no audio could be decoded`);
    return this.checked(format, { mono: mix(r.channelData, r.samplesDecoded), sampleRate: r.sampleRate, channels: r.channelData.length });
  }

  private checked(format: AudioFormat, d: { mono: Float32Array; sampleRate: number; channels: number }): DecodedAudio {
    if (!d.mono.length) throw new AudioDecodeError(`${format.toUpperCase()}: the recording has no samples`);
    if (!Number.isInteger(d.sampleRate) || d.sampleRate < 1000) throw new AudioDecodeError(`${format.toUpperCase()}: unusable sample rate ${d.sampleRate}`);
    return { format, ...d, durationSec: d.mono.length / d.sampleRate };
  }

  private async decodeCompressed(format: Exclude<AudioFormat, "wav">, bytes: Uint8Array): Promise<Decoded> {
    switch (format) {
      case "flac": {
        const d = (this.flac ??= new FLACDecoder());
        await d.ready;
        await d.reset();
        return (await d.decodeFile(bytes)) as Decoded;
      }
      case "vorbis": {
        const d = (this.vorbis ??= new OggVorbisDecoder());
        await d.ready;
        await d.reset();
        return (await d.decodeFile(bytes)) as Decoded;
      }
      case "opus": {
        // libopus decodes at 16 kHz itself (Opus is band-limited by design): no 48 kHz round trip
        // through the resampler. The option exists in the decoder but not in its type declarations.
        const d = (this.opus ??= new OggOpusDecoder({ sampleRate: TARGET_RATE } as ConstructorParameters<typeof OggOpusDecoder>[0]));
        await d.ready;
        await d.reset();
        return (await d.decodeFile(bytes)) as Decoded;
      }
      case "mp3": {
        const d = (this.mpeg ??= new MPEGDecoder());
        await d.ready;
        await d.reset();
        return d.decode(bytes) as Decoded;
      }
    }
  }

  free(): void {
    this.flac?.free();
    this.vorbis?.free();
    this.opus?.free();
    this.mpeg?.free();
    this.flac = this.vorbis = this.opus = this.mpeg = undefined;
  }
}

/** 16 kHz mono 16-bit WAV bytes of a decoded recording (what the models read). */
export function toModelWav(d: DecodedAudio): Uint8Array {
  const x = d.sampleRate === TARGET_RATE ? d.mono : resample(d.mono, d.sampleRate, TARGET_RATE);
  if (!LITTLE_ENDIAN) return encodeWav(x, TARGET_RATE, { bitsPerSample: 16 });
  // encodeWav's header with a typed-array fill of the samples (the same quantisation, several times faster).
  const out = encodeWav(new Float32Array(0), TARGET_RATE, { bitsPerSample: 16 });
  const wav = new Uint8Array(out.length + x.length * 2);
  wav.set(out);
  const view = new DataView(wav.buffer);
  view.setUint32(4, wav.length - 8, true);
  view.setUint32(40, x.length * 2, true);
  const pcm = new Int16Array(wav.buffer, out.length, x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const q = v === v ? Math.round(v * 32768) : 0;
    pcm[i] = q > 32767 ? 32767 : q < -32768 ? -32768 : q;
  }
  return wav;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
