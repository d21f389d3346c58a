// A dataset's rubric: which aspects it scores at each granularity, on which scale, and how totals
// are derived. speechocean762's rubric (from the corpus README) is the default.
import { z } from "zod";

export const SENTENCE_ASPECTS = ["accuracy", "fluency", "prosody", "completeness", "total"] as const;
export type SentenceAspect = (typeof SENTENCE_ASPECTS)[number];
export const WORD_ASPECTS = ["accuracy", "stress", "total"] as const;
export type WordAspect = (typeof WORD_ASPECTS)[number];
export const GRANULARITIES = ["sentence", "word", "phone"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

const ScaleSchema = z
  .object({
    min: z.number(),
    max: z.number(),
    /** Allowed values when the scale is discrete (stress 5/10, phone 0/1/2). */
    values: z.array(z.number()).optional(),
    /** Weights over other aspects of the same granularity when the aspect is computed, not typed. */
    derivedFrom: z.record(z.string(), z.number()).optional(),
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

export const SPEECHOCEAN762_RUBRIC: Rubric = {
  name: "speechocean762",
  sentence: {
    accuracy: { min: 0, max: 10 },
    fluency: { min: 0, max: 10 },
    prosody: { min: 0, max: 10 },
    // Per rater 0-1 (the share of words read); the published scores.json multiplies it by 10.
    completeness: { min: 0, max: 1 },
    total: { min: 0, max: 10, derivedFrom: { accuracy: 0.8, fluency: 0.1, prosody: 0.1 } },
  },
  word: {
    accuracy: { min: 0, max: 10 },
    stress: { min: 0, max: 10, values: [5, 10] },
    total: { min: 0, max: 10, derivedFrom: { accuracy: 0.8, stress: 0.2 } },
  },
  phone: { score: { min: 0, max: 2, values: [0, 1, 2] } },
  consensus: "median",
};

// In their own module so browser code can import them without zod.
export { checkScale, deriveTotal } from "./scale";

export function parseRubric(json: unknown): Rubric {
  return RubricSchema.parse(json);
}
