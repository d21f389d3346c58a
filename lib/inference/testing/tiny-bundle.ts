// A tiny scorer bundle trained in milliseconds on synthetic rows, for tests that need a working
// built-in model without training on the corpus (shapes, determinism, jobs).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { mulberry32 } from "@/lib/metrics/random";
import { emptyModel } from "../acoustic/hmm";
import { UNITS } from "../acoustic/phone-set";
import { BUNDLE_FORMAT, type ScorerBundle } from "../builtin/bundle";
import { PHONE_FEATURES, SENTENCE_FEATURES, WORD_FEATURES } from "../features/extract";
import { trainMlp, type Mlp } from "../scorer/mlp";
import { buildScorerOnnx } from "../scorer/onnx-graph";
import { trainSentenceHead } from "../train/heads";
import { SPHINX_SENTENCE_EXTRAS, SPHINX_WORD_EXTRAS, sphinxPhoneExtras } from "../features/sphinx-extras";
import { sphinxModel } from "../sphinx/acoustic-model";
import { COARSE_WARPS, WARP_UTTERANCES } from "../sphinx/speaker-warp";

function synthetic(rows: number, dim: number, seed: number): { x: Float32Array; y: number[] } {
  const rng = mulberry32(seed);
  const x = new Float32Array(rows * dim);
  const y: number[] = [];
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let d = 0; d < dim; d++) {
      x[r * dim + d] = rng() * 2 - 1;
      s += x[r * dim + d] * ((d % 3) - 1);
    }
    y.push(5 + s);
  }
  return { x, y };
}

export function tinyHeads(seed: number, names: ScorerBundle["features"] = BUILTIN_NAMES): { sentence: Mlp; word: Mlp; phone: Mlp } {
  const s = synthetic(40, names.sentence.length, seed);
  const centre = s.y.flatMap((v) => [v, v, v, 10, v]);
  const sentence = trainSentenceHead({ x: s.x, rows: 40, dim: names.sentence.length }, centre, centre.map(() => 1), 5, seed, 3);
  const reg = (dim: number, k: number) => {
    const d = synthetic(40, dim, seed + k);
    return trainMlp(d.x, 40, dim, 1, (o, r, g) => ((g[0] = o[0] - d.y[r]), 0.5 * (o[0] - d.y[r]) ** 2), { hidden: 8, epochs: 3, batch: 8, lr: 0.01, weightDecay: 0, seed: seed + k }).model;
  };
  return { sentence, word: reg(names.word.length, 1), phone: reg(names.phone.length, 2) };
}

const BUILTIN_NAMES = { sentence: SENTENCE_FEATURES, word: WORD_FEATURES, phone: PHONE_FEATURES };

/** Column names of a bundle on the Sphinx acoustic model (built-in columns, then its extras). */
export function sphinxNames(): ScorerBundle["features"] {
  const ci = sphinxModel().mdef.ciPhones;
  return { sentence: [...SENTENCE_FEATURES, ...SPHINX_SENTENCE_EXTRAS], word: [...WORD_FEATURES, ...SPHINX_WORD_EXTRAS], phone: [...PHONE_FEATURES, ...sphinxPhoneExtras(ci)] };
}

/** Writes <dir>/<name>.onnx and <dir>/<name>.json; returns the bundle path. */
export async function writeTinyBundle(dir: string, name = "tiny", seed = 1, acoustic: "monophone" | "sphinx" = "monophone"): Promise<string> {
  await mkdir(dir, { recursive: true });
  const names = acoustic === "sphinx" ? sphinxNames() : BUILTIN_NAMES;
  const heads = tinyHeads(seed, names);
  await writeFile(path.join(dir, `${name}.onnx`), buildScorerOnnx(heads));
  const cal = { qhat: 1.5, n: 40, alpha: 0.1, normalized: true };
  const bundle: ScorerBundle = {
    format: BUNDLE_FORMAT,
    name,
    seed,
    onnx: `${name}.onnx`,
    aspects: ["accuracy", "fluency", "prosody", "completeness", "total"],
    features: names,
    acoustic: acoustic === "sphinx" ? { kind: "sphinx-en-us", warpGrid: COARSE_WARPS, warpUtterances: WARP_UTTERANCES, speakerWarps: {} } : emptyModel(),
    durations: { meanLog: UNITS.map(() => Math.log(8)), sdLog: UNITS.map(() => 0.5) },
    calibration: { accuracy: cal, fluency: cal, prosody: cal, completeness: cal, total: cal },
    metrics: {},
  };
  const file = path.join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(bundle));
  return file;
}
