// The scoring form's state (what the rater left in each score, by field key), conversions to and
// from the API's shape, and what is wrong or missing. The fields come from the rubric
// (lib/rater/score-fields.ts); a value is a number (keys, buttons) or text typed into a score's box,
// kept as typed until it fits. Types only from rubric.ts (it imports zod); functions are zod-free.
import type { Rubric } from "@/lib/rubric/rubric";
import { deriveTotal, type ScaleLike } from "@/lib/rubric/scale";
import { fieldProblem, fittingValue, isEmptyValue, judgmentValue, missingProblem, type JudgmentLike, type RawValue, type ScoreField } from "@/lib/rater/score-fields";

export interface FormState {
  /** What the rater left in each score, by field key. */
  values: Record<string, RawValue>;
  /** Phones heard inserted in a word, by word id. */
  inserted: Record<string, string[]>;
  /** What a phone was pronounced as, by phone id. */
  pronounced: Record<string, string | null>;
  comment: string;
}

export interface WsWord {
  id: string;
  index: number;
  text: string;
  phones: { id: string; symbol: string }[];
}

export function emptyState(fields: ScoreField[], words: WsWord[]): FormState {
  return {
    values: Object.fromEntries(fields.map((f) => [f.key, null])),
    inserted: Object.fromEntries(words.map((w) => [w.id, []])),
    pronounced: Object.fromEntries(words.flatMap((w) => w.phones.map((p) => [p.id, null]))),
    comment: "",
  };
}

export function fromJudgment(fields: ScoreField[], words: WsWord[], j: JudgmentLike): FormState {
  const s = emptyState(fields, words);
  for (const f of fields) s.values[f.key] = judgmentValue(f, j);
  for (const w of j.words) if (w.wordId in s.inserted) s.inserted[w.wordId] = w.inserted ?? [];
  for (const p of j.phones) if (p.phoneId in s.pronounced) s.pronounced[p.phoneId] = p.pronounced ?? null;
  s.comment = j.comment ?? "";
  return s;
}

/** The API's body for the form: every value as the rater left it (the server judges them by the same rules). */
export function toPayload(fields: ScoreField[], s: FormState) {
  const sentence: Record<string, RawValue> = {};
  const words = new Map<string, Record<string, unknown>>(Object.entries(s.inserted).map(([wordId, inserted]) => [wordId, { wordId, inserted }]));
  const phones = new Map<string, Record<string, unknown>>(Object.entries(s.pronounced).map(([phoneId, pronounced]) => [phoneId, { phoneId, pronounced }]));
  for (const f of fields) {
    const v = s.values[f.key] ?? null;
    const raw = typeof v === "string" && v.trim() === "" ? null : v;
    if (f.granularity === "sentence") sentence[f.aspect] = raw;
    else (f.granularity === "word" ? words : phones).get(f.targetId!)![f.aspect] = raw;
  }
  return { sentence, words: [...words.values()], phones: [...phones.values()], comment: s.comment || null };
}

/** What is wrong with each value that does not fit, by field key. */
export function problemsOf(fields: ScoreField[], s: FormState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const why = fieldProblem(f, s.values[f.key]);
    if (why) out[f.key] = why;
  }
  return out;
}

/** The fields still empty, with the words a submission would show for each. */
export function missingOf(fields: ScoreField[], s: FormState): Record<string, string> {
  return Object.fromEntries(fields.filter((f) => isEmptyValue(s.values[f.key] ?? null)).map((f) => [f.key, missingProblem(f)]));
}

/** A text value that fits becomes its number (after typing into a score's box). */
export function settle(f: ScoreField, v: RawValue): RawValue {
  if (typeof v !== "string") return v;
  if (v.trim() === "") return null;
  return fittingValue(f, v) ?? v;
}

function derived(group: Record<string, ScaleLike>, parts: Record<string, number | null>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(group).filter(([, s]) => s.derivedFrom).map(([a, s]) => [a, deriveTotal(s, parts)]));
}

/** Derived aspects (totals) of the sentence and of each word, from the values that fit. */
export function totals(rubric: Rubric, fields: ScoreField[], s: FormState) {
  const parts = new Map<string, Record<string, number | null>>();
  for (const f of fields) {
    const id = f.targetId ?? "sentence";
    if (!parts.has(id)) parts.set(id, {});
    parts.get(id)![f.aspect] = fittingValue(f, s.values[f.key]);
  }
  const words = [...new Set(fields.filter((f) => f.granularity === "word").map((f) => f.targetId!))];
  return {
    sentence: derived(rubric.sentence, parts.get("sentence") ?? {}),
    words: Object.fromEntries(words.map((id) => [id, derived(rubric.word, parts.get(id) ?? {})])),
  };
}

export type { JudgmentLike };
