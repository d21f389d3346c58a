// Provider (b): a user's ONNX model registered with a manifest (user-onnx/contract.ts says what
// Attest feeds and how outputs map to predictions). One onnxruntime session per model file, reused;
// only the feeds the model declares are computed (no pitch unless it wants the built-in features).
import { readFile } from "node:fs/promises";
import * as ort from "onnxruntime-node";
import { loadAudio16k } from "@/lib/audio/load-audio";
import { logMelSpectrogram } from "@/lib/audio/features";
import { detectSpeech, type VadResult } from "@/lib/audio/vad";
import { AppError } from "@/lib/errors";
import { analyzeRecording } from "../analyze";
import { unitIndex } from "../acoustic/phone-set";
import { builtinScorer } from "../builtin/scorer";
import { SENTENCE_ASPECTS, assembleSentence, assemblePrediction, type PredictionRecord } from "../predict/assemble";
import { renderPrediction } from "../rationale/write-rationale";
import type { OnnxManifest } from "../register";
import { onnxSession } from "../scorer/session";
import { feedOf, roleOf, LOGMEL_BINS, type FeedName } from "../user-onnx/contract";
import type { InferenceItem, Provider } from "./types";

export interface UserOnnxConfig {
  onnx: string;
  manifest: OnnxManifest;
}

const NEEDS_ANALYSIS: ReadonlySet<string> = new Set(["sentence_features", "word_features", "phone_features"]);

async function feeds(cfg: UserOnnxConfig, samples: Float32Array, item: InferenceItem, vad: VadResult) {
  const wanted = new Set(cfg.manifest.inputs.map(feedOf));
  const phones = item.words.flatMap((w) => w.phones);
  const out: Partial<Record<FeedName, ort.Tensor>> = {};
  if (wanted.has("waveform")) out.waveform = new ort.Tensor("float32", samples, [1, samples.length]);
  if (wanted.has("logmel")) {
    const mel = logMelSpectrogram(samples, { numMelBins: LOGMEL_BINS });
    out.logmel = new ort.Tensor("float32", mel.data, [1, mel.frames, LOGMEL_BINS]);
  }
  if (wanted.has("phone_ids")) out.phone_ids = new ort.Tensor("int64", BigInt64Array.from(phones, (p) => BigInt(unitIndex(p))), [1, phones.length]);
  if (wanted.has("word_ids")) out.word_ids = new ort.Tensor("int64", BigInt64Array.from(item.words.flatMap((w, i) => w.phones.map(() => BigInt(i)))), [1, phones.length]);
  if ([...wanted].some((f) => NEEDS_ANALYSIS.has(f))) {
    const s = await builtinScorer("default");
    const a = await analyzeRecording(samples, item.words, s.acoustic, { vad });
    const W = item.words.length;
    out.sentence_features = new ort.Tensor("float32", a.features.sentence, [1, a.features.sentence.length]);
    out.word_features = new ort.Tensor("float32", a.features.words, [W, a.features.words.length / Math.max(1, W)]);
    out.phone_features = new ort.Tensor("float32", a.features.phones, [phones.length, a.features.phones.length / Math.max(1, phones.length)]);
  }
  return Object.fromEntries(cfg.manifest.inputs.map((t) => [t.name, out[feedOf(t) as FeedName]!]));
}

/** Reads the outputs by role into a prediction record (labels, conformal or Gaussian intervals). */
export function recordFromOutputs(cfg: UserOnnxConfig, outs: Record<string, { data: ArrayLike<number | bigint> }>, item: InferenceItem, modelName: string): PredictionRecord {
  const byRole = new Map<string, number[]>();
  for (const t of cfg.manifest.outputs) byRole.set(roleOf(t), Array.from(outs[t.name].data as ArrayLike<number>, Number));
  const at = (role: string, n: number): number[] | null => {
    const v = byRole.get(role);
    if (!v) return null;
    if (v.length !== n) throw new AppError("INTERNAL", `model "${modelName}" output for ${role} has ${v.length} values on ${item.uttId}, expected ${n}`);
    return v;
  };
  const mean5 = at("sentence.mean", 5);
  const sd5 = at("sentence.sd", 5);
  const sentence: PredictionRecord["sentence"] = {};
  SENTENCE_ASPECTS.forEach((a, k) => {
    const mu = at(`sentence.${a}.mean`, 1)?.[0] ?? mean5?.[k];
    if (mu === undefined) return;
    const sd = at(`sentence.${a}.sd`, 1)?.[0] ?? sd5?.[k] ?? null;
    sentence[a] = assembleSentence(mu, sd, cfg.manifest.calibration?.[a] ?? null, cfg.manifest.alpha);
  });
  const phones = item.words.flatMap((w) => w.phones);
  const wordAcc = at("word.accuracy", item.words.length);
  const phoneScore = at("phone.score", phones.length);
  const rest = assemblePrediction(
    [0, 0, 0, 0, 0], null, null,
    wordAcc ? item.words.map((w, i) => ({ text: w.text, accuracy: wordAcc[i] })) : [],
    phoneScore ? phones.map((p, i) => ({ symbol: p, score: phoneScore[i] })) : [],
  );
  return { sentence, words: rest.words, phones: rest.phones };
}

export function userOnnxProvider(modelName: string, cfg: UserOnnxConfig): Provider {
  return {
    async predict(item) {
      const session = await onnxSession(cfg.onnx);
      const samples = loadAudio16k(await readFile(item.audioFile)).samples;
      const vad = await detectSpeech(samples);
      const outs = await session.run(await feeds(cfg, samples, item, vad));
      const record = recordFromOutputs(cfg, outs as unknown as Record<string, { data: ArrayLike<number> }>, item, modelName);
      const phones = item.words.flatMap((w) => w.phones);
      const speechSec = vad.speech.reduce((x, g) => x + g.endSec - g.startSec, 0);
      const response = renderPrediction(record, {
        pauses: vad.pauses.map((p) => p.endSec - p.startSec),
        articulationRate: phones.length / Math.max(0.2, speechSec),
        phoneWord: item.words.flatMap((w, i) => w.phones.map(() => i)),
      });
      return { response, record, parseWarnings: [] };
    },
  };
}
