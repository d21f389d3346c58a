import path from "node:path";
import { SO762_DIR } from "@/tests/helpers/corpus";
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { computeFeatures, createMelFilterbank, dctMatrix, frameCount, frameGeometry, frameTimeSec, logMelSpectrogram, mfccFromLogMel } from "./features";
import { decodeWav } from "./decode-wav";
import { seededRandom } from "./wav-test-fixtures";

const SR = 16000;
const REAL_WAV = path.join(SO762_DIR, "WAVE/SPEAKER0003/000030012.WAV");

function tone(freq: number, seconds: number, amp = 1, harmonics = 1): Float32Array {
  return Float32Array.from({ length: Math.round(seconds * SR) }, (_, i) => {
    let s = 0;
    for (let h = 1; h <= harmonics; h++) s += (amp / h) * Math.sin((2 * Math.PI * freq * h * i) / SR + h);
    return s;
  });
}

function argmax(a: ArrayLike<number>, from: number, len: number): number {
  let best = from;
  for (let i = from; i < from + len; i++) if (a[i] > a[best]) best = i;
  return best - from;
}

describe("frame grid", () => {
  it("uses 25 ms windows every 10 ms and drops partial frames", () => {
    const g = frameGeometry();
    expect(g).toEqual({ sampleRate: 16000, win: 400, hop: 160 });
    expect(frameCount(399, g)).toBe(0);
    expect(frameCount(400, g)).toBe(1);
    expect(frameCount(16000, g)).toBe(98);
    expect(frameTimeSec(0, g)).toBe(0.0125);
    const f = computeFeatures(new Float32Array(16000));
    expect([f.frames, f.energyDb.length, f.f0Hz.length, f.logMel.length / 80, f.mfcc.length / 13]).toEqual([98, 98, 98, 98, 98]);
  });
});

describe("F0 (YIN)", () => {
  it("finds 200 Hz in a harmonic tone on every frame", () => {
    const f = computeFeatures(tone(200, 1, 0.5, 5));
    expect(f.voiced.every((v) => v === 1)).toBe(true);
    for (let t = 0; t < f.frames; t++) expect(Math.abs(f.f0Hz[t] - 200)).toBeLessThan(t < 2 || t > f.frames - 3 ? 4 : 0.5);
    expect(Math.min(...f.periodicity.subarray(3, -3))).toBeGreaterThan(0.95);
  });

  it.each([70, 120, 333, 480])("tracks a %i Hz sine within 1%", (hz) => {
    const f = computeFeatures(tone(hz, 0.5, 0.3));
    for (let t = 3; t < f.frames - 3; t++) {
      expect(f.voiced[t]).toBe(1);
      expect(Math.abs(f.f0Hz[t] - hz) / hz).toBeLessThan(0.01);
    }
  });

  it("calls silence and white noise unvoiced", () => {
    const silent = computeFeatures(new Float32Array(8000));
    expect(silent.voiced.every((v) => v === 0)).toBe(true);
    expect(silent.f0Hz.every((v) => v === 0)).toBe(true);
    const rnd = seededRandom(3);
    const noise = Float32Array.from({ length: 16000 }, () => 0.3 * (rnd() * 2 - 1));
    const f = computeFeatures(noise);
    expect(f.voiced.reduce((a, b) => a + b, 0) / f.frames).toBeLessThan(0.05);
  });

  it("calls a very quiet tone unvoiced (energy gate)", () => {
    const f = computeFeatures(tone(200, 0.5, 1e-4));
    expect(f.voiced.every((v) => v === 0)).toBe(true);
  });
});

describe("energy", () => {
  it("is -3 dB for a full-scale sine, -23 dB at 0.1, and floored for silence", () => {
    const full = computeFeatures(tone(440, 0.3)).energyDb;
    const quiet = computeFeatures(tone(440, 0.3, 0.1)).energyDb;
    for (let t = 0; t < full.length; t++) {
      expect(full[t]).toBeCloseTo(-3.01, 1);
      expect(quiet[t]).toBeCloseTo(-23.01, 1);
    }
    expect(computeFeatures(new Float32Array(1600)).energyDb.every((v) => v === -100)).toBe(true);
  });

  it("ignores a DC offset", () => {
    const x = tone(440, 0.3, 0.1).map((v) => v + 0.4);
    expect(computeFeatures(x).energyDb[5]).toBeCloseTo(-23.01, 1);
  });
});

describe("log-mel", () => {
  it.each([
    [80, [8, 20, 40, 60, 75]],
    [40, [4, 15, 25, 38]],
  ])("with %i bands, a tone at a band centre peaks in that band", (bands, picks) => {
    const fb = createMelFilterbank({ sampleRate: SR, fftSize: 512, numBins: bands });
    for (const b of picks) {
      const mel = logMelSpectrogram(tone(fb.centerHz[b], 0.2, 0.5), { numMelBins: bands });
      for (const t of [3, 8, 15]) expect(argmax(mel.data, t * bands, bands)).toBe(b);
    }
  });

  it("gives silence a finite floor", () => {
    const mel = logMelSpectrogram(new Float32Array(800));
    expect(mel.data.every((v) => v === Math.fround(Math.log(1e-10)))).toBe(true);
  });

  it("refuses more bands than the FFT can resolve", () => {
    expect(() => createMelFilterbank({ sampleRate: SR, fftSize: 512, numBins: 200 })).toThrow(/contains no FFT bin/);
  });
});

describe("MFCC", () => {
  it("uses an orthonormal DCT-II", () => {
    const n = 16;
    const d = dctMatrix(n, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let dot = 0;
        for (let k = 0; k < n; k++) dot += d[i * n + k] * d[j * n + k];
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
  });

  it("maps a flat log-mel vector to c0 only and matches the formula on random input", () => {
    const flat = new Float32Array(40).fill(2);
    const c = mfccFromLogMel(flat, 40, 13);
    expect(c[0]).toBeCloseTo(2 * Math.sqrt(40), 5);
    for (let k = 1; k < 13; k++) expect(c[k]).toBeCloseTo(0, 5);

    const rnd = seededRandom(9);
    const x = Float32Array.from({ length: 2 * 40 }, () => rnd() * 10 - 5);
    const out = mfccFromLogMel(x, 40, 13);
    const k = 5;
    let ref = 0;
    for (let n = 0; n < 40; n++) ref += x[40 + n] * Math.cos((Math.PI * k * (n + 0.5)) / 40);
    expect(out[13 + k]).toBeCloseTo(ref * Math.sqrt(2 / 40), 4);
  });
});

describe("a real recording", () => {
  it("gives plausible speech features", () => {
    if (!existsSync(REAL_WAV)) throw new Error(`speechocean762 sample missing: ${REAL_WAV}`);
    const { samples } = decodeWav(new Uint8Array(readFileSync(REAL_WAV)));
    const f = computeFeatures(samples);
    expect(f.frames).toBe(frameCount(samples.length, frameGeometry()));
    const voicedF0 = Array.from(f.f0Hz).filter((v) => v > 0).sort((a, b) => a - b);
    const fraction = voicedF0.length / f.frames;
    expect(fraction).toBeGreaterThan(0.15);
    expect(fraction).toBeLessThan(0.9);
    const median = voicedF0[voicedF0.length >> 1];
    expect(median).toBeGreaterThan(70);
    expect(median).toBeLessThan(450);
    expect(f.logMel.every(Number.isFinite) && f.mfcc.every(Number.isFinite)).toBe(true);
    const loud = Math.max(...f.energyDb);
    const quiet = Math.min(...f.energyDb);
    expect(loud - quiet).toBeGreaterThan(20); // speech against pauses
  });
});
