// Trains the built-in scorer end to end (deterministic for a seed): the acoustic side (the CMU
// Sphinx en-us model with a VTLN warp per speaker chosen from audio and text, or a monophone HMM
// trained on the fit speakers), features for every utterance, the three heads on the fit speakers,
// split-conformal calibration on held-out train speakers, figures on the test split.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { seededShuffle } from "@/lib/metrics/random";
import { BUNDLE_FORMAT, forgetBundle, type ScorerBundle } from "../builtin/bundle";
import type { FeatureSet } from "../features/extract";
import { forward } from "../scorer/mlp";
import { buildScorerOnnx, meanOutputs, sentenceOutputs, SCORER_INPUTS, SCORER_OUTPUTS, type ScorerHeads } from "../scorer/onnx-graph";
import { dropOnnxSession } from "../scorer/session";
import { monophoneSide, sphinxSide, type AcousticSide } from "./acoustic-side";
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
  /** "sphinx" (default): the CMU Sphinx en-us model with per-speaker VTLN; "monophone": the HMM trained here. */
  acoustic?: "sphinx" | "monophone";
  onProgress?: (stage: string, done: number, total: number) => void;
  /** An already prepared corpus (prepareCorpus with keepSamples for the Sphinx model), instead of reading `data`. */
  prepared?: PreparedUtterance[];
  /** An acoustic side already computed for `prepared` (experiments with the heads). */
  acousticSide?: (all: PreparedUtterance[], fit: PreparedUtterance[]) => Promise<AcousticSide>;
  /** Heads trained from this many seeds and averaged (default 1). */
  ensemble?: number;
  /** A previous bundle (.json) whose test figures the model card shows beside the new ones. */
  compareWith?: string;
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
  /** CPU seconds of the acoustic side (warps, alignment, GOP) and the audio seconds it covered. */
  acoustic_cpu_seconds: number;
  audio_seconds: number;
  acoustic: "sphinx" | "monophone";
  evaluation: Evaluation;
  baseline?: { name: string; evaluation: Evaluation };
  vtln?: unknown;
  features: { sentence: string[]; word: string[]; phone: string[] };
  ensemble: number;
}

async function readBaseline(file: string): Promise<{ name: string; evaluation: Evaluation }> {
  const b = JSON.parse(await readFile(file, "utf8")) as ScorerBundle;
  return { name: b.name, evaluation: b.metrics as unknown as Evaluation };
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
  const kind = o.acoustic ?? "sphinx";
  const all = o.prepared ?? (await prepareCorpus(o.data, { limit: o.limit, keepSamples: kind === "sphinx", onProgress: prog }));
  const train = all.filter((u) => u.split === "train");
  const test = all.filter((u) => u.split === "test");
  // Calibration speakers are held out of everything the model learns from (exchangeability).
  const speakers = [...new Set(train.map((u) => u.speakerId))].sort();
  const nCal = Math.max(1, Math.round(speakers.length * (o.calibrationShare ?? 0.25)));
  const calSpeakers = new Set(seededShuffle(speakers, seed).slice(0, nCal));
  const fit = train.filter((u) => !calSpeakers.has(u.speakerId));
  const cal = train.filter((u) => calSpeakers.has(u.speakerId));

  const feats = new Map<PreparedUtterance, FeatureSet>();
  const cpu0 = process.cpuUsage();
  const ac = o.acousticSide ? await o.acousticSide(all, fit) : kind === "sphinx" ? await sphinxSide(all, fit, prog) : monophoneSide(all, fit, o, prog);
  // A precomputed side (experiments) reports the CPU time it took itself.
  const acousticCpu = (ac.metrics?.acoustic_cpu_seconds as number | undefined) ?? process.cpuUsage(cpu0).user / 1e6;
  for (const u of all) feats.set(u, ac.features.get(u)!);
  const A = ASPECTS.length;
  const heads = (us: PreparedUtterance[]) => ({
    sentence: stack(us.map((u) => ac.headInputs.get(u)!), "sentence", ac.names.sentence.length),
    word: stack(us.map((u) => ac.headInputs.get(u)!), "words", ac.names.word.length),
    phone: stack(us.map((u) => ac.headInputs.get(u)!), "phones", ac.names.phone.length),
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
  // An ensemble of heads trained from different seeds, averaged (in the graph too).
  const nMembers = o.ensemble ?? 1;
  const members: ScorerHeads[] = [];
  for (let k = 0; k < nMembers; k++) {
    const sk = seed + 100 * k;
    prog("heads", 3 * k, 3 * nMembers);
    const sentence = trainSentenceHead(hf.sentence, centre, spread, A, sk, Math.round(120 * epochs));
    prog("heads", 3 * k + 1, 3 * nMembers);
    const word = trainRegressionHead(hf.word, fit.flatMap((u) => u.wordAccuracy), sk + 1, Math.round(40 * epochs), 64);
    prog("heads", 3 * k + 2, 3 * nMembers);
    const phone = trainRegressionHead(hf.phone, fit.flatMap((u) => u.phoneScore), sk + 2, Math.round(20 * epochs), 128);
    members.push({ sentence, word, phone });
  }
  prog("heads", 3 * nMembers, 3 * nMembers);

  const js = (us: PreparedUtterance[]) => {
    const h = heads(us);
    return {
      ...sentenceOutputs(meanOutputs(members.map((m) => forward(m.sentence, h.sentence.x, h.sentence.rows))), h.sentence.rows, A),
      word: meanOutputs(members.map((m) => forward(m.word, h.word.x, h.word.rows))),
      phone: meanOutputs(members.map((m) => forward(m.phone, h.phone.x, h.phone.rows))),
      h,
    };
  };
  const calOut = js(cal);
  const testOut = js(test);
  const evaluation = evaluate(cal, calOut, test, testOut, feats);

  const name = path.basename(o.out).replace(/\.onnx$/, "");
  const onnxBytes = buildScorerOnnx(members, { name, seed: String(seed), aspects: ASPECTS.join(",") });
  // The graph must compute what the JS forward pass computes: compare on the test rows.
  const sess = await ort.InferenceSession.create(onnxBytes);
  const r = await sess.run({
    [SCORER_INPUTS.sentence]: new ort.Tensor("float32", testOut.h.sentence.x, [testOut.h.sentence.rows, ac.names.sentence.length]),
    [SCORER_INPUTS.word]: new ort.Tensor("float32", testOut.h.word.x, [testOut.h.word.rows, ac.names.word.length]),
    [SCORER_INPUTS.phone]: new ort.Tensor("float32", testOut.h.phone.x, [testOut.h.phone.rows, ac.names.phone.length]),
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
    features: ac.names,
    acoustic: ac.spec ?? { ...ac.model!, means: round(ac.model!.means), vars: round(ac.model!.vars) },
    durations: ac.durations,
    calibration: evaluation.calibration,
    metrics: { ...evaluation, calibration: undefined, acoustic_aligned_share: ac.alignedShare, ...ac.metrics },
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
    acoustic_cpu_seconds: Math.round(acousticCpu * 10) / 10,
    audio_seconds: Math.round(all.reduce((a, u) => a + u.durationSec, 0)),
    acoustic: kind,
    evaluation,
    baseline: o.compareWith ? await readBaseline(o.compareWith) : undefined,
    vtln: ac.metrics?.vtln,
    features: ac.names,
    ensemble: nMembers,
  };
  await writeFile(outCard, writeModelCard(summary, o));
  forgetBundle(outJson);
  dropOnnxSession(outOnnx);
  return summary;
}
