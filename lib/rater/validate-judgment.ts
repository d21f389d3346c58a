// Checks a rater's scores against the dataset's rubric and the item's words and phones, and
// derives the totals (never typed by the rater). A draft keeps whatever was typed: a value that does
// not fit the rubric is kept as typed in `unfit` (its score stays empty) and reported as a problem
// at its field; only a submission must be complete and fit. Scores naming words or phones the item
// does not have are refused in any case (`refused`).
import type { Problem } from "@/lib/errors";
import { deriveTotal, type Rubric } from "@/lib/rubric/rubric";
import type { SaveJudgmentData } from "@/lib/schemas/rater";
import { fieldProblem, fittingValue, isEmptyValue, missingProblem, scoreFields, type RawValue } from "./score-fields";

export interface ItemShape {
  words: { id: string; index: number; text: string; phones: { id: string; symbol: string }[] }[];
}

export interface NormalizedScores {
  sentence: { accuracy: number | null; fluency: number | null; prosody: number | null; completeness: number | null; total: number | null };
  words: { wordId: string; accuracy: number | null; stress: number | null; total: number | null; inserted: string[] }[];
  phones: { phoneId: string; score: number | null; pronounced: string | null }[];
  /** Values typed into a draft that do not fit the rubric, exactly as typed, by field key. */
  unfit: Record<string, string>;
}

export interface Validated {
  scores: NormalizedScores;
  /** Scale problems and (for a submission) empty scores, each at its field key. */
  problems: Problem[];
  /** Problems that refuse the request whatever its status (unknown words or phones). */
  refused: Problem[];
}

export function validateScores(data: SaveJudgmentData, rubric: Rubric, item: ItemShape): Validated {
  const problems: Problem[] = [];
  const refused: Problem[] = [];
  const submit = data.status === "SUBMITTED";

  const wordIds = new Set(item.words.map((w) => w.id));
  const phoneIds = new Set(item.words.flatMap((w) => w.phones.map((p) => p.id)));
  for (const w of data.words) if (!wordIds.has(w.wordId)) refused.push({ field: "words", message: `word ${w.wordId} is not a word of this item` });
  for (const p of data.phones) if (!phoneIds.has(p.phoneId)) refused.push({ field: "phones", message: `phone ${p.phoneId} is not a phone of this item` });

  // The request's values by field key.
  const given = new Map<string, RawValue | undefined>();
  for (const [aspect, v] of Object.entries(data.sentence ?? {})) given.set(`sentence.${aspect}`, v);
  for (const w of data.words) for (const aspect of ["accuracy", "stress"] as const) given.set(`word.${w.wordId}.${aspect}`, w[aspect]);
  for (const p of data.phones) given.set(`phone.${p.phoneId}.score`, p.score);

  const unfit: Record<string, string> = {};
  const value = new Map<string, number | null>();
  for (const f of scoreFields(rubric, item.words)) {
    const raw = given.get(f.key);
    if (isEmptyValue(raw ?? null)) {
      if (submit) problems.push({ field: f.key, message: missingProblem(f) });
      value.set(f.key, null);
      continue;
    }
    const why = fieldProblem(f, raw);
    if (why) {
      problems.push({ field: f.key, message: why });
      unfit[f.key] = String(raw).slice(0, 40);
    }
    value.set(f.key, fittingValue(f, raw));
  }
  const v = (key: string) => value.get(key) ?? null;

  const sentence = {
    accuracy: v("sentence.accuracy"),
    fluency: v("sentence.fluency"),
    prosody: v("sentence.prosody"),
    completeness: v("sentence.completeness"),
    total: null as number | null,
  };
  sentence.total = deriveTotal(rubric.sentence.total, sentence);
  const givenWords = new Map(data.words.map((w) => [w.wordId, w] as const));
  const givenPhones = new Map(data.phones.map((p) => [p.phoneId, p] as const));
  const words = item.words.map((w) => {
    const accuracy = v(`word.${w.id}.accuracy`);
    const stress = v(`word.${w.id}.stress`);
    return { wordId: w.id, accuracy, stress, total: deriveTotal(rubric.word.total, { accuracy, stress }), inserted: givenWords.get(w.id)?.inserted ?? [] };
  });
  const phones = item.words.flatMap((w) =>
    w.phones.map((p) => {
      const g = givenPhones.get(p.id);
      const pronounced = g?.pronounced?.trim() ? g.pronounced.trim().toUpperCase() : null;
      return { phoneId: p.id, score: v(`phone.${p.id}.score`), pronounced };
    }),
  );
  return { scores: { sentence, words, phones, unfit }, problems, refused };
}
