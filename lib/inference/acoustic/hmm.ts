// A monophone HMM acoustic model: 3 left-to-right states per unit, one diagonal Gaussian per state,
// over 39-dim MFCC+Δ+ΔΔ observations. Small enough to train in TypeScript in a few minutes, and a
// real acoustic model: it gives forced alignments and goodness-of-pronunciation scores.
import { OBS_DIM } from "./observations";
import { SIL_INDEX, STATES_PER_UNIT, UNITS } from "./phone-set";

export interface AcousticModel {
  dim: number;
  units: string[];
  statesPerUnit: number;
  /** (units × statesPerUnit) × dim */
  means: number[];
  vars: number[];
}

export const VAR_FLOOR = 0.01;
const LOG2PI = Math.log(2 * Math.PI);

export interface CompiledModel {
  nStates: number;
  dim: number;
  mean: Float32Array;
  invVar: Float32Array;
  gconst: Float32Array;
}

export function compile(m: AcousticModel): CompiledModel {
  const nStates = m.units.length * m.statesPerUnit;
  const invVar = new Float32Array(m.vars.length);
  const gconst = new Float32Array(nStates);
  for (let s = 0; s < nStates; s++) {
    let logdet = 0;
    for (let d = 0; d < m.dim; d++) {
      const v = Math.max(VAR_FLOOR, m.vars[s * m.dim + d]);
      invVar[s * m.dim + d] = 1 / v;
      logdet += Math.log(v);
    }
    gconst[s] = -0.5 * (m.dim * LOG2PI + logdet);
  }
  return { nStates, dim: m.dim, mean: Float32Array.from(m.means), invVar, gconst };
}

/** Log-likelihood of every frame under every state: frames × nStates. */
export function stateLogLik(cm: CompiledModel, obs: Float32Array, frames: number): Float32Array {
  const { nStates, dim, mean, invVar, gconst } = cm;
  const out = new Float32Array(frames * nStates);
  // Two states per pass share each observation load (the hot loop of alignment); each state's sum
  // keeps the same order as the one-state loop, so the values are bit-identical.
  const pairs = nStates - (nStates % 2);
  for (let t = 0; t < frames; t++) {
    const o = t * dim;
    for (let s = 0; s < pairs; s += 2) {
      const b0 = s * dim;
      const b1 = b0 + dim;
      let q0 = 0;
      let q1 = 0;
      for (let d = 0; d < dim; d++) {
        const x = obs[o + d];
        const z0 = x - mean[b0 + d];
        const z1 = x - mean[b1 + d];
        q0 += z0 * z0 * invVar[b0 + d];
        q1 += z1 * z1 * invVar[b1 + d];
      }
      out[t * nStates + s] = gconst[s] - 0.5 * q0;
      out[t * nStates + s + 1] = gconst[s + 1] - 0.5 * q1;
    }
    for (let s = pairs; s < nStates; s++) {
      const b = s * dim;
      let q = 0;
      for (let d = 0; d < dim; d++) {
        const z = obs[o + d] - mean[b + d];
        q += z * z * invVar[b + d];
      }
      out[t * nStates + s] = gconst[s] - 0.5 * q;
    }
  }
  return out;
}

/** One unit in an alignment graph; optional units (silences between words) may take no frames. */
export interface GraphUnit {
  unit: number;
  optional: boolean;
  /** Index of the canonical phone this unit stands for, or -1 for silence. */
  phone: number;
}

/** sil? w1 sil? w2 … sil?: silences before, between and after words are optional. */
export function alignmentGraph(wordPhones: number[][]): GraphUnit[] {
  const g: GraphUnit[] = [{ unit: SIL_INDEX, optional: true, phone: -1 }];
  let k = 0;
  for (const w of wordPhones) {
    for (const u of w) g.push({ unit: u, optional: false, phone: k++ });
    g.push({ unit: SIL_INDEX, optional: true, phone: -1 });
  }
  return g;
}

export interface UnitSpan {
  graphIndex: number;
  startFrame: number;
  endFrame: number; // exclusive
  /** Frame → model state (global state id) for the frames in this span. */
  states: number[];
}

/**
 * Viterbi forced alignment over the graph's left-to-right state chain (uniform transition weights).
 * Returns the spans of the units that took frames, or null when there are too few frames.
 */
