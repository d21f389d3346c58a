import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SO762_DIR } from "@/tests/helpers/corpus";
import { LABELS, type Label } from "./labels";
import { LABEL_BINS, LABEL_SCALES, labelBounds, labelFor, valueForLabel, type LabelScale } from "./label-bins";

const CORPUS_DIR = SO762_DIR;

/** Every grid value of METRICS.md's table, with the label the table gives it. */
function gridValues(scale: LabelScale): [number, Label][] {
  const step = scale === "phone" ? 0.2 : 1;
  const out: [number, Label][] = [];
  for (const label of LABELS) {
    const { from, to } = LABEL_BINS[scale].bins[label];
    for (let v = from; v <= to + 1e-9; v += step) out.push([Math.round(v * 10) / 10, label]);
  }
  return out;
}

describe("labelFor on the table's grid values", () => {
  it.each(LABEL_SCALES)("%s: every listed value lands in its listed bin", (scale) => {
    const grid = gridValues(scale);
    expect(grid.length).toBe(11);
    for (const [value, label] of grid) expect([value, labelFor(scale, value)]).toEqual([value, label]);
  });

  it("matches METRICS.md row by row", () => {
    expect([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0].map((v) => labelFor("sentence", v))).toEqual([
      "Excellent", "Excellent", "Good", "Good", "Average", "Average", "Bad", "Bad", "Worst", "Worst", "Worst",
    ]);
    expect([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0].map((v) => labelFor("word", v))).toEqual([
      "Excellent", "Good", "Good", "Good", "Average", "Average", "Average", "Bad", "Bad", "Worst", "Worst",
    ]);
    expect([2, 1.8, 1.6, 1.4, 1.2, 1, 0.8, 0.6, 0.4, 0.2, 0].map((v) => labelFor("phone", v))).toEqual([
      "Excellent", "Good", "Good", "Average", "Average", "Average", "Bad", "Bad", "Worst", "Worst", "Worst",
    ]);
  });
});

describe("labelFor between grid values (nearest grid value, ties go up)", () => {
  it("sentence", () => {
    expect(labelFor("sentence", 8.6)).toBe("Excellent");
    expect(labelFor("sentence", 8.5)).toBe("Excellent");
    expect(labelFor("sentence", 8.49)).toBe("Good");
    expect(labelFor("sentence", 6.5)).toBe("Good");
    expect(labelFor("sentence", 2.5)).toBe("Bad");
    expect(labelFor("sentence", 2.4)).toBe("Worst");
  });

  it("word", () => {
    expect(labelFor("word", 9.5)).toBe("Excellent");
    expect(labelFor("word", 9.4)).toBe("Good");
    expect(labelFor("word", 3.5)).toBe("Average");
    expect(labelFor("word", 1.5)).toBe("Bad");
    expect(labelFor("word", 1.49)).toBe("Worst");
  });

  it("phone, including four- and three-rater means", () => {
    expect(labelFor("phone", 1.9)).toBe("Excellent");
    expect(labelFor("phone", 1.89)).toBe("Good");
    expect(labelFor("phone", 1.5)).toBe("Good");
    expect(labelFor("phone", 1.49)).toBe("Average");
    expect(labelFor("phone", 0.9)).toBe("Average");
    expect(labelFor("phone", 0.5)).toBe("Bad");
    expect(labelFor("phone", 0.45)).toBe("Worst");
    expect(labelFor("phone", 1.75)).toBe("Good");
    expect(labelFor("phone", 1.25)).toBe("Average");
    expect(labelFor("phone", 0.25)).toBe("Worst");
    expect(labelFor("phone", 5 / 3)).toBe("Good");
    expect(labelFor("phone", 4 / 3)).toBe("Average");
    // A mean computed in floating point just under a boundary still counts as the boundary.
    expect(labelFor("phone", (1.8 + 2 + 2 + 1.8) / 4)).toBe("Excellent");
  });

  it("is monotone over each scale", () => {
    for (const scale of LABEL_SCALES) {
      const { min, max } = LABEL_BINS[scale];
      let previous = -1;
      for (let i = 0; i <= 1000; i++) {
        const id = LABELS.indexOf(labelFor(scale, min + ((max - min) * i) / 1000));
        expect(id).toBeGreaterThanOrEqual(previous);
        previous = id;
      }
      expect(previous).toBe(4);
    }
  });
});

