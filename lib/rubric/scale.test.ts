import { describe, expect, it } from "vitest";
import { SPEECHOCEAN762_RUBRIC, parseRubric } from "./rubric";
import { allowedText, anchorFor, fitsScale, readNumber, scaleTicks, scaleValues, stepTick } from "./scale";
import { typeAhead } from "./type-ahead";
import { typedAspects } from "@/lib/rater/score-fields";

const R = SPEECHOCEAN762_RUBRIC;
const typed = [...typedAspects(R.sentence), ...typedAspects(R.word), ...typedAspects(R.phone)];

describe("rubric scales as raters meet them", () => {
  it("says what each speechocean762 scale allows in plain words", () => {
    expect(allowedText(R.word.stress)).toBe("5 or 10");
    expect(allowedText(R.phone.score)).toBe("0, 1 or 2");
    expect(allowedText(R.sentence.accuracy)).toBe("a whole number from 0 to 10");
    expect(allowedText(R.sentence.completeness)).toBe("a number from 0 to 1 with at most 2 decimals");
  });

  it("fits values by range, allowed values and step", () => {
    expect(fitsScale(R.word.stress, 5)).toBe(true);
    expect(fitsScale(R.word.stress, 9)).toBe(false);
    expect(fitsScale(R.sentence.accuracy, 7)).toBe(true);
    expect(fitsScale(R.sentence.accuracy, 7.5)).toBe(false);
    expect(fitsScale(R.sentence.accuracy, 11)).toBe(false);
    // speechocean762's own completeness values (5 of 6 words) fit, with float noise.
    expect(fitsScale(R.sentence.completeness, 0.8300000000000001)).toBe(true);
    expect(fitsScale(R.sentence.completeness, 0.835)).toBe(false);
    expect(fitsScale(R.sentence.completeness, 1.1)).toBe(false);
  });

  it("reads typed text as numbers and nothing else", () => {
    expect(readNumber("8")).toBe(8);
    expect(readNumber(" 0,8 ")).toBe(0.8);
    expect(readNumber(".5")).toBe(0.5);
    expect(readNumber("TWO")).toBeNull();
    expect(readNumber("")).toBeNull();
    expect(readNumber("1e3")).toBeNull();
  });

  it("offers every point as a button on short scales and eleven ticks on fine ones", () => {
    expect(scaleTicks(R.sentence.accuracy)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(scaleTicks(R.sentence.completeness)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(scaleValues(R.sentence.completeness)).toHaveLength(101);
    expect(stepTick(R.word.stress, null, 1)).toBe(5);
    expect(stepTick(R.word.stress, 5, 1)).toBe(10);
    expect(stepTick(R.word.stress, 10, 1)).toBe(10);
    expect(stepTick(R.sentence.completeness, 0.83, -1)).toBe(0.8);
  });

  it("gives every value of every typed speechocean762 scale exactly one meaning", () => {
    for (const [aspect, scale] of typed) {
      expect(scale.description, aspect).toBeTruthy();
      for (const v of scaleValues(scale)) {
        const hits = scale.anchors!.filter((a) => v >= a.from - 1e-9 && v <= a.to + 1e-9);
        expect(hits, `${aspect} ${v}`).toHaveLength(1);
        expect(anchorFor(scale, v)).toBe(hits[0]);
      }
    }
    expect(anchorFor(R.word.stress, 5)?.meaning).toBe("The stress is wrong.");
  });

  it("fills the guidance into a speechocean762 rubric stored without it, and leaves other rubrics alone", () => {
    const bare = JSON.parse(JSON.stringify(R));
    for (const g of ["sentence", "word", "phone"]) for (const s of Object.values(bare[g]) as Record<string, unknown>[]) delete s.anchors, delete s.step, delete s.description;
    expect(parseRubric(bare)).toEqual(R);
    const other = parseRubric({ ...bare, name: "lab" });
    expect(other.word.stress.anchors).toBeUndefined();
  });
});

describe("keys map to values the scale allows", () => {
  const typeKeys = (scale: Parameters<typeof typeAhead>[0], keys: string) => {
    let buffer = "";
    let value: number | null = null;
    for (const k of keys) {
      const r = typeAhead(scale, buffer, k);
      if (!r) {
        buffer = "";
        continue;
      }
      buffer = r.buffer;
      if (r.value !== null) value = r.value;
    }
    return value;
  };

  it("types whole numbers, 10 as 1 then 0", () => {
    expect(typeKeys(R.sentence.accuracy, "8")).toBe(8);
    expect(typeKeys(R.sentence.accuracy, "1")).toBe(1);
    expect(typeKeys(R.sentence.accuracy, "10")).toBe(10);
    expect(typeKeys(R.sentence.accuracy, "11")).toBe(1);
    expect(typeAhead(R.sentence.accuracy, "", ".")).toBeNull();
  });

  it("never turns 1 into 0.1 on a 0–1 scale, and types decimals", () => {
    expect(typeKeys(R.sentence.completeness, "1")).toBe(1);
    expect(typeKeys(R.sentence.completeness, "0")).toBe(0);
    expect(typeKeys(R.sentence.completeness, "0.8")).toBe(0.8);
    expect(typeKeys(R.sentence.completeness, "0.83")).toBe(0.83);
    expect(typeKeys(R.sentence.completeness, ".5")).toBe(0.5);
    expect(typeAhead(R.sentence.completeness, "", "8")).toBeNull();
    // "0." keeps the value until a digit follows.
    expect(typeAhead(R.sentence.completeness, "0", ".")).toEqual({ buffer: "0.", value: null });
  });

  it("gives only 5 or 10 on stress and 0, 1, 2 on phones", () => {
    expect(typeKeys(R.word.stress, "5")).toBe(5);
    expect(typeKeys(R.word.stress, "1")).toBe(10);
    expect(typeKeys(R.word.stress, "10")).toBe(10);
    for (const k of "0234678953".slice(0, 9)) if (k !== "5") expect(typeAhead(R.word.stress, "", k), k).toBeNull();
    expect(typeKeys(R.phone.score, "2")).toBe(2);
    expect(typeAhead(R.phone.score, "", "3")).toBeNull();
    // Each key is its own value on 0/1/2: "1" then "0" is 0, not 10.
    expect(typeAhead(R.phone.score, "1", "0")).toEqual({ buffer: "", value: 0 });
  });
});
