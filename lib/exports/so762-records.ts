// One utterance's entries of scores.json and scores-detail.json, in the released format (field
// order, int/float typing, phone bracket notation), from the platform's judgments. Pure.
import { formatPhoneNotation, type RatedPhone } from "@/lib/services/speechocean762/phone-notation";
import { PyFloat, type PyJson } from "./python-json";

export interface So762Judgment {
  accuracy: number | null;
  fluency: number | null;
  prosody: number | null;
  completeness: number | null;
  total: number | null;
  /** wordId → scores */
  words: Map<string, { accuracy: number | null; stress: number | null; total: number | null; inserted: string[] }>;
  /** phoneId → score */
  phones: Map<string, number | null>;
}

export interface So762Item {
  text: string;
  words: { id: string; text: string; phones: { id: string; symbol: string }[] }[];
}

const f = (x: number | null | undefined) => new PyFloat(x ?? 0);
/** scores.json writes whole numbers as ints; an adjudicated 8.5 stays a float. */
const i = (x: number | null | undefined) => (x !== null && x !== undefined && !Number.isInteger(x) ? new PyFloat(x) : (x ?? 0));
/** Undo float noise from ×10 / ÷10 (0.83 × 10 = 8.299999999999999). */
const tidy = (x: number) => Math.round(x * 1e9) / 1e9;

/** scores-detail.json: arrays in rater order; raters with no sentence rating are left out of those arrays. */
export function detailRecord(item: So762Item, raters: So762Judgment[]): PyJson {
  const withSentence = raters.filter((r) => r.accuracy !== null);
  const withWords = raters.filter((r) => r.words.size > 0);
  return {
    text: item.text,
    accuracy: withSentence.map((r) => f(r.accuracy)),
    completeness: withSentence.map((r) => f(r.completeness)),
    fluency: withSentence.map((r) => f(r.fluency)),
    prosodic: withSentence.map((r) => f(r.prosody)),
    total: withSentence.map((r) => f(r.total)),
    words: item.words.map((w) => ({
      text: w.text,
      "ref-phones": w.phones.map((p) => p.symbol).join(" "),
      accuracy: withWords.map((r) => f(r.words.get(w.id)?.accuracy)),
      stress: withWords.map((r) => f(r.words.get(w.id)?.stress)),
      total: withWords.map((r) => f(r.words.get(w.id)?.total)),
      phones: withWords.map((r) => {
        // An unscored phone is written as correct (bare), the notation's default.
        const phones: RatedPhone[] = w.phones.map((p) => ({ symbol: p.symbol, score: clampScore(r.phones.get(p.id)) }));
        // Each insertedPhones element is one bracket group as the corpus wrote it ("IH0 D" → "[IH0 D]").
        const groups = (r.words.get(w.id)?.inserted ?? []).map((g) => `[${g}]`);
        return [formatPhoneNotation(phones), ...groups].join(" ");
      }),
    })),
  };
}

function clampScore(x: number | null | undefined): 0 | 1 | 2 {
  if (x === null || x === undefined) return 2;
  return Math.max(0, Math.min(2, Math.round(x))) as 0 | 1 | 2;
}

/** scores.json: the consensus; completeness back on its ×10 scale. */
export function publishedRecord(item: So762Item, c: So762Judgment): PyJson {
  return {
    text: item.text,
    accuracy: i(c.accuracy),
    completeness: new PyFloat(tidy((c.completeness ?? 0) * 10)),
    fluency: i(c.fluency),
    prosodic: i(c.prosody),
    total: i(c.total),
    words: item.words.map((w) => {
      const s = c.words.get(w.id);
      return {
        text: w.text,
        accuracy: i(s?.accuracy),
        stress: i(s?.stress),
        total: i(s?.total),
        phones: w.phones.map((p) => p.symbol),
        "phones-accuracy": w.phones.map((p) => new PyFloat(tidy(c.phones.get(p.id) ?? 0))),
      };
    }),
  };
}

/** text-phone: "<utt>.<i>\t<phone>_<B|I|E|S> …" per word. */
export function textPhoneLines(uttId: string, item: So762Item): string {
  return item.words
    .map((w, wi) => {
      const ps = w.phones.map((p, k, all) => `${p.symbol}_${all.length === 1 ? "S" : k === 0 ? "B" : k === all.length - 1 ? "E" : "I"}`);
      return `${uttId}.${wi}\t${ps.join(" ")}\n`;
    })
    .join("");
}
