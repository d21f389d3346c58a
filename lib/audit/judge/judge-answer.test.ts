import { describe, it, expect } from "vitest";
import { readJudgeAnswer, type JudgeAnswer } from "./answer";
import { extractionFromAnswer } from "./to-extraction";
import { describeUtterance, judgeMessages } from "./prompt";
import { indexUtterance } from "../utterance-index";
import { auditResponse } from "../audit-response";
import type { LabelSet } from "../types";

// "WE CALL IT CALL BEAR": CALL twice, /l/ in both CALLs, /b/ once.
const U = indexUtterance({
  words: ["WE", "CALL", "IT", "CALL", "BEAR"],
  phones: ([["W", 0], ["IY1", 0], ["K", 1], ["AO1", 1], ["L", 1], ["IH1", 2], ["T", 2], ["K", 3], ["AO1", 3], ["L", 3], ["B", 4], ["EH1", 4], ["R", 4]] as const).map(([symbol, wordIndex]) => ({ symbol, wordIndex })),
});

const answer = (mentions: Partial<JudgeAnswer["mentions"][number]>[], extra: Partial<JudgeAnswer> = {}): JudgeAnswer => {
  const r = readJudgeAnswer(JSON.stringify({ mentions: mentions.map((m) => ({ type: "word", polarity: "neutral", ...m })), ...extra }));
  if (!r.ok) throw new Error(r.problem);
  return r.answer;
};

describe("reading a judge's answer", () => {
  it("takes the JSON out of a code fence or a sentence, and tolerates case and missing optional fields", () => {
    const r = readJudgeAnswer('Here you are:\n```json\n{"mentions": [{"text": "BEAR", "type": "Word", "polarity": "Negative"}], "overall": "NEGATIVE"}\n```');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.answer).toMatchObject({ mentions: [{ text: "BEAR", type: "word", polarity: "negative" }], overall: "negative" });
    expect(readJudgeAnswer('{"mentions": [], "overall": "positive", "no_error_claim": {"text": "no errors", "kind": "All"}}')).toMatchObject({ ok: true, answer: { no_error_claim: { kind: "all" } } });
  });

  it("refuses what is not JSON, or not of the asked form, naming the field", () => {
    const notJson = readJudgeAnswer("The word BEAR was bad.");
    expect(notJson).toMatchObject({ ok: false });
    if (!notJson.ok) expect(notJson.problem).toMatch(/^the answer is not JSON/);
    const bad = readJudgeAnswer('{"mentions": [{"text": "BEAR", "type": "word", "polarity": "awful"}]}');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem).toMatch(/mentions\[0\]\.polarity/);
    const missing = readJudgeAnswer('{"overall": "positive"}');
    if (!missing.ok) expect(missing.problem).toMatch(/mentions/);
    expect(missing.ok).toBe(false);
  });

  it("shows the judge every word and phone with the indices it is to answer with", () => {
    const d = describeUtterance(U);
    expect(d).toContain("1: CALL  phones 2:/k/ 3:/ɔː/ 4:/l/");
    expect(d).toContain("4: BEAR  phones 10:/b/ 11:/ɛ/ 12:/ɹ/");
    const [system, user] = judgeMessages("'BEAR' was weak.", U);
    expect(system.role).toBe("system");
    expect(user.content).toContain("<<<'BEAR' was weak.>>>");
  });
});

