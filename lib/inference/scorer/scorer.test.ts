// The scorer heads: same seed → same weights and outputs; the ONNX graph computes what the JS
// forward pass computes; output shapes follow the inputs' row counts.
import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { PHONE_FEATURES, SENTENCE_FEATURES, WORD_FEATURES } from "../features/extract";
import { tinyHeads } from "../testing/tiny-bundle";
import { forward } from "./mlp";
import { buildScorerOnnx, meanOutputs, sentenceOutputs, SCORER_INPUTS, SCORER_OUTPUTS } from "./onnx-graph";
import { mulberry32 } from "@/lib/metrics/random";

const rows = (n: number, dim: number, seed: number) => {
  const r = mulberry32(seed);
  return Float32Array.from({ length: n * dim }, () => r() * 4 - 2);
};

describe("scorer heads", () => {
  it("are deterministic for a seed and differ across seeds", () => {
    expect(tinyHeads(3)).toEqual(tinyHeads(3));
    expect(tinyHeads(3).word.w1).not.toEqual(tinyHeads(4).word.w1);
  });

  it("run in onnxruntime with the JS forward pass's outputs and the right shapes", async () => {
    const heads = tinyHeads(5);
    const sess = await ort.InferenceSession.create(buildScorerOnnx(heads));
    expect(sess.inputNames).toEqual([SCORER_INPUTS.sentence, SCORER_INPUTS.word, SCORER_INPUTS.phone]);
    expect(sess.outputNames).toEqual([SCORER_OUTPUTS.mean, SCORER_OUTPUTS.sd, SCORER_OUTPUTS.word, SCORER_OUTPUTS.phone]);
    const xs = rows(2, SENTENCE_FEATURES.length, 1);
    const xw = rows(7, WORD_FEATURES.length, 2);
    const xp = rows(23, PHONE_FEATURES.length, 3);
    const out = await sess.run({
      [SCORER_INPUTS.sentence]: new ort.Tensor("float32", xs, [2, SENTENCE_FEATURES.length]),
      [SCORER_INPUTS.word]: new ort.Tensor("float32", xw, [7, WORD_FEATURES.length]),
      [SCORER_INPUTS.phone]: new ort.Tensor("float32", xp, [23, PHONE_FEATURES.length]),
    });
    expect(out[SCORER_OUTPUTS.mean].dims).toEqual([2, 5]);
    expect(out[SCORER_OUTPUTS.sd].dims).toEqual([2, 5]);
    expect(out[SCORER_OUTPUTS.word].dims).toEqual([7, 1]);
    expect(out[SCORER_OUTPUTS.phone].dims).toEqual([23, 1]);
    const js = sentenceOutputs(forward(heads.sentence, xs, 2), 2, 5);
    const close = (a: ArrayLike<number>, b: ArrayLike<number>) => {
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-4);
    };
    close(out[SCORER_OUTPUTS.mean].data as Float32Array, js.mean);
    close(out[SCORER_OUTPUTS.sd].data as Float32Array, js.sd);
    close(out[SCORER_OUTPUTS.word].data as Float32Array, forward(heads.word, xw, 7));
    close(out[SCORER_OUTPUTS.phone].data as Float32Array, forward(heads.phone, xp, 23));
    expect(Array.from(out[SCORER_OUTPUTS.sd].data as Float32Array).every((v) => v > 0)).toBe(true);
  });

  it("an ensemble graph averages its members' outputs (log σ averaged before the exponential)", async () => {
    const members = [tinyHeads(5), tinyHeads(6), tinyHeads(7)];
    const sess = await ort.InferenceSession.create(buildScorerOnnx(members));
    const xs = rows(3, SENTENCE_FEATURES.length, 4);
    const xw = rows(4, WORD_FEATURES.length, 5);
    const xp = rows(6, PHONE_FEATURES.length, 6);
    const out = await sess.run({
      [SCORER_INPUTS.sentence]: new ort.Tensor("float32", xs, [3, SENTENCE_FEATURES.length]),
      [SCORER_INPUTS.word]: new ort.Tensor("float32", xw, [4, WORD_FEATURES.length]),
      [SCORER_INPUTS.phone]: new ort.Tensor("float32", xp, [6, PHONE_FEATURES.length]),
    });
    const js = sentenceOutputs(meanOutputs(members.map((m) => forward(m.sentence, xs, 3))), 3, 5);
    const word = meanOutputs(members.map((m) => forward(m.word, xw, 4)));
    const single = forward(members[0].word, xw, 4);
    const close = (a: ArrayLike<number>, b: ArrayLike<number>) => {
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-4);
    };
    close(out[SCORER_OUTPUTS.mean].data as Float32Array, js.mean);
    close(out[SCORER_OUTPUTS.sd].data as Float32Array, js.sd);
    close(out[SCORER_OUTPUTS.word].data as Float32Array, word);
    close(out[SCORER_OUTPUTS.phone].data as Float32Array, meanOutputs(members.map((m) => forward(m.phone, xp, 6))));
    expect(Array.from(word).some((v, i) => Math.abs(v - single[i]) > 1e-3)).toBe(true);
  });
});
