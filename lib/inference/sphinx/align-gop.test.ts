// Forced alignment and GOP on real speechocean762 recordings: the canonical text aligns with every
// phone at least three frames long, in order, inside the recording; the text of another recording
// aligns worse (lower GOP, fewer frames won by the canonical phone).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadAudio16k } from "@/lib/audio/load-audio";
import { requireCorpus } from "@/tests/helpers/corpus";
import { sphinxModel } from "./acoustic-model";
import { alignWithGop } from "./align-gop";
import { sphinxFeatures } from "./sphinx-features";

const phonesOf = (ws: string[][]) => ws.map((phones) => ({ phones }));
// 000030012 "MARK IS GOING TO SEE ELEPHANT" (a child); 011560058's text for the mismatch.
const RIGHT = phonesOf([["M", "AA1", "R", "K"], ["IH1", "Z"], ["G", "OW1", "IH0", "NG"], ["T", "UW1"], ["S", "IY1"], ["EH1", "L", "AH0", "F", "AH0", "N", "T"]]);
const WRONG = phonesOf([["W", "IY1"], ["K", "AO1", "L"], ["IH1", "T"], ["B", "EH1", "R"], ["AH0", "N", "D"], ["P", "AA1", "N", "D"]]);

describe("Sphinx forced alignment with GOP", () => {
  const m = sphinxModel();
  const audio = loadAudio16k(readFileSync(path.join(requireCorpus(), "WAVE/SPEAKER0003/000030012.WAV")));
  const feat = sphinxFeatures(m, audio.samples);

  it("aligns the canonical phones in order, each at least three frames, silence outside", async () => {
    const al = await alignWithGop(m, feat, RIGHT);
    expect(al.viterbi).toBe(true);
    expect(al.phones.map((p) => p.symbol)).toEqual(RIGHT.flatMap((w) => w.phones));
    let prevEnd = 0;
    for (const p of al.phones) {
      expect(p.endFrame - p.startFrame).toBeGreaterThanOrEqual(3);
      expect(p.startFrame).toBeGreaterThanOrEqual(prevEnd);
      prevEnd = p.endFrame;
      expect(p.lpr).toHaveLength(m.mdef.ciPhones.length);
      expect(p.lpr[m.mdef.ciIndex.get(p.symbol.replace(/\d$/, ""))!]).toBeCloseTo(0, 5);
    }
    expect(prevEnd).toBeLessThanOrEqual(feat.frames);
    expect(al.silences[0].afterWord).toBe(-1);
    expect(al.silences[0].startFrame).toBe(0);
  });

  it("the right text scores better than another recording's text", async () => {
    const right = await alignWithGop(m, feat, RIGHT);
    const wrong = await alignWithGop(m, feat, WRONG);
    const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
    expect(mean(right.phones.map((p) => p.gop))).toBeGreaterThan(mean(wrong.phones.map((p) => p.gop)) + 1);
    expect(mean(right.phones.map((p) => p.hit))).toBeGreaterThan(mean(wrong.phones.map((p) => p.hit)));
    expect(right.forcedPerFrame).toBeGreaterThan(wrong.forcedPerFrame);
  });
});
