// Checks a rater's scores against the dataset's rubric and the item's words and phones, and
// derives the totals (never typed by the rater). Drafts may leave scores empty; a submission may not.
import type { Problem } from "@/lib/errors";
import { checkScale, deriveTotal, type Rubric } from "@/lib/rubric/rubric";
import type { SaveJudgmentData } from "@/lib/schemas/rater";

export interface ItemShape {
  words: { id: string; index: number; text: string; phones: { id: string; symbol: string }[] }[];
}

export interface NormalizedScores {
  sentence: { accuracy: number | null; fluency: number | null; prosody: number | null; completeness: number | null; total: number | null };
  words: { wordId: string; accuracy: number | null; stress: number | null; total: number | null; inserted: string[] }[];
  phones: { phoneId: string; score: number | null; pronounced: string | null }[];
}

export function validateScores(data: SaveJudgmentData, rubric: Rubric, item: ItemShape): { scores: NormalizedScores; problems: Problem[] } {
  const problems: Problem[] = [];
  const submit = data.status === "SUBMITTED";
  const check = (field: string, scale: Parameters<typeof checkScale>[0], v: number | null | undefined, label: string) => {
    if (v === null || v === undefined) {
      if (submit) problems.push({ field, message: `${label} is not scored yet` });
      return null;
    }
    const why = checkScale(scale, v);
    if (why) problems.push({ field, message: `${label}: ${why}` });
    return v;
  };

  const s = data.sentence ?? {};
  const sentence = {
    accuracy: check("sentence.accuracy", rubric.sentence.accuracy, s.accuracy, "sentence accuracy"),
    fluency: check("sentence.fluency", rubric.sentence.fluency, s.fluency, "sentence fluency"),
    prosody: check("sentence.prosody", rubric.sentence.prosody, s.prosody, "sentence prosody"),
    completeness: check("sentence.completeness", rubric.sentence.completeness, s.completeness, "sentence completeness"),
    total: null as number | null,
  };
  sentence.total = deriveTotal(rubric.sentence.total, sentence);

  const wordIds = new Map(item.words.map((w) => [w.id, w] as const));
  const phoneIds = new Map(item.words.flatMap((w) => w.phones.map((p) => [p.id, { word: w, phone: p }] as const)));
  const givenWords = new Map(data.words.map((w) => [w.wordId, w] as const));
  const givenPhones = new Map(data.phones.map((p) => [p.phoneId, p] as const));
  for (const w of data.words) if (!wordIds.has(w.wordId)) problems.push({ field: "words", message: `word ${w.wordId} is not a word of this item` });
  for (const p of data.phones) if (!phoneIds.has(p.phoneId)) problems.push({ field: "phones", message: `phone ${p.phoneId} is not a phone of this item` });

  const words = item.words.map((w, i) => {
    const g = givenWords.get(w.id);
    const accuracy = check(`words[${i}].accuracy`, rubric.word.accuracy, g?.accuracy, `"${w.text}" accuracy`);
    const stress = check(`words[${i}].stress`, rubric.word.stress, g?.stress, `"${w.text}" stress`);
    return { wordId: w.id, accuracy, stress, total: deriveTotal(rubric.word.total, { accuracy, stress }), inserted: g?.inserted ?? [] };
  });
  let position = 0;
  const phones = item.words.flatMap((w) =>
    w.phones.map((p) => {
      const g = givenPhones.get(p.id);
      const field = `phones[${position++}].score`;
      const score = check(field, rubric.phone.score, g?.score, `/${p.symbol}/ in "${w.text}"`);
      const pronounced = g?.pronounced?.trim() ? g.pronounced.trim().toUpperCase() : null;
      return { phoneId: p.id, score, pronounced };
    }),
  );
  return { scores: { sentence, words, phones }, problems };
}
