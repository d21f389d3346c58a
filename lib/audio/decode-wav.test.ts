import path from "node:path";
import { SO762_DIR } from "@/tests/helpers/corpus";
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { decodeWav } from "./decode-wav";
import { encodeWav, type EncodeWavOptions } from "./encode-wav";
import { WavError } from "./wav-header";
import { ascii, chunk, concat, fmtBody, randomBytes, riff, seededRandom } from "./wav-test-fixtures";

const REAL_WAV = path.join(SO762_DIR, "WAVE/SPEAKER0003/000030012.WAV");

// Values on each format's grid, so integer round trips are exact.
function gridNoise(n: number, seed: number, bits: number): Float32Array {
  const rnd = seededRandom(seed);
  const scale = 2 ** (Math.min(bits, 24) - 1); // float32 holds 24 bits of mantissa
  return Float32Array.from({ length: n }, () => Math.floor((rnd() * 2 - 1) * scale) / scale);
}

function wavFromData(fields: Parameters<typeof fmtBody>[0], data: number[]): Uint8Array {
  return riff([chunk("fmt ", fmtBody(fields)), chunk("data", Uint8Array.from(data))]);
}

const VARIANTS: [EncodeWavOptions["format"], NonNullable<EncodeWavOptions["bitsPerSample"]>][] = [
  ["pcm", 8],
  ["pcm", 16],
  ["pcm", 24],
  ["pcm", 32],
  ["float", 32],
  ["float", 64],
];

describe("encodeWav → decodeWav round trip", () => {
  for (const [format, bits] of VARIANTS) {
    for (const extensible of [false, true]) {
      const label = `${format} ${bits}-bit${extensible ? " extensible" : ""}`;

      it(`${label} mono is exact`, () => {
        const x = gridNoise(1001, bits, bits);
        const out = decodeWav(encodeWav(x, 22050, { format, bitsPerSample: bits, extensible }));
        expect(out.sampleRate).toBe(22050);
        expect(out.channels).toBe(1);
        expect(out.info).toMatchObject({ format, bitsPerSample: bits, frames: 1001 });
        expect(Array.from(out.samples)).toEqual(Array.from(x));
      });

      it(`${label} stereo averages the channels`, () => {
        const left = gridNoise(500, 100 + bits, bits);
        const right = gridNoise(500, 200 + bits, bits);
        const out = decodeWav(encodeWav([left, right], 48000, { format, bitsPerSample: bits, extensible }));
        expect(out.channels).toBe(2);
        expect(out.samples.length).toBe(500);
        for (let i = 0; i < 500; i++) expect(out.samples[i]).toBeCloseTo((left[i] + right[i]) / 2, 7);
      });
    }
  }

  it("downmixes more than two channels", () => {
    const ch = [Float32Array.of(0.5, -0.5), Float32Array.of(0.25, 0), Float32Array.of(0, 0.5)];
    const out = decodeWav(encodeWav(ch, 8000, { format: "float" }));
    expect(out.channels).toBe(3);
    expect(out.samples[0]).toBeCloseTo(0.25, 7);
    expect(out.samples[1]).toBeCloseTo(0, 7);
  });

  it("clips out-of-range input and writes NaN as silence", () => {
    const out = decodeWav(encodeWav(Float32Array.of(1.5, -2, NaN, 1), 8000));
    expect(Array.from(out.samples)).toEqual([32767 / 32768, -1, 0, 32767 / 32768]);
  });

  it("rejects mismatched channel lengths and unsupported widths", () => {
    expect(() => encodeWav([new Float32Array(3), new Float32Array(4)], 8000)).toThrow(/same length/);
    expect(() => encodeWav(new Float32Array(3), 8000, { format: "float", bitsPerSample: 16 })).toThrow(/16-bit float/);
    expect(() => encodeWav(new Float32Array(3), 0)).toThrow(/positive integer/);
  });
});

