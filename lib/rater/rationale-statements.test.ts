import { describe, it, expect } from "vitest";
import { splitRationale, answerableKeys } from "./rationale-statements";

describe("splitRationale", () => {
  const words = ["WE", "CALL", "IT", "BEAR"];
  const text = 'The word "call" was clear. The /ɛ/ in BEAR sounded like /eɪ/! Overall fluent.';
  const st = splitRationale(text, words);

  it("splits into sentences with spans into the original text", () => {
    expect(st.map((s) => s.text)).toEqual(['The word "call" was clear.', "The /ɛ/ in BEAR sounded like /eɪ/!", "Overall fluent."]);
    for (const s of st) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("finds word and phone mentions with stable keys", () => {
    expect(st[0].mentions.map((m) => [m.kind, m.target, m.key])).toEqual([["word", "1", "s0:w:1"]]);
    expect(st[1].mentions.map((m) => m.key)).toEqual(["s1:p:EH", "s1:w:3", "s1:p:EY"]);
    for (const m of st[1].mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(st[2].mentions).toEqual([]);
  });

  it("keeps a sentence wrapped over two lines whole", () => {
    const wrapped = splitRationale("Minor errors in BEAR: the /ɛ/ and\n/ɹ/ phonemes are off.\n\nGood pace", words);
    expect(wrapped.map((s) => s.text)).toEqual(["Minor errors in BEAR: the /ɛ/ and\n/ɹ/ phonemes are off.", "Good pace"]);
    expect(wrapped[0].mentions.map((m) => m.key)).toEqual(["s0:w:3", "s0:p:EH", "s0:p:R"]);
  });

  it("does not take short unquoted words for mentions", () => {
    expect(splitRationale("It is fine.", words)[0].mentions).toEqual([]);
  });

  it("lists every answerable key including trust", () => {
    const keys = answerableKeys(st);
    expect(keys.has("trust")).toBe(true);
    expect(keys.has("s1")).toBe(true);
    expect(keys.has("s1:p:EY")).toBe(true);
    expect(keys.has("s9")).toBe(false);
  });
});
