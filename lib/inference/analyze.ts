// The audio front end of the built-in scorer for one recording: features → VAD → forced alignment
// (with GOP) → feature vectors for the three heads, timing each stage. Two acoustic models: the
// monophone HMM trained here, or the CMU Sphinx en-us model (at the speaker's VTLN warp), which
// also gives extra feature columns.
import { computeFeatures, type FrameFeatures } from "@/lib/audio/features";
import { detectSpeech, type VadResult } from "@/lib/audio/vad";
import { alignUtterance, type AlignedUtterance } from "./acoustic/align-utterance";
import type { CompiledModel } from "./acoustic/hmm";
import { observations } from "./acoustic/observations";
import type { DurationStats } from "./acoustic/train-acoustic";
import { extractFeatures, type FeatureSet } from "./features/extract";
import { extractSphinxExtras, type ExtraFeatures } from "./features/sphinx-extras";
import type { SphinxModel } from "./sphinx/acoustic-model";
import { alignWithGop } from "./sphinx/align-gop";
import { sphinxFeatures } from "./sphinx/sphinx-features";

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
  /** Sphinx model only: extra columns the heads take after the built-in ones. */
  extras?: ExtraFeatures;
  times: StageTimes;
}

export type AcousticRuntime =
  | { kind: "monophone"; compiled: CompiledModel; durations: DurationStats }
  | { kind: "sphinx"; model: SphinxModel; durations: DurationStats };

export async function analyzeRecording(
  samples: Float32Array,
  words: WordInput[],
  ac: AcousticRuntime,
  opts: { vad?: VadResult; frames?: FrameFeatures; warp?: number } = {},
): Promise<Analysis> {
  let t = performance.now();
  const frames = opts.frames ?? computeFeatures(samples);
  const obs = ac.kind === "monophone" ? observations(frames) : null;
  const feat = ac.kind === "sphinx" ? sphinxFeatures(ac.model, samples, opts.warp ?? 1) : null;
  const features_ms = performance.now() - t;
  t = performance.now();
  const vad = opts.vad ?? (await detectSpeech(samples));
  const vad_ms = performance.now() - t;
  t = performance.now();
  let aligned: AlignedUtterance;
  let extras: ExtraFeatures | undefined;
  if (ac.kind === "monophone") aligned = alignUtterance(ac.compiled, obs!, frames.frames, words);
  else {
    const sa = await alignWithGop(ac.model, feat!, words);
    extras = extractSphinxExtras(sa, words.length, opts.warp ?? 1, ac.model.mdef.ciPhones);
    aligned = sa;
  }
  const alignment_ms = performance.now() - t;
  const features = extractFeatures(frames, vad, aligned, words, ac.durations);
  return { frames, vad, aligned, features, extras, times: { features_ms, vad_ms, alignment_ms } };
}
