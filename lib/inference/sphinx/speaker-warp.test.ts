// VTLN warp choice from audio and text only: a six-year-old's recordings choose a higher warp
// (filters moved up for a shorter vocal tract) than a 33-year-old man's.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadAudio16k } from "@/lib/audio/load-audio";
import { readSpeechocean762 } from "@/lib/services/speechocean762/read-corpus";
import { SPEECHOCEAN762_RUBRIC } from "@/lib/rubric/rubric";
import { requireCorpus } from "@/tests/helpers/corpus";
import { sphinxModel } from "./acoustic-model";
import { chooseWarp, COARSE_WARPS } from "./speaker-warp";

describe("speaker warp (VTLN)", () => {
  it("a child's warp is above an adult man's, both within reach of the grid", async () => {
    const dir = requireCorpus();
    const read = await readSpeechocean762(dir, { split: "test", rubric: SPEECHOCEAN762_RUBRIC });
    const m = sphinxModel();
    const warpOf = async (speaker: string) => {
      const utts = read.utterances.filter((u) => u.speakerId === speaker).sort((a, b) => a.uttId.localeCompare(b.uttId)).slice(0, 2);
      const c = await chooseWarp(m, utts.map((u) => ({ samples: loadAudio16k(readFileSync(u.wavPath)).samples, words: u.words })));
      expect(c.tried.length).toBeGreaterThanOrEqual(COARSE_WARPS.length);
      return c.warp;
    };
    const child = await warpOf("0003");
    const man = await warpOf("1156");
    expect(child).toBeGreaterThan(man);
    expect(child).toBeGreaterThanOrEqual(1.1);
    expect(man).toBeLessThanOrEqual(1.1);
    // The refinement may step past the coarse grid by up to 0.15 (1.75 at most).
    expect(child).toBeLessThanOrEqual(COARSE_WARPS[COARSE_WARPS.length - 1] + 0.15 + 1e-9);
  });
});
