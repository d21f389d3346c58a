/**
 * Property tests for the WAV reader. Round trip: whatever encodeWav writes (PCM 8/16/24/32, float
 * 32/64, plain or extensible, any rate and length) decodes to the same samples within one
 * quantisation step, and exactly when the samples lie on the format's grid. Hostile input: for
 * random bytes, mutated, truncated and spliced files, and size/fmt fields set to huge or odd
 * values, decodeWav either returns a well-formed result no larger than the input allows or throws
 * a WavError with a message; never a RangeError/TypeError. Seeded, so a failure reproduces.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeWav, type DecodedWav } from "./decode-wav";
import { encodeWav } from "./encode-wav";
import { WavError } from "./wav-header";
import { ascii, chunk, concat, fmtBody, riff, seededRandom } from "./wav-test-fixtures";

type Variant = { format: "pcm" | "float"; bits: 8 | 16 | 24 | 32 | 64 };
const VARIANTS: Variant[] = [
  { format: "pcm", bits: 8 },
  { format: "pcm", bits: 16 },
  { format: "pcm", bits: 24 },
  { format: "pcm", bits: 32 },
  { format: "float", bits: 32 },
  { format: "float", bits: 64 },
];
const variant = fc.constantFrom(...VARIANTS);
const sampleRate = fc.oneof(fc.constantFrom(1, 8000, 16000, 22050, 44100, 48000, 96000, 384_000), fc.integer({ min: 1, max: 384_000 }));

/** Decodes, or returns the WavError; anything else thrown fails the property with its stack. */
function decodeOrWavError(buf: Uint8Array): DecodedWav | WavError {
  try {
    return decodeWav(buf);
  } catch (e) {
    if (!(e instanceof WavError)) throw new Error(`decodeWav threw ${String(e)} instead of a WavError`, { cause: e });
    return e;
  }
}

/** What any successful decode must satisfy, however strange the input was. */
function expectWellFormed(buf: Uint8Array, out: DecodedWav): void {
  const { info, samples } = out;
  expect(info.sampleRate).toBeGreaterThanOrEqual(1);
  expect(info.sampleRate).toBeLessThanOrEqual(384_000);
  expect(info.channels).toBeGreaterThanOrEqual(1);
  expect(info.frames).toBeGreaterThanOrEqual(1);
  expect(samples.length).toBe(info.frames);
  expect(info.dataBytes).toBe(info.frames * info.channels * (info.bitsPerSample / 8));
  expect(info.dataOffset + info.dataBytes).toBeLessThanOrEqual(buf.length);
  // Memory is bounded by the input, whatever the header claims: at most one float per byte.
  expect(samples.length).toBeLessThanOrEqual(buf.length);
  expect(Number.isFinite(info.durationSec)).toBe(true);
  for (const s of samples) {
    expect(Number.isFinite(s)).toBe(true);
    if (info.format === "pcm") expect(Math.abs(s)).toBeLessThanOrEqual(1);
  }
}

function expectWellBehaved(buf: Uint8Array): DecodedWav | WavError {
  const out = decodeOrWavError(buf);
  if (out instanceof WavError) expect(out.message.length).toBeGreaterThan(10);
  else expectWellFormed(buf, out);
  return out;
}

