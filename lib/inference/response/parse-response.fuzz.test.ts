/**
 * parseResponse must never throw and must always return a well-formed result, whatever a model
 * (or a truncated upload) produces. Seeded, so a failure reproduces.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LABELS } from "../../rubric/labels";
import { parseResponse } from "./parse-response";
import { EXAMPLE_TEXT, EXAMPLE_UTTERANCE } from "./metrics-example.fixture";
import type { ParsedResponse } from "./types";

function expectWellFormed(text: string, parsed: ParsedResponse): void {
  expect(parsed.rationaleOffset).toBeGreaterThanOrEqual(0);
  expect(parsed.rationaleOffset).toBeLessThanOrEqual(parsed.rationaleEnd);
  expect(parsed.rationaleEnd).toBeLessThanOrEqual(text.length);
  expect(text.slice(parsed.rationaleOffset, parsed.rationaleEnd).replace(/\r\n?/g, "\n")).toBe(
    parsed.rationale,
  );
  expect(parsed.rationale).toBe(parsed.rationale.trim());
  for (const w of parsed.warnings) expect(typeof w).toBe("string");
  for (const label of Object.values(parsed.sentence)) expect(LABELS).toContain(label);
  for (const item of [...(parsed.words ?? []), ...(parsed.phones ?? [])]) {
    expect(item.label === null || LABELS.includes(item.label)).toBe(true);
  }
}

/** Pieces of the template and of its usual corruptions, shuffled into near-miss responses. */
const fragment = fc.oneof(
  fc.constantFrom(
    "Accuracy", "Fluency", "Prosody", "Prosodic", "Pronunciation", "Words", "Phonemes", "Total",
    "Verdict", "Rationale", ":", "：", "/", "//", " ", "  ", "\n", "\r\n", "\r", "\t", "**", "__",
    "*", "-", "#", "```", "Very", "Poor", "very poor", "Fair", "GOOD", "excellent", "Bad", "worst",
    "WE", "BEAR", "DON'T", "ɔ", "ɹ", "iː", "tʃ", "AH0", "/ɛ/", "[θ]", ",", ";", ".", "(8/10)",
    "\u0000", "\uFEFF", "\u200B", "\uD800", "🙂", "e\u0301",
  ),
  fc.string({ maxLength: 8 }),
);
const nearMiss = fc.array(fragment, { maxLength: 80 }).map((parts) => parts.join(""));
const anyText = fc.string({ unit: "binary", maxLength: 400 });
const mutatedExample = fc
  .tuple(fc.nat({ max: EXAMPLE_TEXT.length }), fc.nat({ max: 40 }), fc.string({ unit: "binary", maxLength: 10 }))
  .map(([at, cut, insert]) => EXAMPLE_TEXT.slice(0, at) + insert + EXAMPLE_TEXT.slice(at + cut));

describe("parseResponse on garbled input", () => {
  it.each([
    ["arbitrary unicode strings", anyText, 1],
    ["near-miss templates", nearMiss, 2],
    ["mutated examples", mutatedExample, 3],
  ] as const)("never throws on %s", (_, arb, seed) => {
    fc.assert(
      fc.property(arb, fc.boolean(), (text, withUtterance) => {
        const parsed = parseResponse(text, withUtterance ? EXAMPLE_UTTERANCE : undefined);
        expectWellFormed(text, parsed);
      }),
      { seed, numRuns: 300 },
    );
  });

  it("stays well-formed on long pathological lines (no catastrophic backtracking)", () => {
    const texts = [
      "* ".repeat(20_000) + "x",
      "- ".repeat(20_000) + "Accuracy",
      "Accuracy" + " ".repeat(50_000) + "x",
      "Words: " + "A/".repeat(20_000),
      "Words: " + "WE/Very ".repeat(10_000),
      "**".repeat(20_000) + ":",
      "\r".repeat(10_000) + "\n".repeat(10_000),
      "Verdict:" + "*".repeat(30_000),
    ];
    for (const text of texts) expectWellFormed(text, parseResponse(text, EXAMPLE_UTTERANCE));
  });
});
