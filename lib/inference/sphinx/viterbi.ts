// Viterbi decoding over senone scores with the model's transition matrices (left to right; a
// state may stay, advance, or skip where its matrix allows; a unit is left from any state with
// that state's exit probability):
// - forcedAlign: a chain of units in which optional units (silence) may be skipped;
// - phoneLoop: a free loop over units (any unit may follow any unit, with an insertion penalty),
//   the competitor in goodness of pronunciation.
// Both return the best path's state per frame and the emission log-likelihood per frame.
import type { TransitionMatrices } from "./s3-file";
import type { HmmUnit } from "./hmm-graph";

export interface ScoreMatrix {
  frames: number;
  /** Column of each senone id in `data` (-1: not scored). */
  column: Int32Array;
  width: number;
  data: Float32Array;
}

export interface ViterbiPath {
  /** Unit index per frame. */
  unit: Int32Array;
  /** State (0..nEmit-1) within the unit per frame. */
  state: Int8Array;
  /** Emission log-likelihood of the path's senone per frame. */
  emission: Float64Array;
  logLik: number;
}

const NEG = -Infinity;

function emissionOf(sc: ScoreMatrix, t: number, senone: number): number {
  const c = sc.column[senone];
  if (c < 0) throw new Error(`senone ${senone} was not scored`);
  return sc.data[t * sc.width + c];
}

/** Null when the frames cannot hold the units' minimum durations. */
export function forcedAlign(units: HmmUnit[], sc: ScoreMatrix, tm: TransitionMatrices): ViterbiPath | null {
  const E = tm.nFrom;
  const T = sc.frames;
  const S = units.length * E;
  const lp = (u: HmmUnit, i: number, j: number) => tm.logProb[(u.tmat * E + i) * tm.nTo + j];
  let prev = new Float64Array(S).fill(NEG);
  let cur = new Float64Array(S);
  const back = new Int32Array(T * S).fill(-1);
  const em = (t: number, s: number) => emissionOf(sc, t, units[(s / E) | 0].senones[s % E]);
  for (let k = 0; k < units.length; k++) {
    prev[k * E] = em(0, k * E);
    if (!units[k].optional) break;
  }
  for (let t = 1; t < T; t++) {
    cur.fill(NEG);
    for (let k = 0; k < units.length; k++) {
      const u = units[k];
      for (let j = 0; j < E; j++) {
        const s = k * E + j;
        let best = NEG;
        let arg = -1;
        for (let i = 0; i <= j; i++) {
          const v = prev[k * E + i] + lp(u, i, j);
          if (v > best) (best = v), (arg = k * E + i);
        }
        if (j === 0) {
          // Enter from any state of the previous unit (its exit), or of the one before when that is optional.
          for (let back1 = 1; back1 <= 2 && k - back1 >= 0; back1++) {
            const q = units[k - back1];
            for (let i = 0; i < E; i++) {
              const v = prev[(k - back1) * E + i] + lp(q, i, E);
              if (v > best) (best = v), (arg = (k - back1) * E + i);
            }
            if (!units[k - back1].optional) break;
          }
        }
        if (arg >= 0 && best > NEG) {
          cur[s] = best + em(t, s);
          back[t * S + s] = arg;
        }
      }
    }
    [prev, cur] = [cur, prev];
  }
  let end = -1;
  let endScore = NEG;
  for (let k = units.length - 1; k >= 0; k--) {
    for (let i = 0; i < E; i++) {
      const v = prev[k * E + i] + lp(units[k], i, E);
      if (v > endScore) (endScore = v), (end = k * E + i);
    }
    if (!units[k].optional) break;
  }
  if (end < 0 || endScore === NEG) return null;
  return trace(back, S, T, end, endScore, E, sc, units);
}

function trace(back: Int32Array, S: number, T: number, end: number, logLik: number, E: number, sc: ScoreMatrix, units: HmmUnit[]): ViterbiPath {
  const unit = new Int32Array(T);
  const state = new Int8Array(T);
  const emission = new Float64Array(T);
  let s = end;
  for (let t = T - 1; t >= 0; t--) {
    unit[t] = (s / E) | 0;
    state[t] = s % E;
    emission[t] = emissionOf(sc, t, units[unit[t]].senones[state[t]]);
    s = back[t * S + s];
  }
  return { unit, state, emission, logLik };
}

export function phoneLoop(units: HmmUnit[], sc: ScoreMatrix, tm: TransitionMatrices, insertionPenalty = -5): ViterbiPath {
  const E = tm.nFrom;
  const T = sc.frames;
  const S = units.length * E;
  const lp = (u: HmmUnit, i: number, j: number) => tm.logProb[(u.tmat * E + i) * tm.nTo + j];
  let prev = new Float64Array(S).fill(NEG);
  let cur = new Float64Array(S);
  const back = new Int32Array(T * S).fill(-1);
  for (let k = 0; k < units.length; k++) prev[k * E] = emissionOf(sc, 0, units[k].senones[0]);
  for (let t = 1; t < T; t++) {
    let exitBest = NEG;
    let exitArg = -1;
    for (let k = 0; k < units.length; k++) {
      for (let i = 0; i < E; i++) {
        const v = prev[k * E + i] + lp(units[k], i, E);
        if (v > exitBest) (exitBest = v), (exitArg = k * E + i);
      }
    }
    for (let k = 0; k < units.length; k++) {
      const u = units[k];
      for (let j = 0; j < E; j++) {
        const s = k * E + j;
        let best = NEG;
        let arg = -1;
        for (let i = 0; i <= j; i++) {
          const v = prev[k * E + i] + lp(u, i, j);
          if (v > best) (best = v), (arg = k * E + i);
        }
        if (j === 0 && exitBest + insertionPenalty > best) (best = exitBest + insertionPenalty), (arg = exitArg);
        cur[s] = best + emissionOf(sc, t, u.senones[j]);
        back[t * S + s] = arg;
      }
    }
    [prev, cur] = [cur, prev];
  }
  let end = 0;
  for (let s = 1; s < S; s++) if (prev[s] > prev[end]) end = s;
  return trace(back, S, T, end, prev[end], E, sc, units);
}
