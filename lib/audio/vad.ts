// Speech/pause segmentation with the Silero VAD v5 ONNX model shipped in @ricky0123/vad-web (MIT),
// run by onnxruntime-node. One session per model file, created once and reused (ARCHITECTURE §8).
// The model is recurrent: 512-sample chunks (32 ms at 16 kHz) go through it in order, each with the
// previous chunk's last 64 samples as context and the state the previous call returned.
import path from "node:path";
import * as ort from "onnxruntime-node";

export const VAD_CHUNK = 512;
export const VAD_CONTEXT = 64;
export const VAD_FRAME_SEC = VAD_CHUNK / 16000;
export const DEFAULT_VAD_MODEL = path.join(process.cwd(), "node_modules/@ricky0123/vad-web/dist/silero_vad_v5.onnx");

const sessions = new Map<string, Promise<ort.InferenceSession>>();

/** The shared session for a model file (created on first use). */
export function vadSession(modelPath = DEFAULT_VAD_MODEL): Promise<ort.InferenceSession> {
  let s = sessions.get(modelPath);
  if (!s) {
    s = ort.InferenceSession.create(modelPath, { intraOpNumThreads: 1, interOpNumThreads: 1 }).then((sess) => {
      for (const name of ["input", "state", "sr"]) {
        if (!sess.inputNames.includes(name)) throw new Error(`VAD model ${modelPath} has no input "${name}" (has ${sess.inputNames.join(", ")})`);
      }
      for (const name of ["output", "stateN"]) {
        if (!sess.outputNames.includes(name)) throw new Error(`VAD model ${modelPath} has no output "${name}" (has ${sess.outputNames.join(", ")})`);
      }
      return sess;
    });
    s.catch(() => sessions.delete(modelPath));
    sessions.set(modelPath, s);
  }
  return s;
}

/** Speech probability per 32 ms chunk of a 16 kHz mono signal (last partial chunk zero-padded). */
export async function vadProbabilities(samples: Float32Array, modelPath?: string): Promise<Float32Array> {
  const session = await vadSession(modelPath);
  const n = Math.ceil(samples.length / VAD_CHUNK);
  const probs = new Float32Array(n);
  let state: ort.Tensor = new ort.Tensor("float32", new Float32Array(2 * 128), [2, 1, 128]);
  const sr = new ort.Tensor("int64", BigInt64Array.from([16000n]), []);
  const buf = new Float32Array(VAD_CONTEXT + VAD_CHUNK);
  for (let i = 0; i < n; i++) {
    const start = i * VAD_CHUNK;
    // Slide: the last 64 samples of the previous window become this window's context.
    buf.copyWithin(0, VAD_CHUNK, VAD_CHUNK + VAD_CONTEXT);
    if (i === 0) buf.fill(0, 0, VAD_CONTEXT);
    buf.fill(0, VAD_CONTEXT);
    buf.set(samples.subarray(start, Math.min(samples.length, start + VAD_CHUNK)), VAD_CONTEXT);
    const input = new ort.Tensor("float32", buf.slice(), [1, VAD_CONTEXT + VAD_CHUNK]);
    const out = await session.run({ input, state, sr });
    probs[i] = (out.output.data as Float32Array)[0];
    state = out.stateN as ort.Tensor;
  }
  return probs;
}

export interface VadOptions {
  /** Enter speech at p ≥ threshold, leave it below threshold − 0.15 (Silero's own hysteresis). */
  threshold?: number;
  /** Silences shorter than this inside speech are bridged (not pauses). */
  minSilenceSec?: number;
  /** Speech bursts shorter than this are dropped (clicks, breaths). */
  minSpeechSec?: number;
}

export interface Segment {
  startSec: number;
  endSec: number;
}

export interface VadResult {
  probs: Float32Array;
  frameSec: number;
  durationSec: number;
  speech: Segment[];
  /** Silences between speech segments (leading and trailing silence are not pauses). */
  pauses: Segment[];
}

/** Hysteresis segmentation of chunk probabilities into speech segments and the pauses between them. */
export function segmentSpeech(probs: Float32Array, durationSec: number, opts: VadOptions = {}): { speech: Segment[]; pauses: Segment[] } {
  const on = opts.threshold ?? 0.5;
  const off = on - 0.15;
  const minSil = opts.minSilenceSec ?? 0.1;
  const minSpeech = opts.minSpeechSec ?? 0.1;
  const raw: Segment[] = [];
  let inSpeech = false;
  let start = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    if (!inSpeech && p >= on) (inSpeech = true), (start = i);
    else if (inSpeech && p < off) {
      inSpeech = false;
      raw.push({ startSec: start * VAD_FRAME_SEC, endSec: i * VAD_FRAME_SEC });
    }
  }
  if (inSpeech) raw.push({ startSec: start * VAD_FRAME_SEC, endSec: Math.min(durationSec, probs.length * VAD_FRAME_SEC) });
  const merged: Segment[] = [];
  for (const s of raw) {
    const last = merged[merged.length - 1];
    if (last && s.startSec - last.endSec < minSil) last.endSec = s.endSec;
    else merged.push({ ...s });
  }
  const speech = merged.filter((s) => s.endSec - s.startSec >= minSpeech);
  const pauses: Segment[] = [];
  for (let i = 1; i < speech.length; i++) pauses.push({ startSec: speech[i - 1].endSec, endSec: speech[i].startSec });
  return { speech, pauses };
}

export async function detectSpeech(samples: Float32Array, opts: VadOptions & { modelPath?: string } = {}): Promise<VadResult> {
  const probs = await vadProbabilities(samples, opts.modelPath);
  const durationSec = samples.length / 16000;
  return { probs, frameSec: VAD_FRAME_SEC, durationSec, ...segmentSpeech(probs, durationSec, opts) };
}
