import { describe, expect, it } from "vitest";
import { resample } from "./resample";
import { seededRandom } from "./wav-test-fixtures";

function sine(freq: number, rate: number, n: number, amp = 1): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / rate));
}

// RMS over the middle of the signal: the first/last 0.1 s feel the zero padding at the ends.
function interiorRms(y: Float32Array, rate: number, ideal?: (i: number) => number): number {
  const m = Math.round(0.1 * rate);
  let s = 0;
  for (let i = m; i < y.length - m; i++) {
    const e = y[i] - (ideal ? ideal(i) : 0);
    s += e * e;
  }
  return Math.sqrt(s / (y.length - 2 * m));
}

describe("resample", () => {
  it.each([
    [44100, 16000],
    [48000, 16000],
    [22050, 16000],
    [8000, 16000],
    [16000, 8000],
    [16000, 44100],
  ])("keeps a 1 kHz sine's frequency and amplitude from %i to %i Hz", (from, to) => {
    const y = resample(sine(1000, from, from), from, to);
    expect(y.length).toBe(to);
    const err = interiorRms(y, to, (i) => Math.sin((2 * Math.PI * 1000 * i) / to));
    expect(err).toBeLessThan(1e-3);
    expect(interiorRms(y, to)).toBeCloseTo(Math.SQRT1_2, 3);
  });

  it.each([
    [10000, 48000],
    [10000, 44100],
    [8200, 48000],
    [10000, 22050], // below 22050 Hz input Nyquist (11025), above the 8 kHz output Nyquist
  ])("removes a %i Hz tone above the new Nyquist (from %i Hz to 16 kHz) by at least 40 dB", (freq, from) => {
    const y = resample(sine(freq, from, from), from, 16000);
    const db = 20 * Math.log10(interiorRms(y, 16000) / Math.SQRT1_2);
    expect(db).toBeLessThan(-40);
  });

  it("passes a 7 kHz tone (inside the pass band) going to 16 kHz", () => {
    const y = resample(sine(7000, 48000, 48000), 48000, 16000);
    expect(interiorRms(y, 16000, (i) => Math.sin((2 * Math.PI * 7000 * i) / 16000))).toBeLessThan(1e-3);
  });

  it("has output length round(n*to/from)", () => {
    for (const n of [0, 1, 2, 3, 7, 100, 1001, 44099]) {
      for (const [from, to] of [
        [44100, 16000],
        [8000, 16000],
        [22050, 16000],
        [48000, 16000],
        [44100, 16001],
      ]) {
        expect(resample(new Float32Array(n), from, to).length).toBe(Math.round((n * to) / from));
      }
    }
  });

  it("is the identity (a copy) when the rates are equal", () => {
    const rnd = seededRandom(1);
    const x = Float32Array.from({ length: 100 }, () => rnd() - 0.5);
    const y = resample(x, 16000, 16000);
    expect(y).toEqual(x);
    expect(y).not.toBe(x);
  });

  it("passes DC exactly away from the edges", () => {
    const y = resample(new Float32Array(44100).fill(0.25), 44100, 16000);
    for (let i = 1600; i < 14400; i++) expect(y[i]).toBeCloseTo(0.25, 6);
  });

  it("handles an awkward ratio (no small polyphase table) correctly", () => {
    const y = resample(sine(1000, 44100, 4410), 44100, 16001);
    expect(y.length).toBe(1600);
    const m = 300;
    let s = 0;
    for (let i = m; i < y.length - m; i++) s += (y[i] - Math.sin((2 * Math.PI * 1000 * i) / 16001)) ** 2;
    expect(Math.sqrt(s / (y.length - 2 * m))).toBeLessThan(1e-3);
  });

  it("rejects non-integer or non-positive rates", () => {
    expect(() => resample(new Float32Array(4), 44100.5, 16000)).toThrow(/fromRate must be a positive integer/);
    expect(() => resample(new Float32Array(4), 16000, 0)).toThrow(/toRate must be a positive integer/);
  });
});
