// The scores a rater gives on one item, derived from the dataset's rubric: every typed (not derived)
// aspect of the sentence, of each word and of each phone, in the order the workspace walks them,
// each with a stable key, its scale and the words that name it in a problem. The workspace (browser)
// and the server's validation both use this list, so a value is judged by one rule. No zod here.
import { allowedText, fitsScale, readNumber, type ScaleLike } from "@/lib/rubric/scale";

export type Granularity = "sentence" | "word" | "phone";

/** A rubric as this module reads it: typed and derived aspects per granularity. */
export interface RubricLike {
  sentence: Record<string, ScaleLike>;
  word: Record<string, ScaleLike>;
  phone: Record<string, ScaleLike>;
}

export interface FieldWord {
  id: string;
  text: string;
  phones: { id: string; symbol: string }[];
}

export interface ScoreField {
  /** "sentence.accuracy", "word.<wordId>.stress", "phone.<phoneId>.score". */
  key: string;
  granularity: Granularity;
  aspect: string;
  /** The word's or phone's id (null for the sentence). */
  targetId: string | null;
  /** What is scored: "Sentence", "TWO", "/T/ in TWO". */
  subject: string;
  /** "Sentence accuracy", "TWO stress", "/T/ in TWO". */
  label: string;
  scale: ScaleLike;
}

/** The aspects a rater types (derived ones, such as totals, are computed), in the rubric's order. */
export function typedAspects(group: Record<string, ScaleLike>): [string, ScaleLike][] {
  return Object.entries(group).filter(([, s]) => !s.derivedFrom);
}

export const fieldKey = (granularity: Granularity, aspect: string, targetId: string | null) =>
  targetId === null ? `${granularity}.${aspect}` : `${granularity}.${targetId}.${aspect}`;

/** Every score of an item: the sentence's aspects, then per word its aspects followed by its phones'. */
export function scoreFields(rubric: RubricLike, words: FieldWord[]): ScoreField[] {
  const phoneAspects = typedAspects(rubric.phone);
  const out: ScoreField[] = typedAspects(rubric.sentence).map(([aspect, scale]) => ({
    key: fieldKey("sentence", aspect, null),
    granularity: "sentence",
    aspect,
    targetId: null,
    subject: "Sentence",
    label: `Sentence ${aspect}`,
    scale,
  }));
  for (const w of words) {
    for (const [aspect, scale] of typedAspects(rubric.word)) {
      out.push({ key: fieldKey("word", aspect, w.id), granularity: "word", aspect, targetId: w.id, subject: w.text, label: `${w.text} ${aspect}`, scale });
    }
    for (const p of w.phones) {
      const subject = `/${p.symbol}/ in ${w.text}`;
      for (const [aspect, scale] of phoneAspects) {
        // One aspect per phone (speechocean762's score) needs no aspect name in its label.
        const label = phoneAspects.length === 1 ? subject : `${subject} ${aspect}`;
        out.push({ key: fieldKey("phone", aspect, p.id), granularity: "phone", aspect, targetId: p.id, subject, label, scale });
      }
    }
  }
  return out;
}

/** A value as the rater left it: a number (keys, buttons), text (typed into the box), or nothing. */
export type RawValue = number | string | null;

/** The number a raw value stands for when it fits the field's scale, else null. */
export function fittingValue(f: ScoreField, raw: RawValue | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  const n = readNumber(raw);
  return n !== null && fitsScale(f.scale, n) ? n : null;
}

const isEmpty = (raw: RawValue | undefined) => raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "");

/**
 * What is wrong with a value, in plain words at its field ("TWO — stress must be 5 or 10"), or null
 * when it fits (or is empty: see missingProblem).
 */
export function fieldProblem(f: ScoreField, raw: RawValue | undefined): string | null {
  if (isEmpty(raw)) return null;
  const n = readNumber(raw!);
  const must = `${f.subject} — ${f.aspect} must be ${allowedText(f.scale)}`;
  if (n === null) return `${must} ("${String(raw).trim()}" is not a number)`;
  return fitsScale(f.scale, n) ? null : must;
}

/** The problem of a score left empty when the form is submitted. */
export function missingProblem(f: ScoreField): string {
  return `${f.subject} — ${f.aspect} is not scored yet`;
}

export { isEmpty as isEmptyValue };

/** A judgment as the API returns it (a rater's own, a conflicting version, an adjudication). */
export interface JudgmentLike {
  sentence: Record<string, number | null>;
  words: ({ wordId: string; inserted?: string[] } & Record<string, unknown>)[];
  phones: ({ phoneId: string; pronounced?: string | null } & Record<string, unknown>)[];
  unfit?: Record<string, string>;
  comment: string | null;
}

const num = (v: unknown) => (typeof v === "number" ? v : null);

/** The value of one field in a judgment: its unfit text when it has one, else its stored number. */
export function judgmentValue(f: ScoreField, j: JudgmentLike): RawValue {
  const unfit = j.unfit?.[f.key];
  if (unfit !== undefined) return unfit;
  if (f.granularity === "sentence") return num(j.sentence[f.aspect]);
  if (f.granularity === "word") return num(j.words.find((w) => w.wordId === f.targetId)?.[f.aspect]);
  return num(j.phones.find((p) => p.phoneId === f.targetId)?.[f.aspect]);
}