describe("decodeWav known sample values", () => {
  it("16-bit: 32767 → ~1, -32768 → -1, 0 → 0", () => {
    const s = decodeWav(wavFromData({ bits: 16 }, [0xff, 0x7f, 0x00, 0x80, 0, 0, 0x01, 0x00])).samples;
    expect(s[0]).toBeCloseTo(0.99997, 5);
    expect(s[1]).toBe(-1);
    expect(s[2]).toBe(0);
    expect(s[3]).toBeCloseTo(1 / 32768, 10);
  });

  it("8-bit is unsigned: 0 → -1, 128 → 0, 255 → ~1", () => {
    const s = decodeWav(wavFromData({ bits: 8 }, [0, 128, 255])).samples;
    expect(Array.from(s)).toEqual([-1, 0, 127 / 128]);
  });

  it("24-bit sign-extends: 0x800000 → -1, 0x7FFFFF → ~1, 0xFFFFFF → -1/2^23", () => {
    const s = decodeWav(wavFromData({ bits: 24 }, [0, 0, 0x80, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff])).samples;
    expect(s[0]).toBe(-1);
    expect(s[1]).toBeCloseTo(1, 6);
    expect(s[2]).toBeCloseTo(-1 / 8388608, 12);
  });

  it("32-bit int: INT32_MIN → -1", () => {
    const s = decodeWav(wavFromData({ bits: 32 }, [0, 0, 0, 0x80, 0xff, 0xff, 0xff, 0x7f])).samples;
    expect(s[0]).toBe(-1);
    expect(s[1]).toBeCloseTo(1, 7);
  });

  it("a 16-bit stereo frame (32767, -32768) averages to ~0", () => {
    const s = decodeWav(wavFromData({ bits: 16, channels: 2 }, [0xff, 0x7f, 0x00, 0x80])).samples;
    expect(s[0]).toBeCloseTo(-0.5 / 32768, 10);
  });

  it("decodes a real speechocean762 recording", () => {
    if (!existsSync(REAL_WAV)) throw new Error(`speechocean762 sample missing: ${REAL_WAV}`);
    const bytes = new Uint8Array(readFileSync(REAL_WAV));
    const out = decodeWav(bytes);
    expect(out.sampleRate).toBe(16000);
    expect(out.samples.length).toBe((bytes.length - 44) / 2);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(out.samples[0]).toBe(view.getInt16(44, true) / 32768);
    let peak = 0;
    for (const v of out.samples) peak = Math.max(peak, Math.abs(v));
    expect(peak).toBeGreaterThan(0.01); // speech, not silence
    expect(peak).toBeLessThanOrEqual(1);
  });
});

describe("decodeWav on broken files", () => {
  const message = (buf: Uint8Array): string => {
    try {
      decodeWav(buf);
    } catch (e) {
      expect(e).toBeInstanceOf(WavError);
      return (e as Error).message;
    }
    throw new Error("expected decodeWav to throw");
  };
  const good = encodeWav(new Float32Array(100), 16000);

  it("truncated data", () => {
    expect(message(good.subarray(0, 100))).toBe("truncated: the data chunk declares 200 bytes but only 56 are present");
  });
  it("not audio: random bytes, a text file, an MP3", () => {
    expect(message(randomBytes(4096, 7))).toMatch(/^not a RIFF\/WAVE file/);
    expect(message(ascii("hello, this is a transcript\n"))).toBe('not a RIFF/WAVE file: starts with "hell"');
    expect(message(concat(Uint8Array.of(0xff, 0xfb, 0x90, 0x44), new Uint8Array(417)))).toBe(
      'not a RIFF/WAVE file: starts with "...D"',
    );
  });
  it("missing fmt", () => {
    expect(message(riff([chunk("data", new Uint8Array(8))]))).toBe("no fmt chunk before the data chunk");
  });
  it("zero-length data", () => {
    expect(message(riff([chunk("fmt ", fmtBody()), chunk("data", new Uint8Array(0))]))).toBe(
      "empty: the data chunk holds no samples",
    );
  });
  it("odd chunk padding is honoured", () => {
    const wav = riff([chunk("fmt ", fmtBody({ bits: 8 })), chunk("bext", ascii("x")), chunk("data", Uint8Array.of(255, 0, 128))]);
    expect(Array.from(decodeWav(wav).samples)).toEqual([127 / 128, -1, 0]);
  });
  it("a float file carrying NaN or infinity", () => {
    expect(message(encodeWav(Float32Array.of(0, 0.5, NaN, 0), 8000, { format: "float" }))).toBe(
      "float sample at frame 2 (0.000 s) is NaN or infinite",
    );
    const inf = encodeWav([Float32Array.of(0, Infinity), Float32Array.of(0, 0)], 16000, { format: "float", bitsPerSample: 64 });
    expect(message(inf)).toBe("float sample at frame 1 (0.000 s) is NaN or infinite");
  });
  it("unsupported format tag (2 = ADPCM)", () => {
    const wav = riff([chunk("fmt ", fmtBody({ tag: 2, bits: 4, blockAlign: 256 })), chunk("data", new Uint8Array(256))]);
    expect(message(wav)).toMatch(/^unsupported WAV format tag 2 \(0x0002, Microsoft ADPCM\)/);
  });
});
