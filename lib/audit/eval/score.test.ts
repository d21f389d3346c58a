import { describe, expect, it } from "vitest";
import type { Flag, Mention } from "../types";
import { parseLabelledSet, type LabelledRecord } from "./labelled-set";
import { scoreAudit } from "./score";

const rationale = "SAY was weak, and the /eɪ/ too. BOOK was fine.";
const record: LabelledRecord = {
  id: "x1", uttId: "u", kind: "", phenomena: [], response: rationale, rationale, line: 1,
  mentions: [
    { type: "word", text: "SAY", start: 0, end: 3, status: "ok", word_index: 2, phone_index: null, aspect: null, polarity: "negative" },
    { type: "phone", text: "eɪ", start: 22, end: 24, status: "ok", word_index: 2, phone_index: 5, aspect: null, polarity: "negative" },
    { type: "word", text: "BOOK", start: 32, end: 36, status: "not_in_utterance", word_index: null, phone_index: null, aspect: null, polarity: "positive" },
  ],
  expect: [
    { granularity: "word", code: "contradicts_prediction", mention: "SAY" },
    { granularity: "word", code: "not_in_utterance", mention: "BOOK" },
  ],
};

const mention = (type: Mention["type"], text: string, start: number, polarity: Mention["polarity"], extra: Partial<Mention> = {}): Mention => ({
  type, text, start, end: start + text.length, status: "ok", wordIndex: null, phoneIndex: null, phone: null, aspect: null, polarity, cue: null, sentence: 0, ...extra,
});
const flag = (granularity: "word" | "phone", code: Flag["code"], m: Mention | null): Flag => ({
  granularity, code, severity: "high", evidence: {},
  mention: m && { text: m.text, start: m.start, end: m.end, polarity: m.polarity, wordIndex: m.wordIndex, phoneIndex: m.phoneIndex },
});

describe("scoreAudit", () => {
  it("matches mentions by type and span, polarity over matched ones, and flags by code and target", () => {
    const say = mention("word", "SAY", 0, "negative", { wordIndex: 2 });
    const phone = mention("phone", "eɪ", 22, "positive", { wordIndex: 2, phoneIndex: 5 });
    const book = mention("word", "BOOK", 32, "positive", { status: "not_in_utterance" });
    const spurious = mention("aspect", "weak", 8, "negative", { aspect: "accuracy" });
    const flags = [
      flag("word", "contradicts_prediction", say),
      flag("word", "contradicts_prediction", say), // a duplicate counts once
      flag("word", "not_in_utterance", book),
      flag("phone", "contradicts_consensus", phone), // not expected
    ];
    const { figures, errors } = scoreAudit([{ record, mentions: [say, phone, book, spurious], flags }]);
    expect(figures.extraction).toMatchObject({ gold: 3, predicted: 4, matched: 3, precision: 0.75, recall: 1 });
    expect(figures.polarity_accuracy).toBeCloseTo(2 / 3, 3);
    expect(figures.flags).toMatchObject({ expected: 2, raised: 3, matched: 2 });
    expect(figures.flags.per_code.contradicts_prediction).toMatchObject({ precision: 1, recall: 1, expected: 1, raised: 1 });
    expect(figures.flags.per_code.contradicts_consensus).toMatchObject({ precision: 0, recall: null, expected: 0, raised: 1 });
    expect(errors.map((e) => e.kind).sort()).toEqual(["false_flag", "polarity", "spurious_mention"]);
  });

  it("does not count a contradiction on another occurrence than the expected one", () => {
    const other = mention("word", "SAY", 0, "negative", { wordIndex: 7 });
    const { figures } = scoreAudit([{ record, mentions: [other], flags: [flag("word", "contradicts_prediction", other)] }]);
    expect(figures.flags.per_code.contradicts_prediction).toMatchObject({ matched: 0, raised: 1, expected: 1 });
  });

  it("counts a clean record that got a flag", () => {
    const clean = { ...record, id: "x2", expect: [] };
    const { figures } = scoreAudit([{ record: clean, mentions: [], flags: [flag("word", "missed_errors", null)] }]);
    expect(figures).toMatchObject({ clean_records: 1, clean_records_flagged: 1 });
  });
});

describe("parseLabelledSet", () => {
  const line = (o: object) => JSON.stringify(o);
  const good = { id: "a", utt_id: "1", response: `Accuracy: Good\n${rationale}`, rationale, mentions: [{ type: "word", text: "SAY", start: 0, end: 3, status: "ok", word_index: 0, phone_index: null, aspect: null, polarity: "negative" }], expect: [] };

  it("reads records and converts code-point offsets to string offsets", () => {
    const astral = "𝄞 SAY";
    const rows = parseLabelledSet(line({ ...good, response: astral, rationale: astral, mentions: [{ ...good.mentions[0], start: 2, end: 5 }] }), "set.jsonl");
    expect(rows[0].mentions[0]).toMatchObject({ start: 3, end: 6 });
  });

  it("names the line and field of every problem and returns nothing", () => {
    const bad = [line(good), "{not json", line({ ...good, mentions: [{ ...good.mentions[0], start: 1 }] }), line({ ...good, expect: [{ granularity: "word", code: "nope", mention: null }] })].join("\n");
    try {
      parseLabelledSet(bad, "set.jsonl");
      expect.unreachable();
    } catch (e) {
      const problems = (e as { problems: { line: number; field?: string }[] }).problems;
      expect(problems.map((p) => [p.line, p.field])).toEqual([[2, undefined], [3, "mentions[0].start"], [4, "expect[0].code"]]);
    }
  });
});
