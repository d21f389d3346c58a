// The Sphinx en-us PTM acoustic model in memory, ready for scoring: per stream, each codebook's
// Gaussians as means, precisions (variances floored at 1e-4, as pocketsphinx's -varfloor does) and
// log normalisers; the senones' mixture weights as linear weights, senone-major; the model
// definition and normalised transition matrices. Loaded once per process.
import { readFileSync } from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { parseFeatParams, type FrontEndParams } from "./feat-params";
import { readMdef, type Mdef } from "./mdef";
import { sphinxModelDir } from "./model-files";
import { readGauden, readTransitionMatrices, type TransitionMatrices } from "./s3-file";
import { readSendump } from "./sendump";

export const VAR_FLOOR = 1e-4;

export interface StreamModel {
  /** First feature dimension and length of the stream. */
  offset: number;
  dim: number;
  /** codebook × density × dim */
  mean: Float32Array;
  prec: Float32Array;
  /** codebook × density: log normaliser −½(dim·ln 2π + Σ ln σ²). */
  gconst: Float64Array;
  /** senone × density: mixture weights (linear). */
  weight: Float32Array;
}

export interface SphinxModel {
  dir: string;
  params: FrontEndParams;
  mdef: Mdef;
  tmat: TransitionMatrices;
  nCodebooks: number;
  nDensities: number;
  streams: StreamModel[];
}

export function loadSphinxModel(dir = sphinxModelDir()): SphinxModel {
  const file = (f: string) => path.join(dir, f);
  const read = (f: string) => readFileSync(file(f));
  const params = parseFeatParams(read("feat.params").toString("utf8"), file("feat.params"));
  const mdef = readMdef(read("mdef"), file("mdef"));
  const means = readGauden(read("means"), file("means"));
  const vars = readGauden(read("variances"), file("variances"));
  const mixw = readSendump(read("sendump"), file("sendump"));
  const tmat = readTransitionMatrices(read("transition_matrices"), file("transition_matrices"));
  const mismatch = (what: string) => {
    throw new AppError("INVALID_INPUT", `Sphinx model in ${dir}: ${what}`);
  };
  if (vars.nCodebooks !== means.nCodebooks || vars.nDensities !== means.nDensities || vars.veclen.join() !== means.veclen.join()) mismatch("means and variances differ in shape");
  if (mixw.nSen !== mdef.nSen) mismatch(`sendump has ${mixw.nSen} senones, mdef ${mdef.nSen}`);
  if (mixw.nDensities !== means.nDensities || mixw.nStreams !== means.nStreams) mismatch("sendump and means differ in densities or streams");
  if (means.nCodebooks !== mdef.ciPhones.length) mismatch(`${means.nCodebooks} codebooks for ${mdef.ciPhones.length} phones: not a phonetically tied (PTM) model`);
  if (params.streams.length !== means.nStreams) mismatch(`feat.params -svspec has ${params.streams.length} streams, means ${means.nStreams}`);
  const K = means.nDensities;
  const streams = params.streams.map(([a, b], f): StreamModel => {
    const dim = b - a + 1;
    if (dim !== means.veclen[f]) mismatch(`stream ${f} is ${dim} wide in feat.params, ${means.veclen[f]} in means`);
    const v = vars.data[f];
    const prec = new Float32Array(v.length);
    const gconst = new Float64Array(means.nCodebooks * K);
    for (let g = 0; g < gconst.length; g++) {
      let logdet = 0;
      for (let d = 0; d < dim; d++) {
        const x = Math.max(VAR_FLOOR, v[g * dim + d]);
        prec[g * dim + d] = 1 / x;
        logdet += Math.log(x);
      }
      gconst[g] = -0.5 * (dim * Math.log(2 * Math.PI) + logdet);
    }
    const weight = new Float32Array(mdef.nSen * K);
    const lw = mixw.logW[f];
    for (let k = 0; k < K; k++) for (let s = 0; s < mdef.nSen; s++) weight[s * K + k] = Math.exp(lw[k * mdef.nSen + s]);
    return { offset: a, dim, mean: means.data[f], prec, gconst, weight };
  });
  return { dir, params, mdef, tmat, nCodebooks: means.nCodebooks, nDensities: K, streams };
}

let cached: SphinxModel | null = null;

export function sphinxModel(): SphinxModel {
  cached ??= loadSphinxModel();
  return cached;
}
