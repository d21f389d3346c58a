// The audio front end of the built-in scorer for one recording: features → VAD → forced alignment
// (with GOP) → feature vectors for the three heads, timing each stage.
import { computeFeatures, type FrameFeatures } from "@/lib/audio/features";
import { detectSpeech, type VadResult } from "@/lib/audio/vad";
import { alignUtterance, type AlignedUtterance } from "./acoustic/align-utterance";
import type { CompiledModel } from "./acoustic/hmm";
import { observations } from "./acoustic/observations";
import type { DurationStats } from "./acoustic/train-acoustic";
import { extractFeatures, type FeatureSet } from "./features/extract";

export interface WordInput {
  text: string;
  /** Canonical CMU phones (stress digits allowed). */
  phones: string[];
}

export interface StageTimes {
  decode_ms?: number;
  features_ms: number;
  vad_ms: number;
  alignment_ms: number;
  onnx_ms?: number;
  rationale_ms?: number;
}

export interface Analysis {
  frames: FrameFeatures;
  vad: VadResult;
  aligned: AlignedUtterance;
  features: FeatureSet;
  times: StageTimes;
}

export interface AcousticRuntime {
  compiled: CompiledModel;
  durations: DurationStats;
}

export async function analyzeRecording(samples: Float32Array, words: WordInput[], ac: AcousticRuntime, opts: { vad?: VadResult } = {}): Promise<Analysis> {
  let t = performance.now();
  const frames = computeFeatures(samples);
  const obs = observations(frames);
  const features_ms = performance.now() - t;
  t = performance.now();
  const vad = opts.vad ?? (await detectSpeech(samples));
  const vad_ms = performance.now() - t;
  t = performance.now();
  const aligned = alignUtterance(ac.compiled, obs, frames.frames, words);
  const alignment_ms = performance.now() - t;
  const features = extractFeatures(frames, vad, aligned, words, ac.durations);
  return { frames, vad, aligned, features, times: { features_ms, vad_ms, alignment_ms } };
}
