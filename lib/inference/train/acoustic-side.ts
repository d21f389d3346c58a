// The acoustic side of training: alignments, GOP and the heads' feature matrices for every
// utterance, with either acoustic model.
// - sphinx: the CMU Sphinx en-us model; each speaker's VTLN warp is chosen from a few of the
//   speaker's recordings and their texts (no scores; test speakers too, as at inference); phone
//   duration statistics come from the fit speakers' alignments.
// - monophone: the HMM trained here on the fit speakers (the previous built-in model).
import { alignUtterance } from "../acoustic/align-utterance";
import { compile, type AcousticModel } from "../acoustic/hmm";
import { SIL_INDEX, UNITS } from "../acoustic/phone-set";
import { trainAcousticModel, type DurationStats } from "../acoustic/train-acoustic";
import type { SphinxAcousticSpec } from "../builtin/bundle";
import { extractFeatures, PHONE_FEATURES, SENTENCE_FEATURES, WORD_FEATURES, type FeatureSet } from "../features/extract";
import { headInputs } from "../features/head-inputs";
import { extractSphinxExtras, SPHINX_SENTENCE_EXTRAS, SPHINX_WORD_EXTRAS, sphinxPhoneExtras } from "../features/sphinx-extras";
import { sphinxModel } from "../sphinx/acoustic-model";
import { alignWithGop, type SphinxAligned } from "../sphinx/align-gop";
import { sphinxFeatures } from "../sphinx/sphinx-features";
import { chooseWarp, COARSE_WARPS, WARP_UTTERANCES } from "../sphinx/speaker-warp";
import type { TrainScorerOptions } from "./train-scorer";
import type { PreparedUtterance } from "./corpus-data";

type Progress = (stage: string, done: number, total: number) => void;

export interface AcousticSide {
  /** The built-in feature columns (what external ONNX models are fed). */
  features: Map<PreparedUtterance, FeatureSet>;
  /** What the heads take: the built-in columns and, for the Sphinx model, its extras. */
  headInputs: Map<PreparedUtterance, FeatureSet>;
  names: { sentence: string[]; word: string[]; phone: string[] };
  durations: DurationStats;
  alignedShare: number;
  model?: AcousticModel;
  spec?: SphinxAcousticSpec;
  metrics?: Record<string, unknown>;
}

export function monophoneSide(all: PreparedUtterance[], fit: PreparedUtterance[], o: TrainScorerOptions, prog: Progress): AcousticSide {
  const hop = 0.01;
  const ac = trainAcousticModel(
    fit.map((u) => ({
      obs: u.obs,
      frames: u.frames.frames,
      words: u.words,
      phoneCorrect: u.phoneScore.map((s) => s >= 1.5),
      speechFrom: u.vad.speech.length ? Math.floor(u.vad.speech[0].startSec / hop) : 0,
      speechTo: u.vad.speech.length ? Math.min(u.frames.frames, Math.ceil(u.vad.speech[u.vad.speech.length - 1].endSec / hop)) : u.frames.frames,
    })),
    { iterations: o.iterations ?? 4, onProgress: (i, n) => prog("acoustic model", i, n) },
  );
  const compiled = compile(ac.model);
  const features = new Map<PreparedUtterance, FeatureSet>();
  let done = 0;
  for (const u of all) {
    features.set(u, extractFeatures(u.frames, u.vad, alignUtterance(compiled, u.obs, u.frames.frames, u.words), u.words, ac.durations));
    prog("alignment and features", ++done, all.length);
  }
  return {
    features, headInputs: features, names: { sentence: SENTENCE_FEATURES, word: WORD_FEATURES, phone: PHONE_FEATURES },
    durations: ac.durations, alignedShare: ac.alignedShare, model: ac.model,
  };
}

