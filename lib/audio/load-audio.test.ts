import path from "node:path";
import { SO762_DIR } from "@/tests/helpers/corpus";
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { loadAudio16k } from "./load-audio";
import { encodeWav } from "./encode-wav";
import { WavError } from "./wav-header";
import { ascii } from "./wav-test-fixtures";

const REAL_WAV = path.join(SO762_DIR, "WAVE/SPEAKER0003/000030012.WAV");

describe("loadAudio16k", () => {
  it("decodes, downmixes and resamples a 44.1 kHz stereo file to 16 kHz mono", () => {
    const n = 44100;
    const tone = Float32Array.from({ length: n }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / 44100));
    const wav = encodeWav([tone, tone], 44100, { bitsPerSample: 24 });
    const out = loadAudio16k(wav);
    expect(out.sourceRate).toBe(44100);
    expect(out.samples.length).toBe(16000);
    expect(out.durationSec).toBe(1);
    for (let i = 1600; i < 14400; i += 97) {
      expect(out.samples[i]).toBeCloseTo(0.5 * Math.sin((2 * Math.PI * 440 * i) / 16000), 3);
    }
  });

  it("passes a 16 kHz file through unchanged", () => {
    const x = Float32Array.from({ length: 800 }, (_, i) => ((i % 50) - 25) / 32768);
    const out = loadAudio16k(encodeWav(x, 16000));
    expect(Array.from(out.samples)).toEqual(Array.from(x));
    expect(out.durationSec).toBe(0.05);
  });

  it("reads a real speechocean762 recording", () => {
    if (!existsSync(REAL_WAV)) throw new Error(`speechocean762 sample missing: ${REAL_WAV}`);
    const out = loadAudio16k(new Uint8Array(readFileSync(REAL_WAV)));
    expect(out.sourceRate).toBe(16000);
    expect(out.durationSec).toBeCloseTo((107564 - 44) / 32000, 6);
  });

  it("throws WavError for something that is not a WAV", () => {
    expect(() => loadAudio16k(ascii("not audio at all"))).toThrow(WavError);
  });
});
