import { describe, expect, it } from "vitest";
import { LABELS, isLabel, labelFromId, labelId, parseLabel, polarityOf } from "./labels";

describe("labels", () => {
  it("orders Worst < Bad < Average < Good < Excellent with ids 0-4", () => {
    expect(LABELS).toEqual(["Worst", "Bad", "Average", "Good", "Excellent"]);
    expect(LABELS.map(labelId)).toEqual([0, 1, 2, 3, 4]);
    expect(LABELS.map((_, i) => labelFromId(i))).toEqual([...LABELS]);
    expect(labelFromId(5)).toBeNull();
    expect(labelFromId(-1)).toBeNull();
    expect(labelFromId(1.5)).toBeNull();
  });

  it("gives the polarity of METRICS.md", () => {
    expect(LABELS.map(polarityOf)).toEqual([
      "negative",
      "negative",
      "neutral",
      "positive",
      "positive",
    ]);
  });

  it("recognises labels only by their canonical spelling", () => {
    expect(isLabel("Good")).toBe(true);
    expect(isLabel("good")).toBe(false);
    expect(isLabel(3)).toBe(false);
  });
});

describe("parseLabel", () => {
  it("accepts every canonical label in any case and with extra whitespace", () => {
    for (const label of LABELS) {
      expect(parseLabel(label)).toBe(label);
      expect(parseLabel(label.toUpperCase())).toBe(label);
      expect(parseLabel(label.toLowerCase())).toBe(label);
      expect(parseLabel(`  \t${label}\n `)).toBe(label);
    }
    expect(parseLabel("eXcElLeNt")).toBe("Excellent");
  });

  it("accepts the synonyms Fair, Poor and Very Poor", () => {
    expect(parseLabel("Fair")).toBe("Average");
    expect(parseLabel("poor")).toBe("Bad");
    expect(parseLabel("Very Poor")).toBe("Worst");
    expect(parseLabel("  VERY    poor ")).toBe("Worst");
    expect(parseLabel("very-poor")).toBe("Worst");
    expect(parseLabel("Very_Poor")).toBe("Worst");
  });

  it("strips decoration models put around a label", () => {
    expect(parseLabel("**Good**")).toBe("Good");
    expect(parseLabel("Good.")).toBe("Good");
    expect(parseLabel("Average,")).toBe("Average");
    expect(parseLabel('"Bad"')).toBe("Bad");
  });

  it("returns null for anything else", () => {
    for (const text of ["", "  ", "Goood", "very", "great", "3", "Good Good", "not bad", "G ood"]) {
      expect(parseLabel(text)).toBeNull();
    }
  });
});
