import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LABELS, type Label } from "../../rubric/labels";
import { arpabetToIpa, ARPABET_BASE_PHONES } from "../../rubric/arpabet-ipa";
import { parseResponse } from "./parse-response";
import { renderResponse } from "./render-response";
import { EXAMPLE_CONTENT, EXAMPLE_TEXT } from "./metrics-example.fixture";
import type { ParsedResponse, ResponseContent, SentenceLabels } from "./types";

/** The parsed content in the renderer's shape; fails the test if a label is unknown. */
function contentOf(parsed: ParsedResponse): ResponseContent {
  const known = <T extends { label: Label | null }>(xs: T[] | null) =>
    xs?.map((x) => {
      expect(x.label, `unknown label in ${JSON.stringify(x)}`).not.toBeNull();
      return { ...x, label: x.label as Label };
    }) ?? null;
  return {
    sentence: parsed.sentence,
    words: known(parsed.words),
    phones: known(parsed.phones),
    rationale: parsed.rationale,
  };
}

describe("renderResponse", () => {
  it("writes the METRICS.md example byte for byte", () => {
    expect(renderResponse(EXAMPLE_CONTENT)).toBe(EXAMPLE_TEXT);
  });

  it("omits missing lines and writes Completeness/Total after Prosody", () => {
    const text = renderResponse({
      sentence: { total: "Good", fluency: "Bad", completeness: "Excellent" },
      words: null,
      phones: [],
      rationale: "  Fine.\r\n",
    });
    expect(text).toBe("Fluency: Bad\nCompleteness: Excellent\nTotal: Good\nPhonemes:\nFine.");
  });

  it("refuses what it cannot write so that it parses back", () => {
    const base = { sentence: {}, phones: null, rationale: "" };
    expect(() => renderResponse({ ...base, words: [{ text: "TWO WORDS", label: "Good" }] })).toThrow(
      RangeError,
    );
    expect(() => renderResponse({ ...base, words: [{ text: "A/B", label: "Good" }] })).toThrow(RangeError);
    expect(() => renderResponse({ ...base, words: [{ text: "", label: "Good" }] })).toThrow(RangeError);
    expect(() =>
      renderResponse({ ...base, words: [{ text: "WE", label: "Fair" as unknown as Label }] }),
    ).toThrow(/not a canonical label/);
  });
});

describe("round trips", () => {
  it("parse(example) → render gives the example back", () => {
    expect(renderResponse(contentOf(parseResponse(EXAMPLE_TEXT)))).toBe(EXAMPLE_TEXT);
  });

  it("parse → render canonicalises synonyms, case, whitespace and markdown", () => {
    const messy =
      "**accuracy:** fair\r\nFLUENCY :  very poor\r\nProsodic: POOR\r\nWords: WE / good  IT/Fair\r\n\r\nVerdict: Mostly fine.";
    expect(renderResponse(contentOf(parseResponse(messy)))).toBe(
      "Accuracy: Average\nFluency: Worst\nProsody: Bad\nWords: WE/Good IT/Average\nMostly fine.",
    );
  });

  const label = fc.constantFrom(...LABELS);
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const sentence: fc.Arbitrary<SentenceLabels> = fc
    .record({
      accuracy: maybe(label),
      fluency: maybe(label),
      prosody: maybe(label),
      completeness: maybe(label),
      total: maybe(label),
    })
    .map((s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)));
  const word = fc.stringMatching(/^[A-Z][A-Z'-]{0,8}$/);
  const ipa = fc.constantFrom(
    ...ARPABET_BASE_PHONES.flatMap((p) => [arpabetToIpa(p + "0") ?? arpabetToIpa(p)!, arpabetToIpa(p + "1") ?? arpabetToIpa(p)!]),
  );
  // Prose from words that can never open a labelled line or a cue (no colon, no bullet).
  const line = fc
    .array(fc.constantFrom("the", "speech", "is", "clear,", "BEAR", "/ɛ/", "Overall", "but", "mostly", "accurate."), {
      minLength: 1,
      maxLength: 12,
    })
    .map((ws) => ws.join(" "));
  const rationale = fc.array(fc.oneof(line, fc.constant("")), { maxLength: 4 }).map((ls) => ls.join("\n").trim());
  const content: fc.Arbitrary<ResponseContent> = fc.record({
    sentence,
    words: fc.option(fc.array(fc.record({ text: word, label }), { maxLength: 12 }), { nil: null }),
    phones: fc.option(fc.array(fc.record({ symbol: ipa, label }), { maxLength: 30 }), { nil: null }),
    rationale,
  });

  it("render → parse gives the content back, with only missing-line warnings", () => {
    fc.assert(
      fc.property(content, (c) => {
        const parsed = parseResponse(renderResponse(c));
        expect(contentOf(parsed)).toEqual(c);
        for (const w of parsed.warnings) {
          expect(w).toMatch(/^no (Accuracy|Fluency|Prosody|Words|Phonemes) line$|^no rationale$/);
        }
      }),
      { seed: 762, numRuns: 300 },
    );
  });

  it("render → parse → render is stable", () => {
    fc.assert(
      fc.property(content, (c) => {
        const text = renderResponse(c);
        expect(renderResponse(contentOf(parseResponse(text)))).toBe(text);
      }),
      { seed: 2021, numRuns: 200 },
    );
  });
});