describe("a judge's answer as the audit's extraction", () => {
  const R = "The first 'CALL' was clear, the second 'CALL' was not; /b/ in 'BEAR' was weak. Fluency was good.";

  it("uses offsets only where they point at the text, else finds the mentions in order", () => {
    const { extraction, warnings } = extractionFromAnswer(
      answer([
        { text: "CALL", start: 0, end: 4, word_index: 1, polarity: "positive" }, // wrong offsets: located instead
        { text: "'CALL'", word_index: 3, polarity: "negative" }, // with its quotes, no offsets: the next one
        { text: "b", type: "phone", start: R.indexOf("/b/"), end: R.indexOf("/b/") + 3, polarity: "negative" }, // span with delimiters
        { text: "BEAR", polarity: "negative", cue: "was weak" },
        { text: "Fluency", type: "aspect", polarity: "positive" },
      ]),
      R,
      U,
    );
    expect(warnings).toEqual([]);
    expect(extraction.mentions.map((m) => [m.type, R.slice(m.start, m.end), m.status, m.wordIndex, m.phoneIndex, m.polarity])).toEqual([
      ["word", "CALL", "ok", 1, null, "positive"],
      ["word", "CALL", "ok", 3, null, "negative"],
      ["phone", "b", "ok", 4, 10, "negative"],
      ["word", "BEAR", "ok", 4, null, "negative"],
      ["aspect", "Fluency", "ok", null, null, "positive"],
    ]);
    expect(extraction.mentions[0].start).toBe(R.indexOf("CALL"));
    expect(extraction.mentions[1].start).toBe(R.lastIndexOf("CALL"));
    const bear = extraction.mentions[3];
    expect(bear.cue).toBe("was weak");
    expect(bear.cueWords!.map((w) => R.slice(w.start, w.end))).toEqual(["was", "weak"]);
    expect(bear.decidedBy).toBe("own");
    expect(extraction.mentions[4]).toMatchObject({ aspect: "fluency", sentence: 1 });
  });

  it("takes `occurrence` when offsets are absent, and leaves out (with a warning) what is not in the rationale", () => {
    const { extraction, warnings } = extractionFromAnswer(answer([{ text: "CALL", occurrence: 2, word_index: 3 }, { text: "HOUSE", polarity: "negative" }]), R, U);
    expect(extraction.mentions).toHaveLength(1);
    expect(extraction.mentions[0].start).toBe(R.lastIndexOf("CALL"));
    expect(warnings).toEqual(['mentions[1] "HOUSE" is not in the rationale; left out']);
  });

  it("decides the targets from the utterance: a repeated word needs an index, a phone in several words needs its word", () => {
    const text = "'CALL' and /l/ were weak; 'HOUSE' too. /θ/ as well.";
    const { extraction } = extractionFromAnswer(
      answer([{ text: "CALL", status: "ok" }, { text: "l", type: "phone" }, { text: "HOUSE", status: "ok" }, { text: "θ", type: "phone", status: "ok" }]),
      text,
      U,
    );
    expect(extraction.mentions.map((m) => [m.text, m.status])).toEqual([["CALL", "ambiguous"], ["l", "ambiguous"], ["HOUSE", "not_in_utterance"], ["θ", "not_in_utterance"]]);
    // With the word named, the /l/ is tied to it; a phone the judge says is not there (the /r/ of another word) stays not there.
    const tied = extractionFromAnswer(answer([{ text: "l", type: "phone", word_index: 3 }, { text: "r", type: "phone", status: "not_in_utterance" }]), "The /l/ and the /r/.", U).extraction;
    expect(tied.mentions.map((m) => [m.status, m.phoneIndex])).toEqual([["ok", 9], ["not_in_utterance", null]]);
  });

  it("prefers the marked place of a mention ('x', /x/, CAPS) over the same letters unmarked", () => {
    const text = "It's fine; the /s/ is not."; // "s" of "It's" is glued to an apostrophe, not delimited as a phone
    const u = indexUtterance({ words: ["SEE"], phones: [{ symbol: "S", wordIndex: 0 }, { symbol: "IY1", wordIndex: 0 }] });
    const { extraction } = extractionFromAnswer(answer([{ text: "s", type: "phone", polarity: "negative" }]), text, u);
    expect(extraction.mentions[0].start).toBe(text.indexOf("/s/") + 1);
  });

  it("feeds the audit core: flags come from the judge's polarity", () => {
    const labels: LabelSet = { sentence: { accuracy: "Good" }, words: ["Excellent", "Excellent", "Excellent", "Excellent", "Excellent"], phones: Array(13).fill("Excellent") };
    const text = "'BEAR' was mispronounced, although everything else was fine.";
    const { extraction } = extractionFromAnswer(answer([{ text: "BEAR", polarity: "negative" }], { overall: "negative", no_error_claim: { text: "everything else was fine", kind: "besides" } }), text, U);
    const a = auditResponse({ rationale: text, utterance: U, prediction: labels, consensus: labels, extraction });
    expect(a.word.flags.map((f) => f.code)).toEqual(["contradicts_prediction", "contradicts_consensus"]);
    expect(extraction.claim).toMatchObject({ kind: "besides", start: text.indexOf("everything") });
  });
});
