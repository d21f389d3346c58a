// Provider (c) against the local fixture server: request shape (base64 WAV in an input_audio part),
// parsing, retries with backoff on 5xx and timeouts, malformed replies, and the concurrency limit.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { encodeWav } from "@/lib/audio/encode-wav";
import { httpSpeechLlmProvider } from "@/lib/inference/providers/http-speechllm";
import type { InferenceItem } from "@/lib/inference/providers/types";
import { startSpeechLlmFixture, type FixtureServer } from "../fixtures/speechllm-server";

const GOOD = "Accuracy: Good\nFluency: Excellent\nProsody: Average\nWords: WE/Excellent CALL/Bad\nPhonemes: w/Excellent i/Good k/Bad ɔ/Bad l/Good\nThe word CALL is mispronounced.";

let fx: FixtureServer;
let item: InferenceItem;
beforeAll(async () => {
  fx = await startSpeechLlmFixture();
  const dir = await mkdtemp(path.join(tmpdir(), "attest-http-"));
  const audioFile = path.join(dir, "a.wav");
  await writeFile(audioFile, encodeWav(new Float32Array(1600).fill(0.1), 16000));
  item = {
    id: "i1", uttId: "u1", text: "WE CALL", audioFile,
    words: [{ id: "w1", text: "WE", phones: ["W", "IY1"] }, { id: "w2", text: "CALL", phones: ["K", "AO1", "L"] }],
    phones: ["W", "IY1", "K", "AO1", "L"].map((symbol, i) => ({ id: `p${i}`, symbol })),
  };
});
afterAll(async () => fx?.close());
beforeEach(() => {
  fx.requests.length = 0;
  fx.script = [];
  fx.delayMs = 0;
  fx.fallback = { reply: GOOD };
});

const provider = (over: object = {}) => httpSpeechLlmProvider({ url: fx.url, model: "qwen2-audio", timeoutMs: 300, retries: 2, backoffMs: 10, ...over });

describe("HTTP SpeechLLM provider", () => {
  it("sends the audio as base64 WAV in an input_audio part and parses the reply", async () => {
    const out = await provider().predict(item);
    const req = fx.requests[0];
    expect(req.model).toBe("qwen2-audio");
    const audio = req.messages[0].content.find((c: any) => c.type === "input_audio");
    expect(audio.input_audio.format).toBe("wav");
    expect(Buffer.from(audio.input_audio.data, "base64").subarray(0, 4).toString()).toBe("RIFF");
    expect(req.messages[0].content.find((c: any) => c.type === "text").text).toContain("WE CALL");
    expect(out.record.sentence.accuracy).toMatchObject({ label: "Good", sd: null });
    expect(out.record.words.map((w) => w.label)).toEqual(["Excellent", "Bad"]);
    expect(out.record.phones).toHaveLength(5);
    expect(out.parseWarnings).toEqual([]);
  });

  it("retries 5xx and timeouts with backoff, then succeeds", async () => {
    fx.script = [{ status: 503 }, { hang: true }];
    const out = await provider().predict(item);
    expect(fx.requests).toHaveLength(3);
    expect(out.record.sentence.fluency?.label).toBe("Excellent");
  });

  it("gives up after the retries with a clear error", async () => {
    fx.script = [{ hang: true }, { hang: true }, { hang: true }];
    await expect(provider().predict(item)).rejects.toThrow(/failed after 3 attempts.*timed out after 300 ms/);
  });

  it("refuses malformed replies without retrying, and keeps parse warnings for odd content", async () => {
    fx.script = [{ raw: "<html>oops" }];
    await expect(provider().predict(item)).rejects.toThrow(/malformed reply \(not JSON\)/);
    fx.script = [{ raw: '{"choices": []}' }];
    await expect(provider().predict(item)).rejects.toThrow(/no choices\[0\]\.message\.content/);
    expect(fx.requests).toHaveLength(2);
    fx.script = [{ reply: "Accuracy: Good\nWords: WE/Good\nnonsense" }];
    const out = await provider().predict(item);
    expect(out.parseWarnings.length).toBeGreaterThan(0);
    expect(out.record.words).toHaveLength(1);
  });

  it("keeps at most `concurrency` requests in flight", async () => {
    fx.delayMs = 40;
    const p = provider({ concurrency: 2, timeoutMs: 2000 });
    await Promise.all(Array.from({ length: 6 }, () => p.predict(item)));
    expect(fx.requests).toHaveLength(6);
    expect(p.maxInFlight()).toBe(2);
  });
});
