// A small MLP (input standardisation → hidden ReLU layer → linear output) trained with Adam on
// minibatches in a seeded order. Float64 arithmetic in a fixed order: the same seed and data give
// the same weights, bit for bit.
import { mulberry32, seededShuffle } from "@/lib/metrics/random";

export interface Mlp {
  inDim: number;
  hidden: number;
  outDim: number;
  /** Input standardisation: x' = (x − mean) · invSd. */
  mean: number[];
  invSd: number[];
  w1: number[]; // inDim × hidden, row-major (input-major), as ONNX MatMul wants
  b1: number[];
  w2: number[]; // hidden × outDim
  b2: number[];
}

export interface TrainOptions {
  hidden: number;
  epochs: number;
  batch: number;
  lr: number;
  weightDecay: number;
  seed: number;
  /** Initial output bias (e.g. the target means). */
  outBias?: number[];
}

/** Loss for one row: returns the loss and writes dLoss/dOutput into `grad`. */
export type RowLoss = (out: Float64Array, row: number, grad: Float64Array) => number;

export function standardisation(x: Float32Array, rows: number, dim: number): { mean: number[]; invSd: number[] } {
  const mean = new Array(dim).fill(0);
  const sq = new Array(dim).fill(0);
  for (let r = 0; r < rows; r++) for (let d = 0; d < dim; d++) (mean[d] += x[r * dim + d]), (sq[d] += x[r * dim + d] ** 2);
  const invSd = mean.map((_, d) => {
    const m = mean[d] / Math.max(1, rows);
    const v = sq[d] / Math.max(1, rows) - m * m;
    return v > 1e-10 ? 1 / Math.sqrt(v) : 0; // constant column: contributes nothing
  });
  return { mean: mean.map((s) => s / Math.max(1, rows)), invSd };
}

/** Forward pass for one row; `h` receives the hidden activations. */
export function forwardRow(m: Mlp, x: Float32Array, row: number, h: Float64Array, out: Float64Array): void {
  const { inDim, hidden, outDim } = m;
  for (let j = 0; j < hidden; j++) h[j] = m.b1[j];
  for (let i = 0; i < inDim; i++) {
    const xi = (x[row * inDim + i] - m.mean[i]) * m.invSd[i];
    if (xi === 0) continue;
    const base = i * hidden;
    for (let j = 0; j < hidden; j++) h[j] += xi * m.w1[base + j];
  }
  for (let j = 0; j < hidden; j++) if (h[j] < 0) h[j] = 0;
  for (let k = 0; k < outDim; k++) out[k] = m.b2[k];
  for (let j = 0; j < hidden; j++) {
    if (h[j] === 0) continue;
    for (let k = 0; k < outDim; k++) out[k] += h[j] * m.w2[j * outDim + k];
  }
}

export function forward(m: Mlp, x: Float32Array, rows: number): Float64Array {
  const out = new Float64Array(rows * m.outDim);
  const h = new Float64Array(m.hidden);
  const o = new Float64Array(m.outDim);
  for (let r = 0; r < rows; r++) {
    forwardRow(m, x, r, h, o);
    out.set(o, r * m.outDim);
  }
  return out;
}

export function trainMlp(x: Float32Array, rows: number, inDim: number, outDim: number, loss: RowLoss, o: TrainOptions): { model: Mlp; lastLoss: number } {
  const rng = mulberry32(o.seed);
  const H = o.hidden;
  const { mean, invSd } = standardisation(x, rows, inDim);
  const he = (fanIn: number) => Math.sqrt(2 / fanIn);
  const gauss = () => {
    const u = Math.max(1e-12, rng());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
  };
  const m: Mlp = {
    inDim, hidden: H, outDim, mean, invSd,
    w1: Array.from({ length: inDim * H }, () => gauss() * he(inDim)),
    b1: new Array(H).fill(0.01),
    w2: Array.from({ length: H * outDim }, () => gauss() * he(H) * 0.1),
    b2: o.outBias ? [...o.outBias] : new Array(outDim).fill(0),
  };
  const params = [m.w1, m.b1, m.w2, m.b2];
  const mom = params.map((p) => new Float64Array(p.length));
  const vel = params.map((p) => new Float64Array(p.length));
  const grads = params.map((p) => new Float64Array(p.length));
  const h = new Float64Array(H);
  const out = new Float64Array(outDim);
  const gOut = new Float64Array(outDim);
  const gH = new Float64Array(H);
  const xs = new Float64Array(inDim);
  let step = 0;
  let lastLoss = 0;
  const order = Array.from({ length: rows }, (_, i) => i);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const perm = seededShuffle(order, rng);
    let epochLoss = 0;
    for (let b0 = 0; b0 < rows; b0 += o.batch) {
      grads.forEach((g) => g.fill(0));
      const end = Math.min(rows, b0 + o.batch);
      for (let bi = b0; bi < end; bi++) {
        const r = perm[bi];
        forwardRow(m, x, r, h, out);
        epochLoss += loss(out, r, gOut);
        for (let i = 0; i < inDim; i++) xs[i] = (x[r * inDim + i] - mean[i]) * invSd[i];
        gH.fill(0);
        for (let j = 0; j < H; j++) {
          if (h[j] === 0) continue;
          for (let k = 0; k < outDim; k++) {
            grads[2][j * outDim + k] += h[j] * gOut[k];
            gH[j] += m.w2[j * outDim + k] * gOut[k];
          }
        }
        for (let k = 0; k < outDim; k++) grads[3][k] += gOut[k];
        for (let j = 0; j < H; j++) {
          if (h[j] === 0) continue;
          grads[1][j] += gH[j];
          for (let i = 0; i < inDim; i++) if (xs[i] !== 0) grads[0][i * H + j] += xs[i] * gH[j];
        }
      }
      const n = end - b0;
      step++;
      const b1c = 1 - 0.9 ** step;
      const b2c = 1 - 0.999 ** step;
      params.forEach((p, pi) => {
        const decay = pi === 0 || pi === 2 ? o.weightDecay : 0;
        for (let q = 0; q < p.length; q++) {
          const g = grads[pi][q] / n + decay * p[q];
          mom[pi][q] = 0.9 * mom[pi][q] + 0.1 * g;
          vel[pi][q] = 0.999 * vel[pi][q] + 0.001 * g * g;
          p[q] -= (o.lr * (mom[pi][q] / b1c)) / (Math.sqrt(vel[pi][q] / b2c) + 1e-8);
        }
      });
    }
    lastLoss = epochLoss / rows;
  }
  return { model: m, lastLoss };
}
