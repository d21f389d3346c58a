// Viterbi decoding on synthetic senone scores with the model's real transition matrices: the forced
// aligner finds planted phone boundaries, skips optional silence that has no frames and uses it
// when it has, refuses a recording too short for the phones; the free loop recovers the planted
// phone sequence.
import { describe, expect, it } from "vitest";
import { sphinxModel } from "./acoustic-model";
import { forcedGraph, phoneLoopUnits } from "./hmm-graph";
import { forcedAlign, phoneLoop, type ScoreMatrix } from "./viterbi";

const m = sphinxModel();

/** Scores where the senones of `plan[t]` (a list of senone triples per segment) score 0 and all others −20. */
function planted(segments: { senones: number[]; frames: number }[]): ScoreMatrix {
  const T = segments.reduce((s, x) => s + x.frames, 0);
  const column = Int32Array.from({ length: m.mdef.nSen }, (_, i) => i);
  const data = new Float32Array(T * m.mdef.nSen).fill(-20);
  let t = 0;
  for (const seg of segments) {
    for (let i = 0; i < seg.frames; i++, t++) {
      const state = Math.min(2, Math.floor((i * 3) / seg.frames));
      data[t * m.mdef.nSen + seg.senones[state]] = 0;
    }
  }
  return { frames: T, column, width: m.mdef.nSen, data };
}

describe("Viterbi forced alignment and phone loop", () => {
  const words = [{ phones: ["K", "AE1", "T"] }, { phones: ["S", "AE1", "T"] }];
  const units = forcedGraph(m.mdef, words);
  const phoneUnits = units.filter((u) => u.phone >= 0);
  const sil = units[0];

  it("finds planted boundaries, with the pause between the words as silence", () => {
    const lens = [9, 12, 7, 10, 14, 6];
    const segs = [
      { senones: sil.senones, frames: 10 },
      ...phoneUnits.slice(0, 3).map((u, i) => ({ senones: u.senones, frames: lens[i] })),
      { senones: sil.senones, frames: 15 },
      ...phoneUnits.slice(3).map((u, i) => ({ senones: u.senones, frames: lens[3 + i] })),
      { senones: sil.senones, frames: 5 },
    ];
    const path = forcedAlign(units, planted(segs), m.tmat)!;
    expect(path).not.toBeNull();
    // Expected unit per frame: sil(0), K A T (1..3), sil(4), S A T (5..7), sil(8).
    const expected: number[] = [];
    [0, 1, 2, 3, 4, 5, 6, 7, 8].forEach((k, i) => {
      for (let f = 0; f < segs[i].frames; f++) expected.push(k);
    });
    expect(Array.from(path.unit)).toEqual(expected);
    expect(path.emission.every((e) => e === 0)).toBe(true);
  });

  it("skips the optional silences when the phones fill the recording", () => {
    const segs = phoneUnits.map((u) => ({ senones: u.senones, frames: 6 }));
    const path = forcedAlign(units, planted(segs), m.tmat)!;
    expect(new Set(Array.from(path.unit).map((k) => units[k].phone))).not.toContain(-1);
    expect(path.unit[0]).toBe(1);
    expect(path.unit[path.unit.length - 1]).toBe(units.length - 2);
  });

  it("returns null when there are fewer frames than the phones' states", () => {
    const segs = [{ senones: phoneUnits[0].senones, frames: 10 }];
    expect(forcedAlign(units, planted(segs), m.tmat)).toBeNull();
  });

  it("the free phone loop recovers a planted CI phone sequence", () => {
    const loop = phoneLoopUnits(m.mdef);
    const seq = ["SIL", "DH", "IH", "S", "SIL"].map((p) => m.mdef.ciIndex.get(p)!);
    const path = phoneLoop(loop, planted(seq.map((ci) => ({ senones: loop[ci].senones, frames: 9 }))), m.tmat);
    const decoded: number[] = [];
    for (const k of path.unit) if (decoded[decoded.length - 1] !== k) decoded.push(k);
    expect(decoded).toEqual(seq);
  });
});
