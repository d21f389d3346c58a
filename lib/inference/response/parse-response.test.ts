import { describe, expect, it } from "vitest";
import { parseResponse } from "./parse-response";
import {
  EXAMPLE_CONTENT,
  EXAMPLE_RATIONALE,
  EXAMPLE_TEXT,
  EXAMPLE_UTTERANCE,
} from "./metrics-example.fixture";

const WORDS_LINE = "Words: WE/Excellent CALL/Excellent IT/Excellent BEAR/Average";
const PHONES_LINE =
  "Phonemes: w/Excellent i/Excellent k/Excellent ɔ/Good l/Good ɪ/Excellent t/Excellent b/Excellent ɛ/Average ɹ/Average";

describe("parseResponse on the METRICS.md example", () => {
  it("reads every line, with no warning", () => {
    const parsed = parseResponse(EXAMPLE_TEXT, EXAMPLE_UTTERANCE);
    expect(parsed.sentence).toEqual(EXAMPLE_CONTENT.sentence);
    expect(parsed.words).toEqual(EXAMPLE_CONTENT.words);
    expect(parsed.phones).toEqual(EXAMPLE_CONTENT.phones);
    expect(parsed.rationale).toBe(EXAMPLE_RATIONALE);
    expect(parsed.warnings).toEqual([]);
  });

  it("locates the rationale in the original text", () => {
    const parsed = parseResponse(EXAMPLE_TEXT);
    expect(parsed.rationaleOffset).toBe(EXAMPLE_TEXT.indexOf("Overall"));
    expect(parsed.rationaleEnd).toBe(EXAMPLE_TEXT.length);
    expect(EXAMPLE_TEXT.slice(parsed.rationaleOffset, parsed.rationaleEnd)).toBe(EXAMPLE_RATIONALE);
  });
});

