// The built-in provider's per-recording path: analysis → ONNX heads → prediction → rationale.
import * as ort from "onnxruntime-node";
import { compile } from "../acoustic/hmm";
import { analyzeRecording, type AcousticRuntime, type Analysis, type StageTimes, type WordInput } from "../analyze";
import { assemblePrediction, type PredictionRecord } from "../predict/assemble";
import { renderPrediction } from "../rationale/write-rationale";
import { onnxSession } from "../scorer/session";
import { SCORER_INPUTS, SCORER_OUTPUTS } from "../scorer/onnx-graph";
import { headInputs } from "../features/head-inputs";
import { sphinxModel } from "../sphinx/acoustic-model";
import { isSphinxSpec, loadBundle, type ScorerBundle } from "./bundle";

export interface BuiltinScorer {
  bundle: ScorerBundle;
  acoustic: AcousticRuntime;
  session: ort.InferenceSession;
}

const scorers = new Map<string, Promise<BuiltinScorer>>();

export function builtinScorer(nameOrPath = "default"): Promise<BuiltinScorer> {
  let p = scorers.get(nameOrPath);
  if (!p) {
    p = (async () => {
      const bundle = await loadBundle(nameOrPath);
      const acoustic: AcousticRuntime = isSphinxSpec(bundle.acoustic)
        ? { kind: "sphinx", model: sphinxModel(), durations: bundle.durations }
        : { kind: "monophone", compiled: compile(bundle.acoustic), durations: bundle.durations };
      return { bundle, acoustic, session: await onnxSession(bundle.onnx) };
    })();
    scorers.set(nameOrPath, p);
    p.catch(() => scorers.delete(nameOrPath));
  }
  return p;
}

export interface ScoredRecording {
  record: PredictionRecord;
  response: string;
  analysis: Analysis;
  times: StageTimes;
}

export async function runHeads(session: ort.InferenceSession, an: Pick<Analysis, "features" | "extras">, nWords: number, nPhones: number) {
  const a = headInputs(an.features, an.extras, nWords, nPhones);
  const sd = a.sentence.length;
  const feeds = {
    [SCORER_INPUTS.sentence]: new ort.Tensor("float32", a.sentence, [1, sd]),
    [SCORER_INPUTS.word]: new ort.Tensor("float32", a.words, [nWords, a.words.length / Math.max(1, nWords)]),
    [SCORER_INPUTS.phone]: new ort.Tensor("float32", a.phones, [nPhones, a.phones.length / Math.max(1, nPhones)]),
  };
  const out = await session.run(feeds);
  return {
    mean: out[SCORER_OUTPUTS.mean].data as Float32Array,
    sd: out[SCORER_OUTPUTS.sd].data as Float32Array,
    word: out[SCORER_OUTPUTS.word].data as Float32Array,
    phone: out[SCORER_OUTPUTS.phone].data as Float32Array,
  };
}

export async function scoreRecording(s: BuiltinScorer, samples: Float32Array, words: WordInput[], opts: { warp?: number } = {}): Promise<ScoredRecording> {
  const analysis = await analyzeRecording(samples, words, s.acoustic, { warp: opts.warp });
  const phones = words.flatMap((w) => w.phones);
  let t = performance.now();
  const o = await runHeads(s.session, analysis, words.length, phones.length);
  const onnx_ms = performance.now() - t;
  t = performance.now();
  const record = assemblePrediction(
    o.mean, o.sd, s.bundle.calibration,
    words.map((w, i) => ({ text: w.text, accuracy: o.word[i] })),
    phones.map((p, i) => ({ symbol: p, score: o.phone[i] })),
  );
  const speechSec = analysis.vad.speech.reduce((x, g) => x + g.endSec - g.startSec, 0);
  const response = renderPrediction(record, {
    pauses: analysis.vad.pauses.map((p) => p.endSec - p.startSec),
    articulationRate: phones.length / Math.max(0.2, speechSec),
    phoneWord: analysis.aligned.phones.map((p) => p.wordIndex),
  });
  return { record, response, analysis, times: { ...analysis.times, onnx_ms, rationale_ms: performance.now() - t } };
}
