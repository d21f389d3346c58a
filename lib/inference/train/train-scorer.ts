// Trains the built-in scorer end to end (deterministic for a seed): acoustic model on the fit
// speakers of the train split, features for every utterance, the three heads on the fit speakers,
// split-conformal calibration on held-out train speakers, figures on the test split.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { seededShuffle } from "@/lib/metrics/random";
import { alignUtterance } from "../acoustic/align-utterance";
import { compile } from "../acoustic/hmm";
import { trainAcousticModel } from "../acoustic/train-acoustic";
import { BUNDLE_FORMAT, forgetBundle, type ScorerBundle } from "../builtin/bundle";
import { extractFeatures, PHONE_FEATURES, SENTENCE_FEATURES, WORD_FEATURES, type FeatureSet } from "../features/extract";
import { forward } from "../scorer/mlp";
import { buildScorerOnnx, sentenceOutputs, SCORER_INPUTS, SCORER_OUTPUTS } from "../scorer/onnx-graph";
import { dropOnnxSession } from "../scorer/session";
import { ASPECTS, prepareCorpus, type PreparedUtterance } from "./corpus-data";
import { evaluate, type Evaluation } from "./evaluate";
import { trainRegressionHead, trainSentenceHead, type HeadData } from "./heads";
import { writeModelCard } from "./model-card";

