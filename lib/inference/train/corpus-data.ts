// Reads the speechocean762 train/test splits for training: audio analysis that does not depend on
// the acoustic model (frame features, observations, VAD) and the targets (published consensus,
// per-rater scores for the spread and the human ceiling).
import { readFile } from "node:fs/promises";
import { computeFeatures, type FrameFeatures } from "@/lib/audio/features";
import { loadAudio16k } from "@/lib/audio/load-audio";
import { detectSpeech, type VadResult } from "@/lib/audio/vad";
import { AppError } from "@/lib/errors";
import { SPEECHOCEAN762_RUBRIC } from "@/lib/rubric/rubric";
import { readSpeechocean762, type CorpusUtterance, type Split } from "@/lib/services/speechocean762/read-corpus";
import { observations } from "../acoustic/observations";

export const ASPECTS = ["accuracy", "fluency", "prosody", "completeness", "total"] as const;
export type Aspect = (typeof ASPECTS)[number];

export interface PreparedUtterance {
  uttId: string;
  speakerId: string;
  speakerAge: number | null;
  split: Split;
  durationSec: number;
  words: { text: string; phones: string[] }[];
  frames: FrameFeatures;
  obs: Float32Array;
  vad: VadResult;
  /** 16 kHz samples, kept when asked for (the Sphinx model computes its own features). */
  samples?: Float32Array;
  /** Consensus per aspect (completeness on 0-10, as scores.json writes it). */
  sentence: number[];
  /** Per rater per aspect, null where missing. */
  sentenceRaters: (number[] | null)[];
  wordAccuracy: number[];
  wordRaters: number[][]; // word × rater
  phoneScore: number[];
  phoneRaters: number[][]; // phone × rater
}

const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function targets(u: CorpusUtterance): Pick<PreparedUtterance, "sentence" | "sentenceRaters" | "wordAccuracy" | "wordRaters" | "phoneScore" | "phoneRaters"> {
  const sentenceRaters = u.raters.map((r) => (r.sentence ? ASPECTS.map((a) => (a === "completeness" ? r.sentence![a] * 10 : r.sentence![a])) : null));
  const rated = sentenceRaters.filter((r): r is number[] => r !== null);
  const p = u.published;
  const sentence = p
    ? [p.accuracy, p.fluency, p.prosodic, p.completeness, p.total]
    : ASPECTS.map((_, k) => median(rated.map((r) => r[k])));
  const wordRaters = u.words.map((_, wi) => u.raters.map((r) => r.words?.[wi]?.accuracy ?? NaN));
  const wordAccuracy = u.words.map((_, wi) => (p ? p.words[wi].accuracy : median(wordRaters[wi].filter(Number.isFinite))));
  const phoneRaters: number[][] = [];
  const phoneScore: number[] = [];
  u.words.forEach((w, wi) =>
    w.phones.forEach((_, pi) => {
      const rs = u.raters.map((r) => r.words?.[wi]?.phones[pi]?.score ?? NaN);
      phoneRaters.push(rs);
      const ok = rs.filter(Number.isFinite);
      phoneScore.push(p ? p.words[wi]["phones-accuracy"][pi] : ok.reduce((s, v) => s + v, 0) / Math.max(1, ok.length));
    }),
  );
  return { sentence, sentenceRaters, wordAccuracy, wordRaters, phoneScore, phoneRaters };
}

export async function prepareCorpus(
  dir: string,
  opts: { limit?: number; keepSamples?: boolean; onProgress?: (stage: string, done: number, total: number) => void } = {},
): Promise<PreparedUtterance[]> {
  const out: PreparedUtterance[] = [];
  for (const split of ["train", "test"] as const) {
    const read = await readSpeechocean762(dir, { split, limit: opts.limit, rubric: SPEECHOCEAN762_RUBRIC });
    if (read.problems.length) throw new AppError("INVALID_INPUT", `the corpus at ${dir} has ${read.problems.length} problems`, read.problems);
    let done = 0;
    for (const u of read.utterances) {
      const audio = loadAudio16k(await readFile(u.wavPath));
      const frames = computeFeatures(audio.samples);
      out.push({
        uttId: u.uttId,
        speakerId: u.speakerId,
        speakerAge: u.speakerAge,
        split,
        durationSec: audio.durationSec,
        words: u.words.map((w) => ({ text: w.text, phones: w.phones })),
        frames,
        obs: observations(frames),
        vad: await detectSpeech(audio.samples),
        samples: opts.keepSamples ? audio.samples : undefined,
        ...targets(u),
      });
      opts.onProgress?.(`audio ${split}`, ++done, read.utterances.length);
    }
  }
  return out;
}