describe("encodeWav → decodeWav round trip (property)", () => {
  it("samples on the format's grid come back exactly (mono and stereo)", () => {
    const input = fc
      .record({ v: variant, channels: fc.integer({ min: 1, max: 2 }), rate: sampleRate, frames: fc.integer({ min: 1, max: 300 }), extensible: fc.boolean(), seed: fc.nat() })
      .map((r) => {
        // Integer codes k / 2^(bits-1), including both extremes; float formats use the 24-bit grid.
        // For 32-bit PCM the codes are float32-representable ones: 2^31-1 would read back as 1.0.
        const bits = r.v.format === "pcm" ? r.v.bits : 24;
        const scale = 2 ** (bits - 1);
        const unit = 2 ** Math.max(0, bits - 24);
        const rnd = seededRandom(r.seed);
        const code = () => {
          const u = rnd();
          return u < 0.05 ? -scale : u > 0.95 ? scale - unit : (Math.floor(rnd() * (2 * scale / unit)) - scale / unit) * unit;
        };
        const chans = Array.from({ length: r.channels }, () => Float32Array.from({ length: r.frames }, () => code() / scale));
        return { ...r, chans };
      });
    fc.assert(
      fc.property(input, ({ v, rate, frames, extensible, chans }) => {
        const out = decodeWav(encodeWav(chans, rate, { format: v.format, bitsPerSample: v.bits, extensible }));
        expect(out.info).toMatchObject({ format: v.format, bitsPerSample: v.bits, channels: chans.length, sampleRate: rate, frames });
        const expected = chans.length === 1 ? chans[0] : Float32Array.from(chans[0], (a, i) => (a + chans[1][i]) * 0.5);
        expect(out.samples).toEqual(expected);
      }),
      { seed: 8, numRuns: 300 },
    );
  });

  it("arbitrary samples in [-1, 1] come back within one quantisation step (1-3 channels)", () => {
    const input = fc.record({
      v: variant,
      rate: sampleRate,
      extensible: fc.boolean(),
      chans: fc
        .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 200 }))
        .chain(([c, n]) => fc.array(fc.float32Array({ minLength: n, maxLength: n, min: -1, max: 1, noNaN: true }), { minLength: c, maxLength: c })),
    });
    fc.assert(
      fc.property(input, ({ v, rate, extensible, chans }) => {
        const out = decodeWav(encodeWav(chans, rate, { format: v.format, bitsPerSample: v.bits, extensible }));
        expect(out.samples.length).toBe(chans[0].length);
        // Rounding is half a step, but +1.0 saturates at (2^(b-1)-1)/2^(b-1): a full step.
        const step = v.format === "pcm" ? 2 ** -(v.bits - 1) : 0;
        const tol = step + 2 ** -23; // plus float32 rounding of the downmix
        for (let i = 0; i < out.samples.length; i++) {
          let mean = 0;
          for (const c of chans) mean += c[i];
          mean /= chans.length;
          const err = Math.abs(out.samples[i] - mean);
          if (err > tol) throw new Error(`frame ${i}: decoded ${out.samples[i]}, expected ${mean} ± ${tol}`);
        }
      }),
      { seed: 9, numRuns: 300 },
    );
  });
});

// ---- hostile input ----

const u32 = fc.oneof(
  fc.constantFrom(0, 1, 2, 3, 7, 0x7ffff000, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffff0, 0xfffffffe, 0xffffffff),
  fc.integer({ min: 0, max: 0xffffffff }),
);
const u16 = fc.oneof(fc.constantFrom(0, 1, 2, 3, 4, 8, 16, 24, 32, 64, 0x8000, 0xfffe, 0xffff), fc.integer({ min: 0, max: 0xffff }));

/** A valid file of any supported layout, 0-40 frames (0 is the "empty" error). */
const validWav = fc
  .record({ v: variant, channels: fc.integer({ min: 1, max: 3 }), rate: sampleRate, frames: fc.integer({ min: 0, max: 40 }), extensible: fc.boolean(), seed: fc.nat() })
  .map(({ v, channels, rate, frames, extensible, seed }) => {
    const rnd = seededRandom(seed);
    const chans = Array.from({ length: channels }, () => Float32Array.from({ length: frames }, () => rnd() * 2 - 1));
    return encodeWav(chans, rate, { format: v.format, bitsPerSample: v.bits, extensible });
  });

type Mutation = (buf: Uint8Array) => Uint8Array;
const setU32 = (at: number, value: number): Mutation => (buf) => {
  if (at + 4 <= buf.length) new DataView(buf.buffer, buf.byteOffset, buf.byteLength).setUint32(at, value, true);
  return buf;
};
const setU16 = (at: number, value: number): Mutation => (buf) => {
  if (at + 2 <= buf.length) new DataView(buf.buffer, buf.byteOffset, buf.byteLength).setUint16(at, value, true);
  return buf;
};
/** Offset of the data chunk's size field in an encodeWav file (plain 16-byte or extensible 40-byte fmt). */
const dataSizeAt = (buf: Uint8Array) => 12 + 8 + (buf[16] === 40 ? 40 : 16) + 4;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // Overwrite bytes anywhere.
  fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((edits): Mutation => (buf) => {
    for (const [at, b] of edits) if (buf.length) buf[at % buf.length] = b;
    return buf;
  }),
  // Truncate.
  fc.nat().map((n): Mutation => (buf) => buf.subarray(0, buf.length ? n % (buf.length + 1) : 0)),
  // Size fields: RIFF, fmt, data, set to anything (including 4 GB and odd values).
  fc.tuple(fc.constantFrom("riff", "fmt", "data"), u32).map(([which, value]): Mutation => (buf) =>
    setU32(which === "riff" ? 4 : which === "fmt" ? 16 : dataSizeAt(buf), value)(buf),
  ),
  // fmt fields: tag, channels, block align, bits (u16) and sample rate, byte rate (u32).
  fc.tuple(fc.constantFrom(20, 22, 32, 34, 38, 44), u16).map(([at, v]) => setU16(at, v)),
  fc.tuple(fc.constantFrom(24, 28), u32).map(([at, v]) => setU32(at, v)),
  // Cut out and/or insert bytes somewhere (shifts every later chunk).
  fc.tuple(fc.nat(), fc.nat({ max: 16 }), fc.uint8Array({ maxLength: 16 })).map(([at, del, ins]): Mutation => (buf) => {
    const p = buf.length ? at % buf.length : 0;
    return concat(buf.subarray(0, p), ins, buf.subarray(Math.min(buf.length, p + del)));
  }),
  // An extra chunk (any printable or unprintable id, any declared size, padded or not) after the header.
  fc
    .tuple(fc.uint8Array({ minLength: 4, maxLength: 4 }), fc.uint8Array({ maxLength: 9 }), fc.option(u32), fc.boolean(), fc.constantFrom(12, 36))
    .map(([id, body, declared, pad, at]): Mutation => (buf) => {
      const c = chunk(String.fromCharCode(...id), body, { declaredSize: declared ?? undefined, pad });
      return concat(buf.subarray(0, Math.min(at, buf.length)), c, buf.subarray(Math.min(at, buf.length)));
    }),
);

