// The Sphinx model's extra columns sit after the built-in ones (external ONNX models keep getting
// the built-in columns), one row per phone / word, with the values they name.
import { describe, expect, it } from "vitest";
import type { SphinxAligned } from "../sphinx/align-gop";
import { headInputs } from "./head-inputs";
import { concatColumns, extractSphinxExtras, SPHINX_SENTENCE_EXTRAS, SPHINX_WORD_EXTRAS, sphinxPhoneExtras } from "./sphinx-extras";

const ci = ["AA", "B", "SIL"];
function phone(symbol: string, wordIndex: number, gop: number, lpr: number[]) {
  return { symbol, unit: 0, wordIndex, startFrame: 0, endFrame: 3, gop, lpp: gop / 2, hit: 0.5, lpr: Float32Array.from(lpr), logPost: Float32Array.from(lpr.map((v) => v - 1)) };
}

describe("Sphinx extra features", () => {
  const al: SphinxAligned = {
    phones: [phone("B", 0, -1, [-2, 0, -5]), phone("AA1", 0, -4, [0, 1.5, -3]), phone("B", 1, -0.5, [-1, 0, 0.5])],
    silences: [],
    viterbi: true,
    forcedPerFrame: -60,
    loopPerFrame: -58,
  };

  it("gives one row per phone and word with the named values", () => {
    const x = extractSphinxExtras(al, 2, 1.2, ci);
    const P = sphinxPhoneExtras(ci).length;
    expect(x.phones).toHaveLength(3 * P);
    // max_lpr: the best competitor (not the canonical phone): phone 2 (AA) → B at 1.5.
    expect(x.phones[P]).toBeCloseTo(1.5);
    // gop_prev / gop_next of the middle phone.
    expect(x.phones[P + 1]).toBeCloseTo(-1);
    expect(x.phones[P + 2]).toBeCloseTo(-0.5);
    expect(Array.from(x.phones.subarray(P + 5, P + 8))).toEqual([0, 1.5, -3]);
    expect(x.words).toHaveLength(2 * SPHINX_WORD_EXTRAS.length);
    expect(x.words[2]).toBeCloseTo(-5); // gop_sum of word 0
    expect(x.words[3]).toBe(1); // phones with GOP below −3 in word 0
    expect(x.sentence).toHaveLength(SPHINX_SENTENCE_EXTRAS.length);
    expect(x.sentence[0]).toBeCloseTo(-2);
    expect(x.sentence[1]).toBeCloseTo(1.2);
  });

  it("appends the extras after the built-in columns, row by row", () => {
    expect(Array.from(concatColumns(Float32Array.from([1, 2, 3, 4]), 2, Float32Array.from([9, 8]), 1))).toEqual([1, 2, 9, 3, 4, 8]);
    const base = { sentence: Float32Array.from([1, 2]), words: Float32Array.from([1, 2, 3, 4]), phones: Float32Array.from([5, 6, 7]) };
    const extras = { sentence: Float32Array.from([3]), words: Float32Array.from([7, 8]), phones: Float32Array.from([0, 0, 1, 1, 2, 2]) };
    const h = headInputs(base, extras, 2, 3);
    expect(Array.from(h.sentence)).toEqual([1, 2, 3]);
    expect(Array.from(h.words)).toEqual([1, 2, 7, 3, 4, 8]);
    expect(Array.from(h.phones)).toEqual([5, 0, 0, 6, 1, 1, 7, 2, 2]);
    expect(headInputs(base, undefined, 2, 3)).toBe(base);
  });
});
