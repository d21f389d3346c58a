// Forced alignment of one utterance's canonical phones and the per-phone GOP scores.
import { alignmentGraph, forcedAlign, stateLogLik, uniformSpans, type CompiledModel, type UnitSpan } from "./hmm";
import { gopForSpan, type GopScores } from "./gop";
import { STATES_PER_UNIT, unitIndex } from "./phone-set";

export interface AlignedPhone extends GopScores {
  symbol: string;
  unit: number;
  wordIndex: number;
  startFrame: number;
  endFrame: number;
}

export interface AlignedUtterance {
  phones: AlignedPhone[];
  /** Frames the aligner put in silence units between words: [startFrame, endFrame). */
  silences: { startFrame: number; endFrame: number; afterWord: number }[];
  /** False when the recording was too short for the phone sequence and a uniform split was used. */
  viterbi: boolean;
}

export function alignUtterance(cm: CompiledModel, obs: Float32Array, frames: number, words: { phones: string[] }[]): AlignedUtterance {
  const wordUnits = words.map((w) => w.phones.map(unitIndex));
  const graph = alignmentGraph(wordUnits);
  const ll = stateLogLik(cm, obs, frames);
  let spans: UnitSpan[] | null = forcedAlign(ll, frames, cm.nStates, graph);
  const viterbi = spans !== null;
  if (!spans) spans = uniformSpans(graph, frames, 0, frames);
  const phoneWord: number[] = [];
  const symbols: string[] = [];
  words.forEach((w, wi) => w.phones.forEach((p) => (phoneWord.push(wi), symbols.push(p))));
  const phones: AlignedPhone[] = new Array(symbols.length);
  const silences: AlignedUtterance["silences"] = [];
  let lastWord = -1;
  for (const s of spans) {
    const g = graph[s.graphIndex];
    if (g.phone < 0) {
      silences.push({ startFrame: s.startFrame, endFrame: s.endFrame, afterWord: lastWord });
      continue;
    }
    lastWord = phoneWord[g.phone];
    phones[g.phone] = {
      symbol: symbols[g.phone],
      unit: g.unit,
      wordIndex: phoneWord[g.phone],
      startFrame: s.startFrame,
      endFrame: s.endFrame,
      ...gopForSpan(ll, cm.nStates, STATES_PER_UNIT, s.startFrame, s.states, g.unit),
    };
  }
  // A uniform split on a too-short recording can leave phones without frames: give them an empty span.
  for (let i = 0; i < phones.length; i++) {
    if (!phones[i]) {
      const at = i > 0 ? phones[i - 1].endFrame : 0;
      phones[i] = { symbol: symbols[i], unit: unitIndex(symbols[i]), wordIndex: phoneWord[i], startFrame: at, endFrame: at, gop: -10, lpp: -10, hit: 0 };
    }
  }
  return { phones, silences, viterbi };
}
