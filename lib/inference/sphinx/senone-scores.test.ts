// Senone scoring against pocketsphinx_batch -senlogdir on the same sphinx_fe cepstra. pocketsphinx
// keeps only the top 4 Gaussians per codebook and clamps weak densities, so the comparison is on
// frame-relative scores: correlation over all senones ≥ 0.95, and for senones pocketsphinx puts
// within 5 nats of the frame's best, ≥ 90 % within 1 nat of ours and 99 % within 3 nats.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pearson } from "@/lib/metrics/correlation";
import { requireCorpus } from "@/tests/helpers/corpus";
import { pocketsphinxSenones, requireSphinxTools, sphinxFe } from "@/tests/helpers/sphinx-tools";
import { sphinxModel } from "./acoustic-model";
import { cmnBatch, featC_D_DD } from "./feature-streams";
import { scoreSenones } from "./senone-scores";

const RECORDINGS = ["WAVE/SPEAKER0003/000030040.WAV", "WAVE/SPEAKER1156/011560058.WAV"];

describe("senone scores vs pocketsphinx_batch", () => {
  requireSphinxTools();
  const corpus = requireCorpus();
  const m = sphinxModel();

  for (const rel of RECORDINGS) {
    it(`${path.basename(rel)}: frame-relative senone scores agree`, async () => {
      const work = mkdtempSync(path.join(tmpdir(), "attest-senones-"));
      const mfc = path.join(work, "utt.mfc");
      const cep = sphinxFe(path.join(corpus, rel), mfc, m.params);
      const ref = pocketsphinxSenones(mfc, work);
      const frames = cep.length / 13;
      expect(ref.frames).toBe(frames);
      expect(ref.nSen).toBe(m.mdef.nSen);
      const feat = featC_D_DD(cmnBatch({ frames, ncep: 13, data: cep }));
      const all = Array.from({ length: m.mdef.nSen }, (_, i) => i);
      const mine = await scoreSenones(m, feat, all);
      const S = m.mdef.nSen;
      const xs: number[] = [];
      const ys: number[] = [];
      let near = 0;
      let within = 0;
      const nearDiffs: number[] = [];
      for (let t = 0; t < frames; t++) {
        let best = -Infinity;
        for (let s = 0; s < S; s++) best = Math.max(best, mine.data[t * S + s]);
        for (let s = 0; s < S; s++) {
          const a = mine.data[t * S + s] - best;
          const b = ref.data[t * S + s];
          if (s % 7 === 0) (xs.push(a), ys.push(b));
          if (b > -5) {
            near++;
            const d = Math.abs(a - b);
            if (d < 1) within++;
            nearDiffs.push(d);
          }
        }
      }
      expect(pearson(xs, ys)).toBeGreaterThan(0.95);
      expect(within / near).toBeGreaterThan(0.9);
      nearDiffs.sort((a, b) => a - b);
      expect(nearDiffs[Math.floor(0.99 * (nearDiffs.length - 1))]).toBeLessThan(3);
    });
  }

  it("scores only the senones asked for, as the full pass does", async () => {
    const frames = 5;
    const feat = { frames, dim: 39, data: Float32Array.from({ length: frames * 39 }, (_, i) => Math.sin(i) * 3) };
    const some = [0, 17, 400, 5125];
    const a = await scoreSenones(m, feat, some);
    const b = await scoreSenones(m, feat, [5125, 400]);
    for (let t = 0; t < frames; t++) {
      expect(b.data[t * 2]).toBeCloseTo(a.data[t * 4 + 3], 3);
      expect(b.data[t * 2 + 1]).toBeCloseTo(a.data[t * 4 + 2], 3);
    }
  });
});

describe("senone scores in onnxruntime vs a direct float64 evaluation", () => {
  it("agree within 0.01 nats on real features", async () => {
    const m = sphinxModel();
    const frames = 40;
    // Features of a plausible range: CMN'd cepstra and their deltas.
    const feat = { frames, dim: 39, data: Float32Array.from({ length: frames * 39 }, (_, i) => Math.sin(i * 0.37) * (i % 39 < 13 ? 4 : 1.5)) };
    const some = [3, 50, 126, 999, 2500, 4000];
    const got = await scoreSenones(m, feat, some);
    for (let t = 0; t < frames; t++) {
      some.forEach((s, i) => {
        let total = 0;
        for (const st of m.streams) {
          const c = m.mdef.sen2ci[s];
          const logs: number[] = [];
          for (let k = 0; k < m.nDensities; k++) {
            const g = c * m.nDensities + k;
            let q = 0;
            for (let d = 0; d < st.dim; d++) q += (feat.data[t * 39 + st.offset + d] - st.mean[g * st.dim + d]) ** 2 * st.prec[g * st.dim + d];
            logs.push(Math.log(st.weight[s * m.nDensities + k]) + st.gconst[g] - 0.5 * q);
          }
          const mx = Math.max(...logs);
          total += mx + Math.log(logs.reduce((a, v) => a + Math.exp(v - mx), 0));
        }
        expect(Math.abs(got.data[t * some.length + i] - total)).toBeLessThan(0.01);
      });
    }
  });
});
