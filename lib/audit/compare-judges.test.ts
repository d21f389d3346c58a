import { describe, it, expect } from "vitest";
import { auditResponse } from "./audit-response";
import { compareReadings, judgeAgreement, readingOf } from "./compare-judges";
import type { Extraction } from "./extract-mentions";
import type { LabelSet, Mention, Polarity } from "./types";

// "WE CALL IT BEAR" (the METRICS.md example); every label Excellent, so a negative mention contradicts both.
const U = {
  words: ["WE", "CALL", "IT", "BEAR"],
  phones: ([["W", 0], ["IY1", 0], ["K", 1], ["AO1", 1], ["L", 1], ["IH1", 2], ["T", 2], ["B", 3], ["EH1", 3], ["R", 3]] as const).map(([symbol, wordIndex]) => ({ symbol, wordIndex })),
};
const LABELS: LabelSet = { sentence: { accuracy: "Excellent" }, words: Array(4).fill("Excellent"), phones: Array(10).fill("Excellent") };
const TEXT = "'WE' was clear, 'CALL' was weak, 'IT' was fine and 'BEAR' was poor; its /k/ too. Again 'CALL'.";

/** A mention of the n-th occurrence of `text` in TEXT, tied to `target` (word index, or phone index for phones). */
function mention(text: string, polarity: Polarity, target: number, type: "word" | "phone" = "word", occurrence = 1): Mention {
  const written = type === "phone" ? `/${text}/` : `'${text}'`;
  let at = -1;
  for (let k = 0; k < occurrence; k++) at = TEXT.indexOf(written, at + 1);
  const start = at + 1;
  const wordIndex = type === "word" ? target : U.phones[target].wordIndex;
  return { type, text, start, end: start + text.length, status: "ok", wordIndex, phoneIndex: type === "phone" ? target : null, phone: type === "phone" ? "K" : null, aspect: null, polarity, cue: null, sentence: 0 };
}

const audit = (mentions: Mention[]) => {
  const extraction: Extraction = { mentions, overall: "neutral", claim: null };
  return auditResponse({ rationale: TEXT, utterance: U, prediction: LABELS, consensus: LABELS, extraction });
};

describe("agreement of two judges on a small known case", () => {
  const rules = audit([mention("WE", "positive", 0), mention("CALL", "negative", 1), mention("IT", "positive", 2), mention("BEAR", "negative", 3), mention("k", "negative", 2, "phone")]);
  const judge = audit([mention("WE", "positive", 0), mention("CALL", "negative", 1), mention("IT", "neutral", 2), mention("BEAR", "positive", 3)]);
  const c = compareReadings(readingOf(rules), readingOf(judge));

  it("matches mentions by span, counts one-sided ones and lists the disagreements side by side", () => {
    expect(c.pairs).toEqual([["positive", "positive"], ["negative", "negative"], ["positive", "neutral"], ["negative", "positive"]]);
    expect([c.rulesOnly, c.judgeOnly]).toEqual([1, 0]);
    expect(c.disagreements.map((d) => [d.key, d.about, d.rules?.mention?.polarity ?? null, d.judge?.mention?.polarity ?? null])).toEqual([
      [`word@${TEXT.indexOf("IT")}-${TEXT.indexOf("IT") + 2}`, "polarity", "positive", "neutral"],
      [`word@${TEXT.indexOf("BEAR")}-${TEXT.indexOf("BEAR") + 4}`, "polarity", "negative", "positive"],
      [`phone@${TEXT.indexOf("/k/") + 1}-${TEXT.indexOf("/k/") + 2}`, "mention", "negative", null],
    ]);
    const bear = c.disagreements[1];
    expect(bear.rules!.flags).toEqual(["contradicts_consensus", "contradicts_prediction"]);
    expect(bear.judge!.flags).toEqual([]);
  });

  it("gives Cohen's κ over the matched polarities and the share of flags both raise", () => {
    // Observed agreement 2/4; chance (rules +½ −½; judge +½ −¼ 0¼) = ½·½ + ½·¼ = 0.375; κ = (0.5 − 0.375) / 0.625 = 0.2.
    // Flags: rules raise both contradictions on CALL, BEAR and /k/ (6); the judge only on CALL (2): 2 of 6 raised by both.
    const a = judgeAgreement([c]);
    expect(a.polarity.kappa).toBeCloseTo(0.2, 12);
    expect(a.polarity).toMatchObject({ agreement: 0.5, n: 4 });
    expect(a.mentions).toEqual({ matched: 4, rules_only: 1, judge_only: 0 });
    expect(a.flags).toEqual({ both: 2, rules_only: 4, judge_only: 0, share_both: 2 / 6 });
  });

  it("pools over responses, and matches a mention found at another place by its target", () => {
    // The judge took the second 'CALL' (same word): matched by target, not reported as two one-sided mentions.
    const r2 = audit([mention("CALL", "negative", 1)]);
    const j2 = audit([mention("CALL", "negative", 1, "word", 2)]);
    const c2 = compareReadings(readingOf(r2), readingOf(j2));
    expect(c2.pairs).toEqual([["negative", "negative"]]);
    expect(c2.disagreements).toEqual([]);
    expect(c2.flags).toEqual({ both: 2, rulesOnly: 0, judgeOnly: 0 });
    const a = judgeAgreement([c, c2]);
    expect(a.responses).toBe(2);
    expect(a.polarity.n).toBe(5);
    expect(a.flags.share_both).toBeCloseTo(4 / 8, 12);
  });

  it("reports a no-error claim only one judge flags as a disagreement about the claim", () => {
    const bad: LabelSet = { ...LABELS, words: ["Excellent", "Bad", "Excellent", "Excellent"] };
    const withClaim: Extraction = { mentions: [], overall: "positive", claim: { kind: "all", text: "'WE' was clear", start: 0, end: 14 } };
    const a = auditResponse({ rationale: TEXT, utterance: U, prediction: bad, consensus: bad, extraction: withClaim });
    const b = auditResponse({ rationale: TEXT, utterance: U, prediction: bad, consensus: bad, extraction: { ...withClaim, claim: null } });
    const d = compareReadings(readingOf(a), readingOf(b)).disagreements;
    expect(d).toEqual([{ key: "claim", about: "claim", rules: { text: "'WE' was clear", start: 0, end: 14, flags: ["missed_errors"] }, judge: null }]);
  });
});
