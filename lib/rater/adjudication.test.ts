import { describe, expect, it } from "vitest";
import { SPEECHOCEAN762_RUBRIC } from "@/lib/rubric/rubric";
import { meanPrefill } from "./adjudication";

describe("adjudication prefill", () => {
  const R = SPEECHOCEAN762_RUBRIC;
  it("takes the mean rounded to the scale, not the lower of two raters", () => {
    expect(meanPrefill(R.sentence.accuracy, [9, 5])).toBe(7);
    expect(meanPrefill(R.sentence.accuracy, [9, 6, null])).toBeNull(); // 7.5: a tie, left to the adjudicator
    expect(meanPrefill(R.sentence.accuracy, [9, 6, 7])).toBe(7); // 7.33
    expect(meanPrefill(R.sentence.accuracy, [10, 9, 9])).toBe(9); // 9.33
    expect(meanPrefill(R.word.stress, [10, 10, 5])).toBe(10); // 8.33 → nearest of 5/10
    expect(meanPrefill(R.word.stress, [10, 5])).toBeNull();
    expect(meanPrefill(R.phone.score, [2, 1, 1])).toBe(1);
    expect(meanPrefill(R.sentence.completeness, [1, 0.8])).toBe(0.9);
    expect(meanPrefill(R.sentence.completeness, [1, 0.83])).toBeNull(); // 0.915 is halfway between 0.91 and 0.92
    expect(meanPrefill(R.sentence.accuracy, [null, null])).toBeNull();
  });
});