export function forcedAlign(ll: Float32Array, frames: number, nStates: number, graph: GraphUnit[]): UnitSpan[] | null {
  const S = graph.length * STATES_PER_UNIT;
  const stateId = new Int32Array(S);
  graph.forEach((g, k) => {
    for (let j = 0; j < STATES_PER_UNIT; j++) stateId[k * STATES_PER_UNIT + j] = g.unit * STATES_PER_UNIT + j;
  });
  const NEG = -Infinity;
  let prev = new Float64Array(S).fill(NEG);
  let cur = new Float64Array(S);
  const back = new Int32Array(frames * S);
  // Entry: the first state of any unit reachable by skipping leading optional units.
  for (let k = 0; k < graph.length; k++) {
    prev[k * STATES_PER_UNIT] = ll[stateId[k * STATES_PER_UNIT]];
    back[k * STATES_PER_UNIT] = -1;
    if (!graph[k].optional) break;
  }
  for (let t = 1; t < frames; t++) {
    const row = t * nStates;
    for (let s = 0; s < S; s++) {
      let best = prev[s];
      let arg = s;
      if (s > 0 && prev[s - 1] > best) (best = prev[s - 1]), (arg = s - 1);
      // Into the first state of unit k from the last state of unit k-2 when unit k-1 is optional.
      if (s % STATES_PER_UNIT === 0) {
        const k = s / STATES_PER_UNIT;
        if (k >= 2 && graph[k - 1].optional) {
          const from = (k - 1) * STATES_PER_UNIT - 1;
          if (prev[from] > best) (best = prev[from]), (arg = from);
        }
      }
      cur[s] = best === NEG ? NEG : best + ll[row + stateId[s]];
      back[t * S + s] = arg;
    }
    [prev, cur] = [cur, prev];
  }
  // Exit: the last state of the last unit, or of the last non-optional unit before trailing optionals.
  let end = -1;
  let endScore = NEG;
  for (let k = graph.length - 1; k >= 0; k--) {
    const s = (k + 1) * STATES_PER_UNIT - 1;
    if (prev[s] > endScore) (endScore = prev[s]), (end = s);
    if (!graph[k].optional) break;
  }
  if (end < 0 || endScore === NEG) return null;
  const path = new Int32Array(frames);
  let s = end;
  for (let t = frames - 1; t >= 0; t--) {
    path[t] = s;
    s = back[t * S + s];
  }
  const spans: UnitSpan[] = [];
  for (let t = 0; t < frames; t++) {
    const k = Math.floor(path[t] / STATES_PER_UNIT);
    const last = spans[spans.length - 1];
    if (last && last.graphIndex === k) {
      last.endFrame = t + 1;
      last.states.push(stateId[path[t]]);
    } else spans.push({ graphIndex: k, startFrame: t, endFrame: t + 1, states: [stateId[path[t]]] });
  }
  return spans;
}

/** Even split of [from, to) among the graph's non-optional units (flat start), silence outside. */
export function uniformSpans(graph: GraphUnit[], frames: number, from: number, to: number): UnitSpan[] {
  const req = graph.map((g, k) => ({ g, k })).filter((x) => !x.g.optional);
  const spans: UnitSpan[] = [];
  const sil = (k: number, a: number, b: number) => {
    if (b > a) spans.push({ graphIndex: k, startFrame: a, endFrame: b, states: stateRun(graph[k].unit, b - a) });
  };
  sil(0, 0, from);
  const n = req.length;
  for (let i = 0; i < n; i++) {
    const a = from + Math.floor(((to - from) * i) / n);
    const b = from + Math.floor(((to - from) * (i + 1)) / n);
    if (b > a) spans.push({ graphIndex: req[i].k, startFrame: a, endFrame: b, states: stateRun(req[i].g.unit, b - a) });
  }
  sil(graph.length - 1, to, frames);
  return spans;
}

function stateRun(unit: number, len: number): number[] {
  return Array.from({ length: len }, (_, i) => unit * STATES_PER_UNIT + Math.min(STATES_PER_UNIT - 1, Math.floor((i * STATES_PER_UNIT) / len)));
}

export function emptyModel(): AcousticModel {
  const n = UNITS.length * STATES_PER_UNIT;
  return { dim: OBS_DIM, units: [...UNITS], statesPerUnit: STATES_PER_UNIT, means: new Array(n * OBS_DIM).fill(0), vars: new Array(n * OBS_DIM).fill(1) };
}

/** Accumulates sufficient statistics per state; states with too few frames keep the prior model's values. */
export class StatsAccumulator {
  readonly count: Float64Array;
  readonly sum: Float64Array;
  readonly sq: Float64Array;
  constructor(private readonly nStates: number, private readonly dim = OBS_DIM) {
    this.count = new Float64Array(nStates);
    this.sum = new Float64Array(nStates * dim);
    this.sq = new Float64Array(nStates * dim);
  }
  add(state: number, obs: Float32Array, t: number): void {
    const d0 = t * this.dim;
    const b = state * this.dim;
    this.count[state]++;
    for (let d = 0; d < this.dim; d++) {
      const x = obs[d0 + d];
      this.sum[b + d] += x;
      this.sq[b + d] += x * x;
    }
  }
  update(prior: AcousticModel, minFrames = 20): AcousticModel {
    const means = [...prior.means];
    const vars = [...prior.vars];
    for (let s = 0; s < this.nStates; s++) {
      const n = this.count[s];
      if (n < minFrames) continue;
      for (let d = 0; d < this.dim; d++) {
        const m = this.sum[s * this.dim + d] / n;
        means[s * this.dim + d] = m;
        vars[s * this.dim + d] = Math.max(VAR_FLOOR, this.sq[s * this.dim + d] / n - m * m);
      }
    }
    return { ...prior, means, vars };
  }
}