const mutatedWav = fc.tuple(validWav, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([wav, ms]) => ms.reduce((b, m) => m(b), wav));

describe("decodeWav on hostile input (property)", () => {
  it.each([
    ["random bytes", fc.uint8Array({ maxLength: 300, size: "max" }), 1, 500, 0],
    ["random bytes behind a RIFF/WAVE header", fc.tuple(u32, fc.uint8Array({ maxLength: 300, size: "max" })).map(([size, rest]) => {
      const head = concat(ascii("RIFF"), new Uint8Array(4), ascii("WAVE"));
      new DataView(head.buffer).setUint32(4, size, true);
      return concat(head, rest);
    }), 2, 500, 0],
    ["random chunks behind a valid fmt chunk", fc.tuple(fmtFields(), fc.array(fc.tuple(fc.constantFrom("data", "fmt ", "LIST", "JUNK", "\0\0\0\0"), fc.uint8Array({ maxLength: 40 }), fc.option(u32)), { maxLength: 4 })).map(([f, cs]) =>
      riff([chunk("fmt ", fmtBody(f)), ...cs.map(([id, body, declared]) => chunk(id, body, { declaredSize: declared ?? undefined }))]),
    ), 3, 500, 0],
    // Many mutations leave a decodable file (a sample byte changed, a chunk added): those must be checked too.
    ["mutated, truncated and spliced valid files", mutatedWav, 4, 3000, 150],
  ] as const)("only ever returns a well-formed result or throws a WavError: %s", (_, arb, seed, numRuns, minDecoded) => {
    let decoded = 0;
    fc.assert(
      fc.property(arb, (buf) => {
        if (!(expectWellBehaved(buf) instanceof WavError)) decoded++;
      }),
      { seed, numRuns },
    );
    expect(decoded).toBeGreaterThanOrEqual(minDecoded);
  });

  it("a size field claiming up to 4 GB never sizes the allocation", () => {
    // Small file, 16-bit stereo: 10 frames = 40 bytes of data.
    const wav = encodeWav([new Float32Array(10).fill(0.25), new Float32Array(10).fill(-0.25)], 16000);
    const at = dataSizeAt(wav);
    fc.assert(
      fc.property(u32, fc.nat({ max: 40 }), (declared, keep) => {
        const buf = setU32(at, declared)(wav.slice(0, at + 4 + keep));
        const out = expectWellBehaved(buf);
        if (out instanceof WavError) {
          expect(out.message).toMatch(/truncated|empty|multiple of the block align/);
        } else {
          // Either the declared size fits, or it is a streaming placeholder and the bytes present are used.
          expect(out.samples.length).toBe(declared <= keep ? declared / 4 : keep / 4);
        }
      }),
      { seed: 5, numRuns: 500 },
    );
  });
});

function fmtFields() {
  return fc.record({
    tag: fc.constantFrom(1, 3, 0xfffe, 2, 0),
    channels: fc.oneof(fc.integer({ min: 0, max: 3 }), u16),
    sampleRate: fc.oneof(sampleRate, u32),
    bits: fc.constantFrom(0, 4, 8, 12, 16, 24, 32, 48, 64),
    blockAlign: fc.option(u16).map((v) => v ?? undefined),
    subTag: fc.constantFrom(1, 3, 2),
  });
}
