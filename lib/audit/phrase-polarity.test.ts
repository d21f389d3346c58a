// Phrase-structure polarity, heard-instead forms and the new flag rules on sentences of our own
// (not taken from ../shared/audit-eval, so they check the mechanisms rather than that set).
import { describe, expect, it } from "vitest";
import { auditResponse } from "./audit-response";
import { extractMentions } from "./extract-mentions";
import type { LabelSet } from "./types";

const utterance = {
  words: ["THINK", "ABOUT", "THE", "RED", "BOAT"],
  phones: [
    ["TH", 0], ["IH1", 0], ["NG", 0], ["K", 0], ["AH0", 1], ["B", 1], ["AW1", 1], ["T", 1], ["DH", 2], ["AH0", 2], ["R", 3], ["EH1", 3], ["D", 3], ["B", 4], ["OW1", 4], ["T", 4],
  ].map(([symbol, wordIndex]) => ({ symbol: symbol as string, wordIndex: wordIndex as number })),
};
const pol = (text: string) => extractMentions(text, utterance).mentions.filter((m) => m.type !== "aspect").map((m) => [m.text, m.polarity]);

describe("polarity from the phrase", () => {
  it.each([
    ["'RED' was clearly mispronounced.", [["RED", "negative"]]],
    ["'RED' was poorly articulated.", [["RED", "negative"]]],
    ["There is an obvious error in 'BOAT'.", [["BOAT", "negative"]]],
    ["She showed fine control of /θ/ in THINK.", [["θ", "positive"], ["THINK", "positive"]]],
    ["'ABOUT' was rather flat.", [["ABOUT", "negative"]]],
    ["'ABOUT' was passable, but its /aʊ/ was a little short.", [["ABOUT", "neutral"], ["aʊ", "negative"]]],
    ["'RED' was not clear at all.", [["RED", "negative"]]],
    ["'BOAT' had no audible problem.", [["BOAT", "positive"]]],
    ["A smooth reading overall, except for 'BOAT', which was rushed.", [["BOAT", "negative"]]],
    ["We heard a pause after 'ABOUT'; that word itself was badly garbled.", [["ABOUT", "negative"]]],
  ])("%s", (text, want) => {
    expect(pol(text)).toEqual(want);
  });
});

describe("forms heard instead are no mentions", () => {
  it.each([
    ["In 'THINK' the /θ/ turned into /f/.", ["THINK", "θ"]],
    ["The /θ/ of 'THINK' was realised as a /t/.", ["θ", "THINK"]],
    ["'BOAT' sounded rather like 'bought'.", ["BOAT"]],
    ["'RED' kept a crisp /ɹ/, not a /w/.", ["RED", "ɹ"]],
    ["The vowel of 'RED' drifted towards /æ/.", ["RED"]],
    ["'BOAT' ended in a [d]-like stop.", ["BOAT"]],
  ])("%s", (text, want) => {
    expect(extractMentions(text, utterance).mentions.map((m) => m.text)).toEqual(want);
  });

  it("and the substitution criticises the sound that was meant", () => {
    expect(pol("In 'THINK' the /θ/ turned into /f/.")).toEqual([["THINK", "negative"], ["θ", "negative"]]);
  });
});

describe("flags as METRICS.md defines them", () => {
  const labels = (words: LabelSet["words"]): LabelSet => ({ sentence: { accuracy: "Good" }, words, phones: utterance.phones.map(() => "Good") });
  const audit = (rationale: string, words: LabelSet["words"]) => auditResponse({ rationale, utterance, prediction: labels(words), consensus: labels(words) });

  it("a neutral remark on a Bad word is no contradiction, but lowers the exact rate only", () => {
    const a = audit("'RED' was acceptable.", ["Good", "Good", "Good", "Bad", "Good"]);
    expect(a.word.flags).toEqual([]);
    expect(a.word.items[0].vsConsensus).toBe("differs");
    expect(a.word.faithfulness).toBe(0);
    expect(a.word.faithfulnessNonContradicting).toBe(1);
  });

  it("praise of a Bad word contradicts", () => {
    expect(audit("'RED' was excellent.", ["Good", "Good", "Good", "Bad", "Good"]).word.flags.map((f) => f.code)).toEqual(["contradicts_prediction", "contradicts_consensus"]);
  });

  it("missed_errors needs a claim of no errors, not a friendly tone", () => {
    const bad: LabelSet["words"] = ["Good", "Good", "Good", "Worst", "Good"];
    expect(audit("Lovely work. 'BOAT' was crisp.", bad).word.flags).toEqual([]);
    const claim = audit("Every word was pronounced correctly.", bad).word.flags;
    expect(claim.map((f) => f.code)).toEqual(["missed_errors"]);
    expect(claim[0].evidence.missed?.map((m) => m.text)).toEqual(["RED"]);
    // "none besides the named ones" with the Bad word criticised: nothing missed.
    expect(audit("'RED' was garbled; everything else was correct.", bad).word.flags.filter((f) => f.code === "missed_errors")).toEqual([]);
  });

  it("keeps the words that decided a polarity, with their spans", () => {
    const m = extractMentions("'RED' was clearly mispronounced.", utterance).mentions[0];
    expect(m.cueWords?.map((w) => w.text)).toEqual(["clearly", "mispronounced"]);
    expect("'RED' was clearly mispronounced.".slice(m.cueWords![1].start, m.cueWords![1].end)).toBe("mispronounced");
  });
});