describe("tolerances", () => {
  it("Windows and old-Mac line endings; the span still points into the original", () => {
    for (const eol of ["\r\n", "\r"]) {
      const text = EXAMPLE_TEXT.replace(/\n/g, eol);
      const parsed = parseResponse(text, EXAMPLE_UTTERANCE);
      expect(parsed.sentence).toEqual(EXAMPLE_CONTENT.sentence);
      expect(parsed.phones).toEqual(EXAMPLE_CONTENT.phones);
      expect(parsed.rationale).toBe(EXAMPLE_RATIONALE);
      expect(text.slice(parsed.rationaleOffset, parsed.rationaleEnd)).toBe(
        EXAMPLE_RATIONALE.replace(/\n/g, eol),
      );
      expect(parsed.warnings).toEqual([]);
    }
  });

  it("extra whitespace around lines, colons and slashes", () => {
    const text = [
      "   Accuracy   :    Good  ",
      "",
      "Fluency:Excellent",
      "\tProsody :\tExcellent",
      "Words :  WE / Excellent   CALL /Excellent IT/ Excellent\tBEAR  /  Average ",
      PHONES_LINE.replace(/\//g, " / "),
      "",
      "   " + EXAMPLE_RATIONALE + "   ",
      "",
    ].join("\n");
    const parsed = parseResponse(text, EXAMPLE_UTTERANCE);
    expect(parsed.sentence).toEqual(EXAMPLE_CONTENT.sentence);
    expect(parsed.words).toEqual(EXAMPLE_CONTENT.words);
    expect(parsed.phones).toEqual(EXAMPLE_CONTENT.phones);
    expect(parsed.rationale).toBe(EXAMPLE_RATIONALE);
    expect(parsed.warnings).toEqual([]);
  });

  it("labels in any case and the synonyms Fair, Poor, Very Poor", () => {
    const parsed = parseResponse(
      "accuracy: fair\nFLUENCY: POOR\nProsody: very poor\nWords: WE/GOOD CALL/excellent IT/Very Poor BEAR/poor",
    );
    expect(parsed.sentence).toEqual({ accuracy: "Average", fluency: "Bad", prosody: "Worst" });
    expect(parsed.words!.map((w) => w.label)).toEqual(["Good", "Excellent", "Worst", "Bad"]);
    expect(parsed.words!.map((w) => w.text)).toEqual(["WE", "CALL", "IT", "BEAR"]);
  });

  it("Prosodic and Pronunciation as aspect names; Completeness and Total", () => {
    const parsed = parseResponse(
      "Pronunciation: Good\nFluency: Bad\nProsodic: Average\nCompleteness: Excellent\nTotal: Good",
    );
    expect(parsed.sentence).toEqual({
      accuracy: "Good",
      fluency: "Bad",
      prosody: "Average",
      completeness: "Excellent",
      total: "Good",
    });
  });

  it("markdown bold, bullets and headings", () => {
    const text = [
      "**Accuracy:** Good",
      "- **Fluency**: Excellent",
      "* Prosody: **Excellent**",
      "### Words: " + WORDS_LINE.slice("Words: ".length),
      "**Phonemes:** " + PHONES_LINE.slice("Phonemes: ".length),
      "",
      EXAMPLE_RATIONALE,
    ].join("\n");
    const parsed = parseResponse(text, EXAMPLE_UTTERANCE);
    expect(parsed.sentence).toEqual(EXAMPLE_CONTENT.sentence);
    expect(parsed.words).toEqual(EXAMPLE_CONTENT.words);
    expect(parsed.phones).toEqual(EXAMPLE_CONTENT.phones);
    expect(parsed.rationale).toBe(EXAMPLE_RATIONALE);
    expect(parsed.warnings).toEqual([]);
  });

  it("missing lines are reported, the rest is read", () => {
    const parsed = parseResponse("Fluency: Good\nThe speech flows well.");
    expect(parsed.sentence).toEqual({ fluency: "Good" });
    expect(parsed.words).toBeNull();
    expect(parsed.phones).toBeNull();
    expect(parsed.rationale).toBe("The speech flows well.");
    expect(parsed.warnings).toEqual([
      "no Accuracy line",
      "no Prosody line",
      "no Words line",
      "no Phonemes line",
    ]);
  });

  it("a rationale after a Verdict: cue, on the cue line or below it", () => {
    const onLine = parseResponse(`Accuracy: Good\nVerdict: The speech is clear.\nVery clear.`);
    expect(onLine.rationale).toBe("The speech is clear.\nVery clear.");
    const text = `Accuracy: Good\n**Verdict:**\n\n  The speech is clear.  \n`;
    const below = parseResponse(text);
    expect(below.rationale).toBe("The speech is clear.");
    expect(text.slice(below.rationaleOffset, below.rationaleEnd)).toBe("The speech is clear.");
    // With a cue, a preamble is not the rationale even though the cued text comes first.
    const cuedFirst = parseResponse("Verdict: Fine overall.\nAccuracy: Good\nSome notes here.");
    expect(cuedFirst.rationale).toBe("Fine overall.");
    expect(cuedFirst.warnings).toContain('line 3: ignored free text "Some notes here."');
  });

  it("a rationale before the labels when nothing follows them", () => {
    const parsed = parseResponse(`The speaker is fluent.\nMostly accurate.\n\n${WORDS_LINE}\nAccuracy: Good`);
    expect(parsed.rationale).toBe("The speaker is fluent.\nMostly accurate.");
    expect(parsed.rationaleOffset).toBe(0);
    expect(parsed.sentence.accuracy).toBe("Good");
  });

  it("a preamble before the labels is reported and not taken as the rationale", () => {
    const parsed = parseResponse(`Here is my assessment:\n${EXAMPLE_TEXT}`);
    expect(parsed.rationale).toBe(EXAMPLE_RATIONALE);
    expect(parsed.warnings).toContain('line 1: ignored free text "Here is my assessment:"');
  });

  it("a multi-paragraph rationale, including lines that look like labels", () => {
    const rationale =
      "Overall the speech is good.\n\nFluency: Good, though there are pauses.\nWords: BEAR was unclear.";
    const parsed = parseResponse(`Accuracy: Good\nFluency: Good\n${rationale}`);
    expect(parsed.rationale).toBe(rationale);
    expect(parsed.sentence).toEqual({ accuracy: "Good", fluency: "Good" });
    expect(parsed.words).toBeNull();
  });

  it("prose after an aspect name is not a label", () => {
    const parsed = parseResponse("Accuracy: Good\nFluency: the speaker hesitates before most words.");
    expect(parsed.sentence).toEqual({ accuracy: "Good" });
    expect(parsed.rationale).toBe("Fluency: the speaker hesitates before most words.");
  });

  it("a label followed by a remark keeps the label and reports the remark", () => {
    const parsed = parseResponse("Accuracy: Good (8/10)\nFluency: Average.");
    expect(parsed.sentence).toEqual({ accuracy: "Good", fluency: "Average" });
    expect(parsed.warnings).toContain('line 1: Accuracy: ignored text after the label: "(8/10)"');
  });

  it("words with apostrophes and hyphens, commas between items", () => {
    const parsed = parseResponse("Words: DON'T/Good, WELL-KNOWN/Bad; IT’S/Excellent");
    expect(parsed.words).toEqual([
      { text: "DON'T", label: "Good" },
      { text: "WELL-KNOWN", label: "Bad" },
      { text: "IT’S", label: "Excellent" },
    ]);
  });

  it("phonemes with length marks, affricates and ARPAbet are kept as written", () => {
    const parsed = parseResponse("Phonemes: tʃ/Good iː/Bad ɑː/Average AH0/Excellent dʒ/Worst");
    expect(parsed.phones!.map((p) => p.symbol)).toEqual(["tʃ", "iː", "ɑː", "AH0", "dʒ"]);
  });

  it("an empty Words line is an empty list", () => {
    const parsed = parseResponse("Words:\nPhonemes:   ");
    expect(parsed.words).toEqual([]);
    expect(parsed.phones).toEqual([]);
  });
});

describe("unknown and missing labels", () => {
  it("a word or phoneme keeps its place with label null and a warning naming the token", () => {
    const parsed = parseResponse("Words: WE/Excellent CALL/Superb IT BEAR/\nPhonemes: w/Goood i/Good");
    expect(parsed.words).toEqual([
      { text: "WE", label: "Excellent" },
      { text: "CALL", label: null },
      { text: "IT", label: null },
      { text: "BEAR", label: null },
    ]);
    expect(parsed.phones).toEqual([
      { symbol: "w", label: null },
      { symbol: "i", label: "Good" },
    ]);
    expect(parsed.warnings).toEqual(
      expect.arrayContaining([
        'line 1: word 2 "CALL" has an unknown label "Superb"',
        'line 1: word 3 "IT" has no label',
        'line 1: word 4 "BEAR" has no label',
        'line 2: phoneme 1 "w" has an unknown label "Goood"',
      ]),
    );
  });

  it("a sentence aspect with an unknown label is left out and reported", () => {
    const parsed = parseResponse("Accuracy: Superb\nFluency:\nProsody: Good");
    expect(parsed.sentence).toEqual({ prosody: "Good" });
    expect(parsed.warnings).toContain('line 1: Accuracy has an unknown label "Superb"');
    expect(parsed.warnings).toContain("line 2: Fluency has no label");
    expect(parsed.warnings).not.toContain("no Accuracy line");
  });

  it("a list of misspelt labels is still a list, not prose", () => {
    const parsed = parseResponse("Words: WE/Exc CALL/Exc");
    expect(parsed.words).toEqual([
      { text: "WE", label: null },
      { text: "CALL", label: null },
    ]);
  });

  it("a repeated labelled line does not override the first", () => {
    const parsed = parseResponse("Accuracy: Good\nAccuracy: Bad\nThe speech is fine.");
    expect(parsed.sentence.accuracy).toBe("Good");
    expect(parsed.warnings).toContain("line 2: repeated Accuracy line kept as text");
  });
});

describe("counts and tokens that do not match the utterance", () => {
  it("keeps a short Words line and names both counts", () => {
    const parsed = parseResponse(
      "Words: WE/Good CALL/Good IT/Good\n" + PHONES_LINE,
      EXAMPLE_UTTERANCE,
    );
    expect(parsed.words).toHaveLength(3);
    expect(parsed.warnings).toContain("Words: the response has 3 words, the utterance has 4");
  });

  it("keeps a long Phonemes line and names both counts", () => {
    const parsed = parseResponse(`${WORDS_LINE}\n${PHONES_LINE} ə/Bad ə/Bad`, EXAMPLE_UTTERANCE);
    expect(parsed.phones).toHaveLength(12);
    expect(parsed.phones!.slice(10)).toEqual([
      { symbol: "ə", label: "Bad" },
      { symbol: "ə", label: "Bad" },
    ]);
    expect(parsed.warnings).toContain("Phonemes: the response has 12 phonemes, the utterance has 10");
  });

  it("reports words and phonemes that differ from the utterance at equal counts", () => {
    const parsed = parseResponse(
      "Words: we/Good CALL/Good IT/Good BARE/Good\n" +
        PHONES_LINE.replace("ɔ/Good", "ɔː/Good").replace("i/", "IY0/").replace("b/", "p/"),
      EXAMPLE_UTTERANCE,
    );
    expect(parsed.warnings).toEqual(
      expect.arrayContaining([
        'Words: 1 of 4 words differ from the utterance (first at word 4: "BARE" vs "BEAR")',
        'Phonemes: 1 of 10 phonemes differ from the utterance (first at phoneme 8: "p" vs "b")',
      ]),
    );
  });

  it("no count warning without an utterance", () => {
    const parsed = parseResponse("Words: WE/Good");
    expect(parsed.warnings.some((w) => w.includes("utterance"))).toBe(false);
  });
});

describe("degenerate input", () => {
  it("empty text", () => {
    const parsed = parseResponse("");
    expect(parsed).toMatchObject({
      sentence: {},
      words: null,
      phones: null,
      rationale: "",
      rationaleOffset: 0,
      rationaleEnd: 0,
    });
    expect(parsed.warnings).toContain("no rationale");
  });

  it("free text only is all rationale", () => {
    const parsed = parseResponse("  The speaker did well.\n");
    expect(parsed.rationale).toBe("The speaker did well.");
    expect(parsed.rationaleOffset).toBe(2);
  });

  it("code fences around the template are ignored", () => {
    const parsed = parseResponse("```text\n" + EXAMPLE_TEXT + "\n```", EXAMPLE_UTTERANCE);
    expect(parsed.rationale).toBe(EXAMPLE_RATIONALE);
    expect(parsed.warnings).toEqual([]);
  });

  it("a non-string from untyped callers", () => {
    const parsed = parseResponse(undefined as unknown as string);
    expect(parsed.warnings[0]).toBe("response is not text (undefined)");
  });
});