export interface TrainScorerOptions {
  data: string;
  out: string;
  seed?: number;
  limit?: number;
  iterations?: number;
  epochs?: number;
  calibrationShare?: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface TrainSummary {
  model: string;
  onnx: string;
  bundle: string;
  card: string;
  seed: number;
  utterances: { fit: number; calibration: number; test: number };
  onnx_bytes: number;
  onnx_max_abs_diff: number;
  seconds: number;
  evaluation: Evaluation;
}

function stack(sets: FeatureSet[], key: keyof FeatureSet, dim: number): HeadData {
  const rows = sets.reduce((s, f) => s + f[key].length / dim, 0);
  const x = new Float32Array(rows * dim);
  let at = 0;
  for (const f of sets) x.set(f[key], at), (at += f[key].length);
  return { x, rows, dim };
}

export async function trainScorer(o: TrainScorerOptions): Promise<TrainSummary> {
  const t0 = performance.now();
  const seed = o.seed ?? 762;
  const prog = o.onProgress ?? (() => {});
  const all = await prepareCorpus(o.data, { limit: o.limit, onProgress: prog });
  const train = all.filter((u) => u.split === "train");
  const test = all.filter((u) => u.split === "test");
  // Calibration speakers are held out of everything the model learns from (exchangeability).
  const speakers = [...new Set(train.map((u) => u.speakerId))].sort();
  const nCal = Math.max(1, Math.round(speakers.length * (o.calibrationShare ?? 0.25)));
  const calSpeakers = new Set(seededShuffle(speakers, seed).slice(0, nCal));
  const fit = train.filter((u) => !calSpeakers.has(u.speakerId));
  const cal = train.filter((u) => calSpeakers.has(u.speakerId));

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
  const feats = new Map<PreparedUtterance, FeatureSet>();
  let done = 0;
  const aligned = new Map<PreparedUtterance, ReturnType<typeof alignUtterance>>();
  for (const u of all) {
    const al = alignUtterance(compiled, u.obs, u.frames.frames, u.words);
    aligned.set(u, al);
    feats.set(u, extractFeatures(u.frames, u.vad, al, u.words, ac.durations));
    prog("alignment and features", ++done, all.length);
  }
  const A = ASPECTS.length;
  const heads = (us: PreparedUtterance[]) => ({
    sentence: stack(us.map((u) => feats.get(u)!), "sentence", SENTENCE_FEATURES.length),
    word: stack(us.map((u) => feats.get(u)!), "words", WORD_FEATURES.length),
    phone: stack(us.map((u) => feats.get(u)!), "phones", PHONE_FEATURES.length),
  });
  const hf = heads(fit);
  const centre = fit.flatMap((u) => u.sentence);
  const spread = fit.flatMap((u) =>
    ASPECTS.map((_, k) => {
      const rs = u.sentenceRaters.filter((r): r is number[] => r !== null).map((r) => r[k]);
      const m = rs.reduce((s, v) => s + v, 0) / Math.max(1, rs.length);
      return rs.reduce((s, v) => s + (v - m) ** 2, 0) / Math.max(1, rs.length);
    }),
  );
  const epochs = o.epochs ?? 1;
  prog("heads", 0, 3);
  const sentence = trainSentenceHead(hf.sentence, centre, spread, A, seed, Math.round(120 * epochs));
  prog("heads", 1, 3);
  const word = trainRegressionHead(hf.word, fit.flatMap((u) => u.wordAccuracy), seed + 1, Math.round(40 * epochs), 64);
  prog("heads", 2, 3);
  const phone = trainRegressionHead(hf.phone, fit.flatMap((u) => u.phoneScore), seed + 2, Math.round(20 * epochs), 128);
  prog("heads", 3, 3);

  const js = (us: PreparedUtterance[]) => {
    const h = heads(us);
    return {
      ...sentenceOutputs(forward(sentence, h.sentence.x, h.sentence.rows), h.sentence.rows, A),
      word: forward(word, h.word.x, h.word.rows),
      phone: forward(phone, h.phone.x, h.phone.rows),
      h,
    };
  };
  const calOut = js(cal);
  const testOut = js(test);
  const evaluation = evaluate(cal, calOut, test, testOut, feats);

  const name = path.basename(o.out).replace(/\.onnx$/, "");
  const onnxBytes = buildScorerOnnx({ sentence, word, phone }, { name, seed: String(seed), aspects: ASPECTS.join(",") });
  // The graph must compute what the JS forward pass computes: compare on the test rows.
  const sess = await ort.InferenceSession.create(onnxBytes);
  const r = await sess.run({
    [SCORER_INPUTS.sentence]: new ort.Tensor("float32", testOut.h.sentence.x, [testOut.h.sentence.rows, SENTENCE_FEATURES.length]),
    [SCORER_INPUTS.word]: new ort.Tensor("float32", testOut.h.word.x, [testOut.h.word.rows, WORD_FEATURES.length]),
    [SCORER_INPUTS.phone]: new ort.Tensor("float32", testOut.h.phone.x, [testOut.h.phone.rows, PHONE_FEATURES.length]),
  });
  let maxDiff = 0;
  const cmp = (a: ArrayLike<number>, b: ArrayLike<number>) => {
    for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
  };
  cmp(r[SCORER_OUTPUTS.mean].data as Float32Array, testOut.mean);
  cmp(r[SCORER_OUTPUTS.sd].data as Float32Array, testOut.sd);
  cmp(r[SCORER_OUTPUTS.word].data as Float32Array, testOut.word);
  cmp(r[SCORER_OUTPUTS.phone].data as Float32Array, testOut.phone);

  const outOnnx = path.resolve(o.out);
  const outJson = outOnnx.replace(/\.onnx$/, "") + ".json";
  const outCard = outOnnx.replace(/\.onnx$/, "") + ".md";
  await mkdir(path.dirname(outOnnx), { recursive: true });
  const round = (xs: number[]) => xs.map((v) => Math.fround(v));
  const bundle: ScorerBundle = {
    format: BUNDLE_FORMAT,
    name,
    seed,
    onnx: path.basename(outOnnx),
    aspects: [...ASPECTS],
    features: { sentence: SENTENCE_FEATURES, word: WORD_FEATURES, phone: PHONE_FEATURES },
    acoustic: { ...ac.model, means: round(ac.model.means), vars: round(ac.model.vars) },
    durations: ac.durations,
    calibration: evaluation.calibration,
    metrics: { ...evaluation, calibration: undefined, acoustic_aligned_share: ac.alignedShare },
  };
  await writeFile(outOnnx, onnxBytes);
  await writeFile(outJson, JSON.stringify(bundle) + "\n");
  const summary: TrainSummary = {
    model: name,
    onnx: outOnnx,
    bundle: outJson,
    card: outCard,
    seed,
    utterances: { fit: fit.length, calibration: cal.length, test: test.length },
    onnx_bytes: onnxBytes.length,
    onnx_max_abs_diff: maxDiff,
    seconds: Math.round((performance.now() - t0) / 100) / 10,
    evaluation,
  };
  await writeFile(outCard, writeModelCard(summary, o));
  forgetBundle(outJson);
  dropOnnxSession(outOnnx);
  return summary;
}