describe("labelFor outside the scale", () => {
  it("clamps small overshoots of a regression head", () => {
    expect(labelFor("sentence", 10.4)).toBe("Excellent");
    expect(labelFor("sentence", -0.3)).toBe("Worst");
    expect(labelFor("phone", 2.1)).toBe("Excellent");
  });

  it("throws for values on another scale and for non-finite values", () => {
    expect(() => labelFor("sentence", 85)).toThrow(RangeError);
    expect(() => labelFor("phone", 8)).toThrow(/outside the scale 0-2/);
    expect(() => labelFor("word", Number.NaN)).toThrow(RangeError);
    expect(() => labelFor("word", Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("valueForLabel and labelBounds", () => {
  it("gives bin midpoints that map back to their label", () => {
    expect(LABELS.map((l) => valueForLabel("sentence", l))).toEqual([1, 3.5, 5.5, 7.5, 9.5]);
    expect(LABELS.map((l) => valueForLabel("word", l))).toEqual([0.5, 2.5, 5, 8, 10]);
    expect(LABELS.map((l) => valueForLabel("phone", l))).toEqual([0.2, 0.7, 1.2, 1.7, 2]);
    for (const scale of LABEL_SCALES) {
      for (const label of LABELS) expect(labelFor(scale, valueForLabel(scale, label))).toBe(label);
    }
  });

  it("tiles each scale with contiguous intervals", () => {
    for (const scale of LABEL_SCALES) {
      const bounds = LABELS.map((l) => labelBounds(scale, l));
      expect(bounds[0].lower).toBe(LABEL_BINS[scale].min);
      expect(bounds[4].upper).toBe(LABEL_BINS[scale].max);
      for (let i = 1; i < bounds.length; i++) expect(bounds[i].lower).toBe(bounds[i - 1].upper);
    }
    expect(labelBounds("phone", "Good")).toEqual({ lower: 1.5, upper: 1.9 });
    expect(labelBounds("word", "Excellent")).toEqual({ lower: 9.5, upper: 10 });
  });
});

interface ScoresWord {
  text: string;
  accuracy: number;
  stress: number;
  total: number;
  phones: string[];
  "phones-accuracy": number[];
}
interface ScoresUtterance {
  text: string;
  accuracy: number;
  completeness: number;
  fluency: number;
  prosodic: number;
  total: number;
  words: ScoresWord[];
}

describe("bins against the real speechocean762 scores", () => {
  const file = path.join(CORPUS_DIR, "resource", "scores.json");

  it("maps every score in resource/scores.json to a label", () => {
    if (!existsSync(file)) {
      throw new Error(
        `speechocean762 scores not found at ${file}: put the corpus at ../shared/speechocean762 ` +
          `or set SO762_DIR`,
      );
    }
    const scores = JSON.parse(readFileSync(file, "utf8")) as Record<string, ScoresUtterance>;
    const counts: Record<LabelScale, number> = { sentence: 0, word: 0, phone: 0 };
    const failures: string[] = [];
    const check = (scale: LabelScale, where: string, value: unknown) => {
      try {
        labelFor(scale, value as number);
        counts[scale]++;
      } catch (error) {
        failures.push(`${where}=${String(value)}: ${(error as Error).message}`);
      }
    };
    for (const [utt, u] of Object.entries(scores)) {
      for (const aspect of ["accuracy", "fluency", "prosodic", "completeness", "total"] as const) {
        check("sentence", `${utt}.${aspect}`, u[aspect]);
      }
      u.words.forEach((w, i) => {
        for (const aspect of ["accuracy", "stress", "total"] as const) {
          check("word", `${utt}.${i}.${aspect}`, w[aspect]);
        }
        expect(w["phones-accuracy"].length, `${utt}.${i} phones vs phones-accuracy`).toBe(w.phones.length);
        w["phones-accuracy"].forEach((p, j) => check("phone", `${utt}.${i}.${j}`, p));
      });
    }
    expect(failures.slice(0, 20)).toEqual([]);
    const n = Object.keys(scores).length;
    const nWords = Object.values(scores).reduce((sum, u) => sum + u.words.length, 0);
    expect(n).toBeGreaterThan(1000);
    expect(counts).toEqual({ sentence: 5 * n, word: 3 * nWords, phone: counts.phone });
    expect(counts.phone).toBeGreaterThan(nWords);
  });
});
