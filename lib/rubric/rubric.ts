// A dataset's rubric: which aspects it scores at each granularity, on which scale, and how totals
// are derived. speechocean762's rubric (from the corpus README) is the default.
import { z } from "zod";

export const SENTENCE_ASPECTS = ["accuracy", "fluency", "prosody", "completeness", "total"] as const;
export type SentenceAspect = (typeof SENTENCE_ASPECTS)[number];
export const WORD_ASPECTS = ["accuracy", "stress", "total"] as const;
export type WordAspect = (typeof WORD_ASPECTS)[number];
export const GRANULARITIES = ["sentence", "word", "phone"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

const AnchorSchema = z.object({ from: z.number(), to: z.number(), meaning: z.string().min(1), example: z.string().optional() });

const ScaleSchema = z
  .object({
    min: z.number(),
    max: z.number(),
    /** Allowed values when the scale is discrete (stress 5/10, phone 0/1/2). */
    values: z.array(z.number()).optional(),
    /** Weights over other aspects of the same granularity when the aspect is computed, not typed. */
    derivedFrom: z.record(z.string(), z.number()).optional(),
    /** Precision of a rater's value on a continuous scale (1: whole numbers; 0.01: two decimals). */
    step: z.number().positive().optional(),
    /** What the aspect measures, in the rubric's words (shown to raters). */
    description: z.string().optional(),
    /** What each point or band of the scale means (shown to raters beside the score). */
    anchors: z.array(AnchorSchema).optional(),
  })
  .refine((s) => s.min < s.max, { message: "min must be below max" });
export type Scale = z.infer<typeof ScaleSchema>;

export const RubricSchema = z.object({
  name: z.string().min(1),
  sentence: z.object({
    accuracy: ScaleSchema,
    fluency: ScaleSchema,
    prosody: ScaleSchema,
    completeness: ScaleSchema,
    total: ScaleSchema,
  }),
  word: z.object({ accuracy: ScaleSchema, stress: ScaleSchema, total: ScaleSchema }),
  phone: z.object({ score: ScaleSchema }),
  /** How the per-item human reference is formed from several raters. */
  consensus: z.enum(["median", "mean"]).default("median"),
});
export type Rubric = z.infer<typeof RubricSchema>;

// The meaning of each scale point, from speechocean762's README ("The scoring metric"), lightly edited.
export const SPEECHOCEAN762_RUBRIC: Rubric = {
  name: "speechocean762",
  sentence: {
    accuracy: {
      min: 0,
      max: 10,
      step: 1,
      description: "How accurately the sentence as a whole is pronounced.",
      anchors: [
        { from: 9, to: 10, meaning: "Excellent overall pronunciation: accurate phonology and no obvious pronunciation mistakes." },
        { from: 7, to: 8, meaning: "Good overall pronunciation, with a few pronunciation mistakes." },
        { from: 5, to: 6, meaning: "Understandable, with many pronunciation mistakes and an accent that do not prevent understanding the basic meaning." },
        { from: 3, to: 4, meaning: "Poor, clumsy and rigid pronunciation of the sentence as a whole, with serious pronunciation mistakes." },
        { from: 0, to: 2, meaning: "Extremely poor pronunciation: only one or two words are recognisable." },
      ],
    },
    fluency: {
      min: 0,
      max: 10,
      step: 1,
      description: "How fluently the sentence is read: pauses, repetitions and stammering.",
      anchors: [
        { from: 8, to: 10, meaning: "Fluent, without noticeable pauses or stammering." },
        { from: 6, to: 7, meaning: "Fluent in general, with a few pauses, repetitions and stammering." },
        { from: 4, to: 5, meaning: "A little disfluent, with many pauses, repetitions and stammering." },
        { from: 0, to: 3, meaning: "Intermittent, very disfluent speech with lots of pauses, repetitions and stammering." },
      ],
    },
    prosody: {
      min: 0,
      max: 10,
      step: 1,
      description: "Intonation, speaking rate and rhythm (speechocean762's \"prosodic\").",
      anchors: [
        { from: 9, to: 10, meaning: "Correct intonation at a stable speaking rate, with cadence; could pass for a native speaker." },
        { from: 7, to: 8, meaning: "Nearly correct intonation at a stable speaking rate, nearly smooth and coherent, with little stammering and few pauses." },
        { from: 5, to: 6, meaning: "Unstable speaking rate, much stammering and many pauses, a poor sense of rhythm." },
        { from: 3, to: 4, meaning: "Unstable speaking rate, too fast or too slow, without a sense of rhythm." },
        { from: 0, to: 2, meaning: "Poor intonation, lots of stammering and pauses; cannot read a complete sentence." },
      ],
    },
    // Per rater 0-1 (the share of words read); the published scores.json multiplies it by 10.
    completeness: {
      min: 0,
      max: 1,
      step: 0.01,
      description: "The share of the sentence's words pronounced well enough to count (0 to 1).",
      anchors: [
        { from: 1, to: 1, meaning: "Every word of the sentence is pronounced well." },
        { from: 0, to: 0.99, meaning: "The share of words with good pronunciation.", example: "5 of 6 words → 0.83" },
      ],
    },
    total: { min: 0, max: 10, derivedFrom: { accuracy: 0.8, fluency: 0.1, prosody: 0.1 } },
  },
  word: {
    accuracy: {
      min: 0,
      max: 10,
      step: 1,
      description: "How accurately the word is pronounced.",
      anchors: [
        { from: 10, to: 10, meaning: "The pronunciation of the word is perfect." },
        { from: 7, to: 9, meaning: "Most phones of the word are pronounced correctly, but with an accent." },
        { from: 4, to: 6, meaning: "Less than 30% of the word's phones are pronounced wrongly." },
        { from: 2, to: 3, meaning: "More than 30% of the phones are pronounced wrongly, or the word is read as another word.", example: "\"bag\" read as \"bike\"" },
        { from: 1, to: 1, meaning: "The pronunciation is hard to make out." },
        { from: 0, to: 0, meaning: "No voice." },
      ],
    },
    stress: {
      min: 0,
      max: 10,
      values: [5, 10],
      description: "Whether the word's stress is right.",
      anchors: [
        { from: 10, to: 10, meaning: "The stress is correct, or the word has one syllable." },
        { from: 5, to: 5, meaning: "The stress is wrong." },
      ],
    },
    total: { min: 0, max: 10, derivedFrom: { accuracy: 0.8, stress: 0.2 } },
  },
  phone: {
    score: {
      min: 0,
      max: 2,
      values: [0, 1, 2],
      description: "How well the phoneme is pronounced.",
      anchors: [
        { from: 2, to: 2, meaning: "Pronounced correctly." },
        { from: 1, to: 1, meaning: "Right, but with a heavy accent." },
        { from: 0, to: 0, meaning: "Pronounced wrongly, or missed." },
      ],
    },
  },
  consensus: "median",
};

// In their own module so browser code can import them without zod.
export { checkScale, deriveTotal } from "./scale";

/**
 * A stored rubric, validated. A speechocean762 rubric stored before rubrics carried guidance (steps,
 * descriptions, anchors) gets them from the built-in one, scale by scale, where it has none.
 */
export function parseRubric(json: unknown): Rubric {
  const r = RubricSchema.parse(json);
  if (r.name !== SPEECHOCEAN762_RUBRIC.name) return r;
  const fill = <T extends Record<string, Scale>>(mine: T, builtin: Record<string, Scale>): T =>
    Object.fromEntries(
      Object.entries(mine).map(([k, s]) => {
        const b = builtin[k];
        const same = b && b.min === s.min && b.max === s.max && JSON.stringify(b.values) === JSON.stringify(s.values);
        return [k, same && !s.anchors ? { ...s, step: s.step ?? b.step, description: s.description ?? b.description, anchors: b.anchors } : s];
      }),
    ) as T;
  return { ...r, sentence: fill(r.sentence, SPEECHOCEAN762_RUBRIC.sentence), word: fill(r.word, SPEECHOCEAN762_RUBRIC.word), phone: fill(r.phone, SPEECHOCEAN762_RUBRIC.phone) };
}
