import { describe, expect, it } from "vitest";
import { forEachYinDifference, type DifferenceLayout } from "./yin-difference";
import { seededRandom } from "./wav-test-fixtures";

// The textbook definition, frame by frame, with zeros outside the signal.
function naive(x: Float32Array, L: DifferenceLayout, t: number): number[] {
  const at = (i: number) => (i >= 0 && i < x.length ? x[i] : 0);
  const s = t * L.hop - L.lead;
  const d = [0];
  for (let tau = 1; tau <= L.maxTau; tau++) {
    let acc = 0;
    for (let j = 0; j < L.win; j++) acc += (at(s + j) - at(s + j + tau)) ** 2;
    d.push(acc);
  }
  return d;
}

describe("forEachYinDifference", () => {
  it.each([
    { hop: 160, win: 400, lead: 133, maxTau: 268, n: 16000 },
    { hop: 7, win: 20, lead: 0, maxTau: 15, n: 3000 }, // gcd 1, more than one chunk of frames
    { hop: 50, win: 50, lead: 30, maxTau: 40, n: 1000 },
  ])("matches the direct definition (hop $hop, win $win)", ({ n, ...geom }) => {
    const rnd = seededRandom(geom.hop);
    const x = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.05) * 0.5 + (rnd() - 0.5) * 0.2);
    const frames = 1 + Math.floor((n - geom.win) / geom.hop);
    const layout = { frames, ...geom };
    const seen: number[] = [];
    forEachYinDifference(x, layout, (t, d) => {
      seen.push(t);
      if (t % 37 === 0 || t === frames - 1) {
        const ref = naive(x, layout, t);
        for (let tau = 0; tau <= geom.maxTau; tau++) expect(d[tau]).toBeCloseTo(ref[tau], 9);
      }
    });
    expect(seen).toEqual(Array.from({ length: frames }, (_, i) => i));
  });
});
