// What every provider (built-in, user ONNX, HTTP SpeechLLM, imported file) returns per item.
import type { PredictionRecord } from "../predict/assemble";

export interface InferenceItem {
  id: string;
  uttId: string;
  text: string;
  audioFile: string;
  speakerId?: string;
  /** The speaker's VTLN warp for the built-in Sphinx model (speaker-warps.ts), when it has one. */
  warp?: number;
  words: { id: string; text: string; phones: string[] }[];
  phones: { id: string; symbol: string }[];
}

export interface ProviderOutput {
  response: string;
  record: PredictionRecord;
  parseWarnings: string[];
  /** Estimated time spans from the model's own alignment, when it has one. */
  alignment?: { label?: string; words: { index: number; startSec: number; endSec: number }[]; phones: { position: number; startSec: number; endSec: number }[] };
}

export interface Provider {
  predict(item: InferenceItem): Promise<ProviderOutput>;
}
