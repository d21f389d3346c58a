// Trains the monophone HMM on the train split: flat start (each utterance's speech region, as the
// VAD finds it, split evenly among its canonical phones; silence outside), then Viterbi
// re-estimation. Only phones the raters scored as correct feed the phone Gaussians, so the model
// learns what a correct phone sounds like, which is what GOP compares against.
import { compile, emptyModel, forcedAlign, alignmentGraph, stateLogLik, StatsAccumulator, uniformSpans, type AcousticModel, type UnitSpan } from "./hmm";
import { OBS_DIM } from "./observations";
import { SIL_INDEX, STATES_PER_UNIT, UNITS, unitIndex } from "./phone-set";

export interface AcousticTrainUtterance {
  obs: Float32Array;
  frames: number;
  words: { phones: string[] }[];
  /** Per canonical phone across the utterance: did the raters score it correct? */
  phoneCorrect: boolean[];
  speechFrom: number;
  speechTo: number;
}

export interface DurationStats {
  /** Per unit: mean and sd of log(frames). */
  meanLog: number[];
  sdLog: number[];
}

function accumulate(acc: StatsAccumulator, u: AcousticTrainUtterance, spans: UnitSpan[], graph: ReturnType<typeof alignmentGraph>): void {
  for (const s of spans) {
    const g = graph[s.graphIndex];
    if (g.phone >= 0 && !u.phoneCorrect[g.phone]) continue;
    for (let i = 0; i < s.states.length; i++) acc.add(s.states[i], u.obs, s.startFrame + i);
  }
}

export function trainAcousticModel(
  utts: AcousticTrainUtterance[],
  opts: { iterations?: number; onProgress?: (iteration: number, total: number) => void } = {},
): { model: AcousticModel; durations: DurationStats; alignedShare: number } {
  const iterations = opts.iterations ?? 4;
  const nStates = UNITS.length * STATES_PER_UNIT;
  const graphs = utts.map((u) => alignmentGraph(u.words.map((w) => w.phones.map(unitIndex))));
  // Flat start: the global mean and variance for every state, then one pass over uniform spans.
  const global = new StatsAccumulator(1);
  for (const u of utts) for (let t = 0; t < u.frames; t++) global.add(0, u.obs, t);
  let model = emptyModel();
  const gm = global.update({ ...emptyModel(), means: new Array(OBS_DIM).fill(0), vars: new Array(OBS_DIM).fill(1) }, 1);
  for (let s = 0; s < nStates; s++) for (let d = 0; d < OBS_DIM; d++) (model.means[s * OBS_DIM + d] = gm.means[d]), (model.vars[s * OBS_DIM + d] = gm.vars[d]);
  let acc = new StatsAccumulator(nStates);
  utts.forEach((u, i) => accumulate(acc, u, uniformSpans(graphs[i], u.frames, u.speechFrom, u.speechTo), graphs[i]));
  model = acc.update(model, 5);
  opts.onProgress?.(0, iterations);
  let lastSpans: (UnitSpan[] | null)[] = [];
  for (let it = 1; it <= iterations; it++) {
    const cm = compile(model);
    acc = new StatsAccumulator(nStates);
    lastSpans = utts.map((u, i) => {
      const spans = forcedAlign(stateLogLik(cm, u.obs, u.frames), u.frames, nStates, graphs[i]);
      if (spans) accumulate(acc, u, spans, graphs[i]);
      return spans;
    });
    model = acc.update(model, 5);
    opts.onProgress?.(it, iterations);
  }
  // Phone durations from the last alignment, for duration-deviation features.
  const sums = UNITS.map(() => ({ n: 0, s: 0, q: 0 }));
  lastSpans.forEach((spans, i) => {
    if (!spans) return;
    for (const s of spans) {
      const g = graphs[i][s.graphIndex];
      if (g.unit === SIL_INDEX) continue;
      const x = Math.log(s.endFrame - s.startFrame);
      const a = sums[g.unit];
      a.n++, (a.s += x), (a.q += x * x);
    }
  });
  const meanLog = sums.map((a) => (a.n > 1 ? a.s / a.n : Math.log(8)));
  const sdLog = sums.map((a, i) => (a.n > 1 ? Math.max(0.1, Math.sqrt(a.q / a.n - meanLog[i] ** 2)) : 0.5));
  const aligned = lastSpans.filter(Boolean).length / Math.max(1, utts.length);
  return { model, durations: { meanLog, sdLog }, alignedShare: aligned };
}