function durationStats(aligned: SphinxAligned[]): DurationStats {
  const sums = UNITS.map(() => ({ n: 0, s: 0, q: 0 }));
  for (const al of aligned) {
    if (!al.viterbi) continue;
    for (const p of al.phones) {
      if (p.unit === SIL_INDEX || p.endFrame <= p.startFrame) continue;
      const x = Math.log(p.endFrame - p.startFrame);
      const a = sums[p.unit];
      a.n++, (a.s += x), (a.q += x * x);
    }
  }
  const meanLog = sums.map((a) => (a.n > 1 ? a.s / a.n : Math.log(8)));
  return { meanLog, sdLog: sums.map((a, i) => (a.n > 1 ? Math.max(0.1, Math.sqrt(a.q / a.n - meanLog[i] ** 2)) : 0.5)) };
}

export const speakerKey = (u: Pick<PreparedUtterance, "speakerId">) => `speechocean762/${u.speakerId}`;

export async function sphinxSide(all: PreparedUtterance[], fit: PreparedUtterance[], prog: Progress, opts: { vtln?: boolean } = {}): Promise<AcousticSide> {
  const m = sphinxModel();
  const vtln = opts.vtln ?? true;
  const bySpeaker = new Map<string, PreparedUtterance[]>();
  for (const u of [...all].sort((a, b) => a.uttId.localeCompare(b.uttId))) bySpeaker.set(speakerKey(u), [...(bySpeaker.get(speakerKey(u)) ?? []), u]);
  const speakerWarps: Record<string, number> = {};
  let done = 0;
  for (const [key, us] of bySpeaker) {
    speakerWarps[key] = vtln ? (await chooseWarp(m, us.map((u) => ({ samples: u.samples!, words: u.words })))).warp : 1;
    prog("speaker warps (VTLN)", ++done, bySpeaker.size);
  }
  const aligned = new Map<PreparedUtterance, SphinxAligned>();
  done = 0;
  for (const u of all) {
    aligned.set(u, await alignWithGop(m, sphinxFeatures(m, u.samples!, speakerWarps[speakerKey(u)]), u.words));
    prog("alignment and GOP", ++done, all.length);
  }
  const fitSet = new Set(fit);
  const durations = durationStats([...aligned].filter(([u]) => fitSet.has(u)).map(([, a]) => a));
  const features = new Map<PreparedUtterance, FeatureSet>();
  const inputs = new Map<PreparedUtterance, FeatureSet>();
  for (const u of all) {
    const al = aligned.get(u)!;
    const base = extractFeatures(u.frames, u.vad, al, u.words, durations);
    features.set(u, base);
    const nPhones = u.words.reduce((s, w) => s + w.phones.length, 0);
    inputs.set(u, headInputs(base, extractSphinxExtras(al, u.words.length, speakerWarps[speakerKey(u)], m.mdef.ciPhones), u.words.length, nPhones));
  }
  const warpsBy = (pred: (age: number) => boolean) => {
    const ws = [...bySpeaker].filter(([, us]) => us[0].speakerAge !== null && pred(us[0].speakerAge)).map(([k]) => speakerWarps[k]);
    return ws.length ? { speakers: ws.length, mean_warp: Math.round((ws.reduce((s, v) => s + v, 0) / ws.length) * 1000) / 1000, at_grid_top: ws.filter((w) => w >= 1.6).length } : null;
  };
  const spec: SphinxAcousticSpec = { kind: "sphinx-en-us", warpGrid: COARSE_WARPS, warpUtterances: WARP_UTTERANCES, speakerWarps };
  return {
    features, headInputs: inputs,
    names: { sentence: [...SENTENCE_FEATURES, ...SPHINX_SENTENCE_EXTRAS], word: [...WORD_FEATURES, ...SPHINX_WORD_EXTRAS], phone: [...PHONE_FEATURES, ...sphinxPhoneExtras(m.mdef.ciPhones)] },
    durations, alignedShare: [...aligned.values()].filter((a) => a.viterbi).length / Math.max(1, all.length), spec,
    metrics: { vtln: { children_under_13: warpsBy((a) => a < 13), adults: warpsBy((a) => a >= 18) } },
  };
}
