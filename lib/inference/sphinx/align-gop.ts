// One utterance through the Sphinx model: senone scores for the forced graph's triphones and every
// CI phone, Viterbi forced alignment of the canonical phones (optional inter-word silence), a free
// phone loop over the CI phones, and per canonical phone:
// - gop: mean per frame of forced-path minus free-loop log-likelihood (≤ 0 when the loop explains
//   the frames better);
// - lpp / hit: mean log posterior of the canonical CI phone among all CI phones (each scored by
//   its best state per frame), and the share of frames it wins;
// - lpr / logPost: the same log-likelihood ratio (vs the canonical phone) and log posterior for
//   every CI phone, as vectors for the heads.
import type { AlignedPhone, AlignedUtterance } from "../acoustic/align-utterance";
import { unitIndex } from "../acoustic/phone-set";
import type { SphinxModel } from "./acoustic-model";
import type { FeatureFrames } from "./feature-streams";
import { forcedGraph, phoneLoopUnits, type HmmUnit } from "./hmm-graph";
import { scoreSenones } from "./senone-scores";
import { forcedAlign, phoneLoop, type ScoreMatrix, type ViterbiPath } from "./viterbi";

export interface SphinxPhone extends AlignedPhone {
  /** Per CI phone of the model: mean log-likelihood ratio against the canonical phone. */
  lpr: Float32Array;
  /** Per CI phone: mean log posterior. */
  logPost: Float32Array;
}

export interface SphinxAligned extends AlignedUtterance {
  phones: SphinxPhone[];
  /** Total forced-path and free-loop log-likelihood per frame (for speaker warp selection). */
  forcedPerFrame: number;
  loopPerFrame: number;
}

function uniformPath(units: HmmUnit[], frames: number, sc: ScoreMatrix, E: number): ViterbiPath {
  const req = units.map((u, k) => ({ u, k })).filter((x) => !x.u.optional);
  const unit = new Int32Array(frames);
  const state = new Int8Array(frames);
  const emission = new Float64Array(frames);
  for (let t = 0; t < frames; t++) {
    const i = Math.min(req.length - 1, Math.floor((t * req.length) / frames));
    const a = Math.floor((i * frames) / req.length);
    const b = Math.max(a + 1, Math.floor(((i + 1) * frames) / req.length));
    unit[t] = req[i].k;
    state[t] = Math.min(E - 1, Math.floor(((t - a) * E) / (b - a)));
    emission[t] = sc.data[t * sc.width + sc.column[req[i].u.senones[state[t]]]];
  }
  return { unit, state, emission, logLik: emission.reduce((s, v) => s + v, 0) };
}

export async function alignWithGop(m: SphinxModel, feat: FeatureFrames, words: { phones: string[] }[]): Promise<SphinxAligned> {
  const E = m.mdef.nEmit;
  const units = forcedGraph(m.mdef, words);
  const loopUnits = phoneLoopUnits(m.mdef);
  const need = [...new Set([...units, ...loopUnits].flatMap((u) => u.senones))].sort((a, b) => a - b);
  const scored = await scoreSenones(m, feat, need);
  const column = new Int32Array(m.mdef.nSen).fill(-1);
  need.forEach((s, i) => (column[s] = i));
  const T = feat.frames;
  const sc: ScoreMatrix = { frames: T, column, width: need.length, data: scored.data };
  const forced = forcedAlign(units, sc, m.tmat);
  const path = forced ?? uniformPath(units, T, sc, E);
  const loop = phoneLoop(loopUnits, sc, m.tmat);

  // Best state per CI phone per frame, and its log-sum over phones.
  const Q = loopUnits.length;
  const ciBest = new Float64Array(T * Q);
  const ciNorm = new Float64Array(T);
  const ciWin = new Int32Array(T);
  for (let t = 0; t < T; t++) {
    let mx = -Infinity;
    for (let q = 0; q < Q; q++) {
      let b = -Infinity;
      for (const s of loopUnits[q].senones) b = Math.max(b, sc.data[t * sc.width + column[s]]);
      ciBest[t * Q + q] = b;
      if (b > mx) (mx = b), (ciWin[t] = q);
    }
    let z = 0;
    for (let q = 0; q < Q; q++) z += Math.exp(ciBest[t * Q + q] - mx);
    ciNorm[t] = mx + Math.log(z);
  }

  const nPhones = words.reduce((s, w) => s + w.phones.length, 0);
  const symbols = words.flatMap((w) => w.phones);
  const spans: { start: number; end: number }[] = Array.from({ length: nPhones }, () => ({ start: -1, end: -1 }));
  const silences: AlignedUtterance["silences"] = [];
  for (let t = 0; t < T; t++) {
    const u = units[path.unit[t]];
    if (u.phone >= 0) {
      const sp = spans[u.phone];
      if (sp.start < 0) sp.start = t;
      sp.end = t + 1;
    } else {
      const last = silences[silences.length - 1];
      if (last && last.endFrame === t && last.afterWord === u.wordIndex) last.endFrame = t + 1;
      else silences.push({ startFrame: t, endFrame: t + 1, afterWord: u.wordIndex });
    }
  }
  const phoneUnits = units.filter((u) => u.phone >= 0);
  const phones: SphinxPhone[] = phoneUnits.map((u, i) => {
    let { start, end } = spans[i];
    if (start < 0) start = end = i > 0 ? Math.max(0, spans[i - 1].end) : 0;
    const n = end - start;
    const lpr = new Float32Array(Q);
    const logPost = new Float32Array(Q);
    let gop = 0;
    let lpp = 0;
    let hit = 0;
    for (let t = start; t < end; t++) {
      gop += path.emission[t] - loop.emission[t];
      lpp += ciBest[t * Q + u.ci] - ciNorm[t];
      if (ciWin[t] === u.ci) hit++;
      for (let q = 0; q < Q; q++) {
        lpr[q] += ciBest[t * Q + q] - ciBest[t * Q + u.ci];
        logPost[q] += ciBest[t * Q + q] - ciNorm[t];
      }
    }
    const d = Math.max(1, n);
    for (let q = 0; q < Q; q++) (lpr[q] /= d), (logPost[q] /= d);
    return {
      symbol: symbols[i], unit: unitIndex(symbols[i]), wordIndex: u.wordIndex, startFrame: start, endFrame: end,
      gop: n ? gop / d : -10, lpp: n ? lpp / d : -10, hit: hit / d, lpr, logPost,
    };
  });
  let loopSum = 0;
  for (let t = 0; t < T; t++) loopSum += loop.emission[t];
  return { phones, silences, viterbi: forced !== null, forcedPerFrame: path.logLik / Math.max(1, T), loopPerFrame: loopSum / Math.max(1, T) };
}

/** Forced-alignment log-likelihood per frame of the canonical phones (the VTLN criterion); null if too short. */
export async function forcedLogLikPerFrame(m: SphinxModel, feat: FeatureFrames, words: { phones: string[] }[]): Promise<number | null> {
  const units = forcedGraph(m.mdef, words);
  const need = [...new Set(units.flatMap((u) => u.senones))].sort((a, b) => a - b);
  const scored = await scoreSenones(m, feat, need);
  const column = new Int32Array(m.mdef.nSen).fill(-1);
  need.forEach((s, i) => (column[s] = i));
  const path = forcedAlign(units, { frames: feat.frames, column, width: need.length, data: scored.data }, m.tmat);
  return path ? path.logLik / Math.max(1, feat.frames) : null;
}
