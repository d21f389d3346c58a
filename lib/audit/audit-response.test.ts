import { describe, it, expect } from "vitest";
import { auditResponse } from "./audit-response";
import { extractMentions } from "./extract-mentions";
import type { LabelSet } from "./types";

// "WE CALL IT BEAR" with its canonical phones (the METRICS.md example).
const U = {
  words: ["WE", "CALL", "IT", "BEAR"],
  phones: ([["W", 0], ["IY1", 0], ["K", 1], ["AO1", 1], ["L", 1], ["IH1", 2], ["T", 2], ["B", 3], ["EH1", 3], ["R", 3]] as const).map(([symbol, wordIndex]) => ({ symbol, wordIndex })),
};
const all = (l: LabelSet["words"] extends (infer T)[] | null ? T : never, n: number) => Array(n).fill(l);
const GOOD: LabelSet = { sentence: { accuracy: "Good", fluency: "Excellent", prosody: "Good" }, words: all("Excellent", 4), phones: all("Excellent", 10) };
const bearBad = (): LabelSet => ({ ...GOOD, words: ["Excellent", "Excellent", "Excellent", "Bad"], phones: [...all("Excellent", 8), "Bad", "Excellent"] });

const codes = (r: ReturnType<typeof auditResponse>, g: "word" | "phone") => r[g].flags.map((f) => f.code).sort();
const run = (rationale: string, prediction: LabelSet, consensus: LabelSet) => auditResponse({ rationale, utterance: U, prediction, consensus });

describe("flags: each code triggered and not triggered by a minimal example", () => {
  it("contradicts_prediction", () => {
    expect(codes(run("'BEAR' was mispronounced.", GOOD, bearBad()), "word")).toEqual(["contradicts_prediction"]);
    expect(codes(run("'BEAR' was mispronounced.", bearBad(), bearBad()), "word")).toEqual([]);
  });
  it("contradicts_consensus, with the raters' scores as evidence", () => {
    const r = auditResponse({ rationale: "'BEAR' was pronounced clearly.", utterance: U, prediction: GOOD, consensus: bearBad(), raters: { sentence: {}, words: [[], [], [], [3, 2, 3]], phones: [] } });
    expect(codes(r, "word")).toEqual(["contradicts_consensus"]);
    expect(r.word.flags[0]).toMatchObject({ severity: "high", mention: { text: "BEAR" }, evidence: { prediction: "Excellent", consensus: "Bad", raters: [3, 2, 3] } });
    expect(codes(run("'BEAR' was pronounced clearly.", GOOD, GOOD), "word")).toEqual([]);
  });
  it("not_in_utterance, for words and phonemes", () => {
    expect(codes(run("'HOUSE' was mispronounced.", bearBad(), bearBad()), "word")).toEqual(["not_in_utterance"]);
    expect(codes(run("The /θ/ was mispronounced.", bearBad(), bearBad()), "phone")).toEqual(["not_in_utterance"]);
    expect(codes(run("The /ɛ/ was mispronounced.", bearBad(), bearBad()), "phone")).toEqual([]);
  });
  it("ambiguous_reference: a phoneme in several words with no word named", () => {
    // /ɪ/ is not repeated here; /t/ neither: use a two-word utterance with K twice.
    const u = { words: ["CAT", "KICK"], phones: ([["K", 0], ["AE1", 0], ["T", 0], ["K", 1], ["IH1", 1], ["K", 1]] as const).map(([symbol, wordIndex]) => ({ symbol, wordIndex })) };
    const labels: LabelSet = { sentence: {}, words: ["Good", "Good"], phones: all("Good", 6) };
    const amb = auditResponse({ rationale: "The /k/ was clear.", utterance: u, prediction: labels, consensus: labels });
    expect(codes(amb, "phone")).toEqual(["ambiguous_reference"]);
    const tied = auditResponse({ rationale: "In 'KICK', the /k/ was clear.", utterance: u, prediction: labels, consensus: labels });
    expect(codes(tied, "phone")).toEqual([]);
    expect(tied.phone.items[0]).toMatchObject({ phoneIndex: 3, wordIndex: 1 });
  });
  it("missed_errors: consensus-negative words, none named, while the rationale claims no errors", () => {
    const r = run("Excellent reading, every word was clear.", GOOD, bearBad());
    expect(codes(r, "word")).toEqual(["missed_errors"]);
    expect(r.word.flags[0].evidence.missed).toEqual([{ index: 3, text: "BEAR", consensus: "Bad" }]);
    expect(codes(run("Several words were mispronounced.", GOOD, bearBad()), "word")).toEqual([]);
    expect(codes(run("Excellent reading, every word was clear.", GOOD, GOOD), "word")).toEqual([]);
  });
});

describe("rates", () => {
  it("are null where there are no mentions, and count mentions", () => {
    const r = run("The speaker has a heavy accent.", GOOD, GOOD);
    expect(r.word).toMatchObject({ plausibility: null, faithfulness: null, mentions: 0 });
    // No aspect named: the whole rationale (negative) against sentence accuracy (Good).
    expect(r.sentence).toMatchObject({ plausibility: 0, faithfulness: 0, mentions: 1 });
  });
  it("plausibility follows the model, faithfulness the consensus; recall counts named negatives", () => {
    const r = run("The fluency is excellent. 'BEAR' was mispronounced and 'WE' was clear.", GOOD, bearBad());
    expect(r.word).toMatchObject({ plausibility: 0.5, faithfulness: 1, recall: 1, mentions: 2 });
    expect(r.sentence).toMatchObject({ plausibility: 1, faithfulness: 1, mentions: 1 });
  });
});

describe("the polarity model on domain phrases general sentiment lists get wrong", () => {
  const pol = (s: string) => extractMentions(s, U).mentions.map((m) => [m.text, m.polarity]);
  it.each([
    ["Not fluent at all; long pauses.", [["fluent", "negative"]]],
    ["'CALL' was mispronounced.", [["CALL", "negative"]]],
    ["'IT' was dropped.", [["IT", "negative"]]],
    ["The intonation is monotone.", [["intonation", "negative"]]],
    ["The speech has a natural rhythm.", [["rhythm", "positive"]]],
    ["'WE' was not mispronounced.", [["WE", "positive"]]],
    ["The pronunciation is good, but 'BEAR' was substituted.", [["pronunciation", "positive"], ["BEAR", "negative"]]],
    ["All words were clear except 'BEAR'.", [["BEAR", "negative"]]],
    // A moderator keeps praise praise (../shared/audit-eval reads "reasonably fluent" as positive); partial praise is neutral.
    ["'BEAR' was fairly clear.", [["BEAR", "positive"]]],
    ["'BEAR' was only partly clear.", [["BEAR", "neutral"]]],
    ["'BEAR' was slightly off.", [["BEAR", "negative"]]],
    ["/EH1/ in BEAR was replaced by /ɪ/.", [["EH1", "negative"], ["BEAR", "negative"]]],
  ])("%s", (s, want) => {
    expect(pol(s)).toEqual(want);
  });
});
