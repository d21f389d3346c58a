import { describe, it, expect } from "vitest";
import { parseResponse } from "@/lib/inference/response/parse-response";
import { labelId, LABELS, type Label } from "@/lib/rubric/labels";
import { DEFAULT_FLIP_CONFIG, dpoWeight, labelFlipPairs } from "./label-flip";
import { goldResponse } from "./gold-response";
import type { GoldItem } from "./types";

const item = (over: Partial<GoldItem> = {}): GoldItem => ({
  itemId: "i1",
  uttId: "000010001",
  split: "train",
  speakerId: "0001",
  text: "WE CALL IT BEAR",
  audio: "/a.wav",
  words: ["WE", "CALL", "IT", "BEAR"],
  wordPhones: [["W", "IY1"], ["K", "AO1", "L"], ["IH1", "T"], ["B", "EH1", "R"]],
  phonesIpa: ["w", "iː", "k", "ɔː", "l", "ɪ", "t", "b", "ɛ", "ɹ"],
  sentence: { accuracy: "Good", fluency: "Excellent", prosody: "Excellent" },
  wordLabels: ["Excellent", "Excellent", "Excellent", "Average"],
  phoneLabels: ["Excellent", "Excellent", "Excellent", "Good", "Good", "Excellent", "Excellent", "Excellent", "Average", "Bad"],
  ...over,
});

const labelsOf = (text: string, g: GoldItem) => {
  const p = parseResponse(text, { words: g.words, phonesIpa: g.phonesIpa });
  return [p.sentence.accuracy, p.sentence.fluency, p.sentence.prosody, ...p.words!.map((w) => w.label), ...p.phones!.map((x) => x.label)] as Label[];
};

describe("label_flip pairs", () => {
  it("renders the consensus as the chosen response, parseable in the SpeechLLM format", () => {
    const g = item();
    const text = goldResponse(g);
    expect(text.split("\n").slice(0, 5)).toEqual([
      "Accuracy: Good",
      "Fluency: Excellent",
      "Prosody: Excellent",
      "Words: WE/Excellent CALL/Excellent IT/Excellent BEAR/Average",
      "Phonemes: w/Excellent iː/Excellent k/Excellent ɔː/Good l/Good ɪ/Excellent t/Excellent b/Excellent ɛ/Average ɹ/Bad",
    ]);
    expect(text).toMatch(/BEAR/);
    expect(parseResponse(text, { words: g.words, phonesIpa: g.phonesIpa }).warnings).toEqual([]);
  });

  it("flips exactly one label by d and weighs the pair 1 + 0.5·|d|", () => {
    const g = item();
    for (let seed = 0; seed < 30; seed++) {
      for (const p of labelFlipPairs(g, seed)) {
        const a = labelsOf(p.chosen, g);
        const b = labelsOf(p.rejected, g);
        const diff = a.map((x, i) => [i, labelId(b[i]) - labelId(x)] as const).filter(([, d]) => d !== 0);
        expect(diff).toHaveLength(1);
        const [idx, d] = diff[0];
        expect(d).toBe(p.distance);
        expect(p.dpoWeight).toBe(1 + 0.5 * Math.abs(d));
        const target = idx < 3 ? ["acc", "flu", "pros"][idx] : idx < 3 + g.words.length ? "word" : "phone";
        expect(p.flipTarget).toBe(target);
        expect(labelId(b[idx])).toBeGreaterThanOrEqual(0);
        expect(labelId(b[idx])).toBeLessThanOrEqual(4);
      }
    }
    expect(dpoWeight(-3)).toBe(2.5);
  });

  it("gives the same pairs for the same seed and different ones for another", () => {
    const a = labelFlipPairs(item(), 42);
    expect(labelFlipPairs(item(), 42)).toEqual(a);
    const others = [1, 2, 3, 4, 5].map((s) => JSON.stringify(labelFlipPairs(item(), s)));
    expect(others.some((o) => o !== JSON.stringify(a))).toBe(true);
  });

  it("never repeats a pair within an item (keys unique)", () => {
    const pairs = labelFlipPairs(item(), 3, { ...DEFAULT_FLIP_CONFIG, pairsPerItem: 20 });
    expect(new Set(pairs.map((p) => p.key)).size).toBe(pairs.length);
    expect(new Set(pairs.map((p) => p.rejected)).size).toBe(pairs.length);
  });

  it("follows the configured target and distance distribution", () => {
    const only = { ...DEFAULT_FLIP_CONFIG, targetWeights: { acc: 0, flu: 0, pros: 0, word: 1, phone: 0 }, distanceWeights: [1, 0, 0, 0] as [number, number, number, number] };
    for (let s = 0; s < 20; s++) {
      for (const p of labelFlipPairs(item(), s, only)) {
        expect(p.flipTarget).toBe("word");
        expect(Math.abs(p.distance!)).toBe(1);
      }
    }
  });

  it("oversamples items with rare low labels and prefers flipping their low units", () => {
    const allGood = item({ phoneLabels: item().phoneLabels.map(() => "Excellent" as Label), wordLabels: ["Good", "Good", "Good", "Good"] });
    const cfg = { ...DEFAULT_FLIP_CONFIG, pairsPerItem: 2, lowLabelExtraPairs: 3 };
    expect(labelFlipPairs(allGood, 1, cfg)).toHaveLength(2);
    expect(labelFlipPairs(item(), 1, cfg)).toHaveLength(5);
    // Only phones, heavy boost: the Bad phoneme (ɹ, last) is flipped far more often than 1 in 10.
    const phonesOnly = { ...cfg, pairsPerItem: 1, lowLabelExtraPairs: 0, lowLabelBoost: 20, targetWeights: { acc: 0, flu: 0, pros: 0, word: 0, phone: 1 } };
    let low = 0;
    const n = 200;
    for (let s = 0; s < n; s++) {
      const [p] = labelFlipPairs(item(), s, phonesOnly);
      const b = labelsOf(p.rejected, item());
      if (b[b.length - 1] !== "Bad") low++;
    }
    expect(low / n).toBeGreaterThan(0.5);
    expect(LABELS).toHaveLength(5);
  });
});
