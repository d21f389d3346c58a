// Training on the Sphinx acoustic model end to end on a few utterances per split: a bundle that
// names the Sphinx model with a warp per corpus speaker, heads whose ONNX graph matches the JS
// forward pass and takes the built-in columns plus the extras, and a model card with the
// before/after table when an older bundle is given; the bundle then scores a recording.
import { mkdtemp, readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadAudio16k } from "@/lib/audio/load-audio";
import { builtinScorer, scoreRecording } from "@/lib/inference/builtin/scorer";
import { isSphinxSpec, type ScorerBundle } from "@/lib/inference/builtin/bundle";
import { PHONE_FEATURES, SENTENCE_FEATURES, WORD_FEATURES } from "@/lib/inference/features/extract";
import { writeTinyBundle } from "@/lib/inference/testing/tiny-bundle";
import { trainScorer } from "@/lib/inference/train/train-scorer";
import { requireCorpus } from "../helpers/corpus";

describe("train-scorer on the Sphinx acoustic model", () => {
  it("writes a bundle with speaker warps, matching ONNX heads and a card with before/after", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "attest-train-sphinx-"));
    const old = await writeTinyBundle(dir, "old", 5);
    const out = path.join(dir, "sphinxtest.onnx");
    const s = await trainScorer({ data: requireCorpus(), out, limit: 6, epochs: 0.1, compareWith: old });
    expect(s.acoustic).toBe("sphinx");
    expect(s.onnx_max_abs_diff).toBeLessThan(1e-3);
    const b = JSON.parse(await readFile(s.bundle, "utf8")) as ScorerBundle;
    expect(isSphinxSpec(b.acoustic)).toBe(true);
    if (!isSphinxSpec(b.acoustic)) return;
    const speakers = Object.keys(b.acoustic.speakerWarps);
    expect(speakers.length).toBeGreaterThanOrEqual(2);
    for (const w of Object.values(b.acoustic.speakerWarps)) expect(w).toBeGreaterThanOrEqual(0.75);
    expect(b.features.sentence.slice(0, SENTENCE_FEATURES.length)).toEqual(SENTENCE_FEATURES);
    expect(b.features.word.slice(0, WORD_FEATURES.length)).toEqual(WORD_FEATURES);
    expect(b.features.phone.slice(0, PHONE_FEATURES.length)).toEqual(PHONE_FEATURES);
    expect(b.features.phone.length).toBeGreaterThan(PHONE_FEATURES.length + 80);
    const card = await readFile(s.card, "utf8");
    expect(card).toMatch(/CMU Sphinx US-English/);
    expect(card).toMatch(/## Before and after \(test split PCC\)\n\n\| target \| before \(old\) \| after/);
    expect(card).toMatch(/## Children and adults/);

    const scorer = await builtinScorer(s.bundle);
    expect(scorer.acoustic.kind).toBe("sphinx");
    const wav = path.join(requireCorpus(), "WAVE/SPEAKER0003/000030012.WAV");
    const words = [["M", "AA1", "R", "K"], ["IH1", "Z"], ["G", "OW1", "IH0", "NG"], ["T", "UW1"], ["S", "IY1"], ["EH1", "L", "AH0", "F", "AH0", "N", "T"]].map((phones, i) => ({ text: `w${i}`, phones }));
    const r = await scoreRecording(scorer, loadAudio16k(readFileSync(wav)).samples, words, { warp: 1.2 });
    expect(r.record.words).toHaveLength(6);
    expect(r.record.phones).toHaveLength(21);
    expect(r.analysis.extras?.phones.length).toBe(21 * (b.features.phone.length - PHONE_FEATURES.length));
  });
});
