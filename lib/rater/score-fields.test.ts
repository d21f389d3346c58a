import { describe, expect, it } from "vitest";
import { SPEECHOCEAN762_RUBRIC } from "@/lib/rubric/rubric";
import { fieldProblem, fittingValue, missingProblem, scoreFields } from "./score-fields";

const words = [
  { id: "w1", text: "TWO", phones: [{ id: "p1", symbol: "T" }, { id: "p2", symbol: "UW0" }] },
  { id: "w2", text: "CATS", phones: [{ id: "p3", symbol: "K" }] },
];

describe("score fields from the rubric", () => {
  const fields = scoreFields(SPEECHOCEAN762_RUBRIC, words);
  const f = (key: string) => fields.find((x) => x.key === key)!;

  it("lists the typed aspects in workspace order with stable keys (totals are derived, not typed)", () => {
    expect(fields.map((x) => x.key)).toEqual([
      "sentence.accuracy", "sentence.fluency", "sentence.prosody", "sentence.completeness",
      "word.w1.accuracy", "word.w1.stress", "phone.p1.score", "phone.p2.score",
      "word.w2.accuracy", "word.w2.stress", "phone.p3.score",
    ]);
    expect(f("phone.p2.score").label).toBe("/UW0/ in TWO");
    expect(f("word.w1.stress").label).toBe("TWO stress");
  });

  it("follows a rubric with other aspects", () => {
    const lab = { ...SPEECHOCEAN762_RUBRIC, word: { clarity: { min: 1, max: 5 } }, phone: { score: { min: 0, max: 1, values: [0, 1] }, voicing: { min: 0, max: 1, values: [0, 1] } } };
    const keys = scoreFields(lab, words.slice(1)).map((x) => x.key);
    expect(keys.slice(4)).toEqual(["word.w2.clarity", "phone.p3.score", "phone.p3.voicing"]);
    expect(fieldProblem(scoreFields(lab, words.slice(1))[4], 6)).toBe("CATS — clarity must be a whole number from 1 to 5");
  });

  it("says what is wrong in plain words, at the field", () => {
    expect(fieldProblem(f("word.w1.stress"), 9)).toBe("TWO — stress must be 5 or 10");
    expect(fieldProblem(f("word.w1.stress"), "10")).toBeNull();
    expect(fieldProblem(f("sentence.completeness"), "80%")).toBe('Sentence — completeness must be a number from 0 to 1 with at most 2 decimals ("80%" is not a number)');
    expect(fieldProblem(f("phone.p1.score"), 3)).toBe("/T/ in TWO — score must be 0, 1 or 2");
    expect(fieldProblem(f("sentence.accuracy"), "  ")).toBeNull();
    expect(missingProblem(f("word.w2.accuracy"))).toBe("CATS — accuracy is not scored yet");
  });

  it("reads a fitting value from numbers or typed text, nothing from unfit ones", () => {
    expect(fittingValue(f("sentence.completeness"), "0,8")).toBe(0.8);
    expect(fittingValue(f("word.w1.stress"), 9)).toBeNull();
    expect(fittingValue(f("word.w1.stress"), null)).toBeNull();
  });
});
