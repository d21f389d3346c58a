// The three heads' losses and training settings. Sentence: Gaussian negative log-likelihood of the
// raters' scores, E_r[(y_r − μ)²]/(2σ²) + log σ = ((m − μ)² + v)/(2σ²) + log σ, with m, v the raters'
// mean and variance, so σ learns the raters' spread plus the model's own error. Word and phone:
// squared error against the consensus.
import { trainMlp, type Mlp } from "../scorer/mlp";
import { SIGMA_FLOOR } from "../scorer/onnx-graph";

export interface HeadData {
  x: Float32Array;
  rows: number;
  dim: number;
}

export function trainSentenceHead(d: HeadData, centre: number[], spread: number[], aspects: number, seed: number, epochs = 120): Mlp {
  const means = Array.from({ length: aspects }, (_, a) => avg(d.rows, (r) => centre[r * aspects + a]));
  const logSd = Array.from({ length: aspects }, (_, a) => Math.log(Math.sqrt(avg(d.rows, (r) => (centre[r * aspects + a] - means[a]) ** 2)) + 0.1));
  return trainMlp(
    d.x, d.rows, d.dim, 2 * aspects,
    (out, r, g) => {
      let loss = 0;
      for (let a = 0; a < aspects; a++) {
        const mu = out[a];
        const e = Math.exp(Math.min(20, out[aspects + a]));
        const sigma = e + SIGMA_FLOOR;
        const diff = centre[r * aspects + a] - mu;
        const q = diff * diff + spread[r * aspects + a];
        loss += q / (2 * sigma * sigma) + Math.log(sigma);
        g[a] = -diff / (sigma * sigma);
        g[aspects + a] = (-q / (sigma * sigma * sigma) + 1 / sigma) * e;
      }
      return loss;
    },
    { hidden: 32, epochs, batch: 32, lr: 0.002, weightDecay: 1e-2, seed, outBias: [...means, ...logSd] },
  ).model;
}

export function trainRegressionHead(d: HeadData, y: number[], seed: number, epochs: number, batch: number): Mlp {
  const mean = avg(d.rows, (r) => y[r]);
  return trainMlp(
    d.x, d.rows, d.dim, 1,
    (out, r, g) => {
      const diff = out[0] - y[r];
      g[0] = diff;
      return 0.5 * diff * diff;
    },
    { hidden: 32, epochs, batch, lr: 0.001, weightDecay: 1e-3, seed, outBias: [mean] },
  ).model;
}

function avg(n: number, f: (i: number) => number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += f(i);
  return n ? s / n : 0;
}
