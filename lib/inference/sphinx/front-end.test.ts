// The TypeScript MFCC front end against Debian's sphinx_fe on speechocean762 recordings (a child's
// and an adult's), with and without a VTLN warp: same frame count, every coefficient within 1e-3
// (float32 rounding in sphinx_fe gives about 5e-5).
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadAudio16k } from "@/lib/audio/load-audio";
import { requireCorpus } from "@/tests/helpers/corpus";
import { requireSphinxTools, sphinxFe } from "@/tests/helpers/sphinx-tools";
import { sphinxModel } from "./acoustic-model";
import { cmnBatch, featC_D_DD } from "./feature-streams";
import { frameCountFor, sphinxMfcc } from "./mfcc";

const RECORDINGS = ["WAVE/SPEAKER0003/000030012.WAV", "WAVE/SPEAKER1156/011560058.WAV"];

describe("Sphinx MFCC front end vs sphinx_fe", () => {
  requireSphinxTools();
  const corpus = requireCorpus();
  const work = mkdtempSync(path.join(tmpdir(), "attest-sphinx-fe-"));
  const m = sphinxModel();

  it("reads feat.params as the model specifies", () => {
    expect(m.params).toMatchObject({ nfilt: 25, lowerHz: 130, upperHz: 6800, lifter: 22, nfft: 512, preEmphasis: 0.97 });
    expect(m.params.streams).toEqual([[0, 12], [13, 25], [26, 38]]);
  });

  for (const rel of RECORDINGS) {
    for (const warp of [undefined, 1.25]) {
      it(`${path.basename(rel)}${warp ? ` warped ${warp}` : ""}: cepstra match within 1e-3`, () => {
        const wav = path.join(corpus, rel);
        const ref = sphinxFe(wav, path.join(work, `${path.basename(rel)}-${warp ?? 1}.mfc`), m.params, warp);
        const audio = loadAudio16k(readFileSync(wav));
        const mine = sphinxMfcc(audio.samples, m.params, warp ?? 1);
        expect(mine.frames).toBe(ref.length / 13);
        expect(mine.frames).toBe(frameCountFor(audio.samples.length, m.params));
        let worst = 0;
        for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(ref[i] - mine.data[i]));
        expect(worst).toBeLessThan(1e-3);
      });
    }
  }

  it("1s_c_d_dd: batch CMN zeroes each cepstrum's mean; Δ and ΔΔ follow the ±2 / ±3 frame differences", () => {
    const c = { frames: 8, ncep: 1, data: Float32Array.from([1, 2, 4, 8, 16, 32, 64, 128]) };
    const n = cmnBatch(c);
    expect(n.data.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 4);
    const f = featC_D_DD(c);
    expect(f.dim).toBe(3);
    // t = 3: Δ = c5 − c1 = 30; ΔΔ = (c6 − c2) − (c4 − c0) = 60 − 15 = 45. t = 0 pads with c0.
    expect(Array.from(f.data.subarray(9, 12))).toEqual([8, 30, 45]);
    expect(Array.from(f.data.subarray(0, 3))).toEqual([1, 4 - 1, 8 - 1 - (2 - 1)]);
  });
});
