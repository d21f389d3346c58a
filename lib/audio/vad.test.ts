// VAD on recordings with known pauses: real speech from the corpus, cropped to its speech, joined
// with digital silence of known length (written and re-read through encodeWav/loadAudio16k).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SO762_DIR, requireCorpus } from "@/tests/helpers/corpus";
import { encodeWav } from "./encode-wav";
import { loadAudio16k } from "./load-audio";
import { detectSpeech, segmentSpeech, vadSession } from "./vad";

const utt = (id: string) => loadAudio16k(readFileSync(path.join(SO762_DIR, "WAVE", `SPEAKER${id.slice(1, 5)}`, `${id}.WAV`))).samples;

async function cropToSpeech(x: Float32Array): Promise<Float32Array> {
  const v = await detectSpeech(x);
  const s = v.speech[0].startSec;
  const e = v.speech[v.speech.length - 1].endSec;
  return x.slice(Math.floor(s * 16000), Math.floor(e * 16000));
}

describe("Silero VAD", () => {
  it("loads the shipped model with the expected inputs and outputs, once", async () => {
    const a = await vadSession();
    expect(a.inputNames).toEqual(["input", "state", "sr"]);
    expect(a.outputNames).toEqual(["output", "stateN"]);
    expect(await vadSession()).toBe(a);
  });

  it("finds no speech in silence and in low noise", async () => {
    const silence = new Float32Array(16000 * 2);
    expect((await detectSpeech(silence)).speech).toEqual([]);
    const noise = silence.map((_, i) => 0.001 * Math.sin(i * 12.9898) * Math.cos(i * 78.233));
    expect((await detectSpeech(noise)).speech).toEqual([]);
  });

  it("recovers pauses of known length between real speech segments", async () => {
    requireCorpus();
    const a = await cropToSpeech(utt("000050003"));
    const b = await cropToSpeech(utt("000050010"));
    const gaps = [0.8, 0.4];
    const lead = 0.5;
    const parts = [new Float32Array(lead * 16000), a, new Float32Array(gaps[0] * 16000), b, new Float32Array(gaps[1] * 16000), a, new Float32Array(8000)];
    const joined = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
    let at = 0;
    for (const p of parts) joined.set(p, at), (at += p.length);
    const audio = loadAudio16k(encodeWav(joined, 16000)).samples;
    const v = await detectSpeech(audio);
    const gapStarts = [lead + a.length / 16000, lead + (a.length + b.length) / 16000 + gaps[0]];
    gaps.forEach((len, k) => {
      // The inserted silence is found as a pause starting and ending within 100 ms of the truth.
      const hit = v.pauses.find((p) => Math.abs(p.startSec - gapStarts[k]) < 0.1);
      expect(hit, `pause ${k} near ${gapStarts[k].toFixed(2)} s in ${JSON.stringify(v.pauses)}`).toBeDefined();
      expect(Math.abs(hit!.endSec - hit!.startSec - len)).toBeLessThan(0.15);
    });
    expect(v.speech[0].startSec).toBeGreaterThan(lead - 0.1);
    expect(v.speech[0].startSec).toBeLessThan(lead + 0.15);
  });

  it("bridges short silences and drops short bursts", () => {
    const p = new Float32Array(100);
    p.fill(0.9, 10, 30); // 20 chunks of speech
    p.fill(0.9, 32, 60); // gap of 2 chunks = 64 ms < 100 ms: bridged
    p.fill(0.9, 80, 81); // 32 ms burst: dropped
    const { speech, pauses } = segmentSpeech(p, 3.2);
    expect(speech).toHaveLength(1);
    expect(pauses).toEqual([]);
    expect(speech[0].startSec).toBeCloseTo(0.32, 5);
    expect(speech[0].endSec).toBeCloseTo(1.92, 5);
  });
});
