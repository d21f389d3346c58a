// The scoring form's state, its flat keyboard order, and conversions to and from the API's shape.
// Types only from rubric.ts (it imports zod); the functions come from its zod-free half.
import type { Rubric, Scale } from "@/lib/rubric/rubric";
import { checkScale, deriveTotal } from "@/lib/rubric/scale";

export type N = number | null;
export interface FormState {
  sentence: { accuracy: N; fluency: N; prosody: N; completeness: N };
  words: Record<string, { accuracy: N; stress: N; inserted: string[] }>;
  phones: Record<string, { score: N; pronounced: string | null }>;
  comment: string;
}

export interface WsWord {
  id: string;
  index: number;
  text: string;
  phones: { id: string; symbol: string }[];
}

export interface Field {
  key: string;
  label: string;
  scale: Scale;
  /** The word or phone to play when the field is focused. */
  spanId: string | null;
  get(s: FormState): N;
  set(s: FormState, v: N): FormState;
}

export function emptyState(words: WsWord[]): FormState {
  return {
    sentence: { accuracy: null, fluency: null, prosody: null, completeness: null },
    words: Object.fromEntries(words.map((w) => [w.id, { accuracy: null, stress: null, inserted: [] }])),
    phones: Object.fromEntries(words.flatMap((w) => w.phones.map((p) => [p.id, { score: null, pronounced: null }]))),
    comment: "",
  };
}

export function fromJudgment(words: WsWord[], j: { sentence: Record<string, N>; words: { wordId: string; accuracy: N; stress: N; inserted: string[] }[]; phones: { phoneId: string; score: N; pronounced: string | null }[]; comment: string | null }): FormState {
  const s = emptyState(words);
  s.sentence = { accuracy: j.sentence.accuracy ?? null, fluency: j.sentence.fluency ?? null, prosody: j.sentence.prosody ?? null, completeness: j.sentence.completeness ?? null };
  for (const w of j.words) if (s.words[w.wordId]) s.words[w.wordId] = { accuracy: w.accuracy, stress: w.stress, inserted: w.inserted ?? [] };
  for (const p of j.phones) if (s.phones[p.phoneId]) s.phones[p.phoneId] = { score: p.score, pronounced: p.pronounced };
  s.comment = j.comment ?? "";
  return s;
}

export function toPayload(s: FormState) {
  return {
    sentence: s.sentence,
    words: Object.entries(s.words).map(([wordId, w]) => ({ wordId, accuracy: w.accuracy, stress: w.stress, inserted: w.inserted })),
    phones: Object.entries(s.phones).map(([phoneId, p]) => ({ phoneId, score: p.score, pronounced: p.pronounced })),
    comment: s.comment || null,
  };
}

const SENTENCE = ["accuracy", "fluency", "prosody", "completeness"] as const;

export function buildFields(words: WsWord[], rubric: Rubric): Field[] {
  const out: Field[] = SENTENCE.map((a) => ({
    key: `s:${a}`,
    label: `Sentence ${a}`,
    scale: rubric.sentence[a],
    spanId: null,
    get: (s) => s.sentence[a],
    set: (s, v) => ({ ...s, sentence: { ...s.sentence, [a]: v } }),
  }));
  for (const w of words) {
    for (const a of ["accuracy", "stress"] as const) {
      out.push({
        key: `w:${w.id}:${a}`,
        label: `"${w.text}" ${a}`,
        scale: rubric.word[a],
        spanId: w.id,
        get: (s) => s.words[w.id]?.[a] ?? null,
        set: (s, v) => ({ ...s, words: { ...s.words, [w.id]: { ...s.words[w.id], [a]: v } } }),
      });
    }
    for (const p of w.phones) {
      out.push({
        key: `p:${p.id}`,
        label: `/${p.symbol}/ in "${w.text}"`,
        scale: rubric.phone.score,
        spanId: p.id,
        get: (s) => s.phones[p.id]?.score ?? null,
        set: (s, v) => ({ ...s, phones: { ...s.phones, [p.id]: { ...s.phones[p.id], score: v } } }),
      });
    }
  }
  return out;
}

/** The value a typed number (0-10) stands for on a scale: 0-1 scales take tenths. */
export function typedValue(scale: Scale, typed: number): number {
  return scale.max <= 1 ? Math.min(typed / 10, scale.max) : typed;
}

export function problemsOf(fields: Field[], s: FormState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = f.get(s);
    if (v === null) continue;
    const why = checkScale(f.scale, v);
    if (why) out[f.key] = why;
  }
  return out;
}

export function totals(rubric: Rubric, s: FormState) {
  return {
    sentence: deriveTotal(rubric.sentence.total, s.sentence),
    words: Object.fromEntries(Object.entries(s.words).map(([id, w]) => [id, deriveTotal(rubric.word.total, { accuracy: w.accuracy, stress: w.stress })])),
  };
}
