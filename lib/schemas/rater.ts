// Request schemas for rounds, judgments, rationale answers and A/B preferences, shared by the route
// handlers, the services, the CLI and the tests.
import { z } from "zod";

/** A score as the rater left it: a number, or text as typed (a draft keeps text that does not fit the rubric). */
const score = z.union([z.number().finite(), z.string().max(40)]).nullable().optional();

export const RoundFilterSchema = z
  .object({
    split: z.string().min(1).optional(),
    speakerIds: z.array(z.string().min(1)).optional(),
    ageMin: z.number().int().optional(),
    ageMax: z.number().int().optional(),
    itemIds: z.array(z.string().min(1)).optional(),
    /** Only items whose prediction's rationale audit is flagged. */
    auditFlagged: z.boolean().optional(),
    /** The n items with the widest model interval on the sentence total (needs modelVersionId). */
    widestIntervals: z.number().int().positive().optional(),
    limit: z.number().int().positive().optional(),
  })
  .strict();

export const RoundInstructionsSchema = z.string().trim().max(20_000, "instructions are limited to 20,000 characters");

export const RoundInstructionsBodySchema = z.object({ instructions: RoundInstructionsSchema }).strict();

export const CreateRoundSchema = z
  .object({
    datasetId: z.string().min(1),
    name: z.string().trim().min(1).max(120),
    kind: z.enum(["RATING", "AB"]).default("RATING"),
    k: z.number().int().min(1).max(50),
    raterIds: z.array(z.string().min(1)).min(1),
    seed: z.number().int().default(0),
    filter: RoundFilterSchema.default({}),
    goldRate: z.number().min(0).max(1).default(0),
    goldItemIds: z.array(z.string().min(1)).optional(),
    /** The model whose labels and rationale raters see; "after_submit" is blind-first (default). */
    modelVersionId: z.string().min(1).optional(),
    showModel: z.enum(["after_submit", "alongside", "never"]).default("after_submit"),
    /** Two model versions for A/B mode; without them the item's first two predictions are used. */
    abModelVersionIds: z.array(z.string().min(1)).length(2).optional(),
    /** Guidelines for the raters of this round (plain text, examples included), shown in the workspace. */
    instructions: RoundInstructionsSchema.optional(),
  })
  .strict();
export type CreateRoundInput = z.input<typeof CreateRoundSchema>;

/** What a round keeps in its `settings` Json. */
export const RoundSettingsSchema = z.object({
  k: z.number().int().default(1),
  raterIds: z.array(z.string()).default([]),
  filter: RoundFilterSchema.default({}),
  goldRate: z.number().default(0),
  modelVersionId: z.string().optional(),
  showModel: z.enum(["after_submit", "alongside", "never"]).default("after_submit"),
  abModelVersionIds: z.array(z.string()).optional(),
  instructions: z.string().optional(),
});
export type RoundSettings = z.infer<typeof RoundSettingsSchema>;

export const SaveJudgmentSchema = z
  .object({
    status: z.enum(["DRAFT", "SUBMITTED"]),
    /** The revision the client loaded (null: it saw no judgment); a mismatch is a conflict. */
    baseRevision: z.number().int().min(0).nullable(),
    idempotencyKey: z.string().min(8).max(200).optional(),
    sentence: z
      .object({ accuracy: score, fluency: score, prosody: score, completeness: score })
      .strict()
      .default({}),
    words: z
      .array(z.object({ wordId: z.string().min(1), accuracy: score, stress: score, inserted: z.array(z.string().min(1).max(8)).max(10).default([]) }).strict())
      .default([]),
    phones: z.array(z.object({ phoneId: z.string().min(1), score, pronounced: z.string().max(8).nullable().optional() }).strict()).default([]),
    comment: z.string().max(2000).nullable().optional(),
    durationMs: z.number().int().min(0).max(86_400_000).nullable().optional(),
  })
  .strict();
export type SaveJudgmentInput = z.input<typeof SaveJudgmentSchema>;
export type SaveJudgmentData = z.output<typeof SaveJudgmentSchema>;

export const SkipSchema = z.object({ reason: z.string().trim().min(3).max(500) }).strict();

export const MENTION_ANSWERS = ["correct", "incorrect", "cant_tell"] as const;
export const TRUST_ANSWERS = ["yes", "no", "unsure"] as const;
export const MentionAnswerSchema = z
  .object({ mentionKey: z.string().min(1).max(200), answer: z.enum([...MENTION_ANSWERS, ...TRUST_ANSWERS]) })
  .strict();

export const PreferenceSchema = z
  .object({ choice: z.enum(["A", "B", "tie"]), strength: z.number().int().min(1).max(3).default(2), reason: z.string().trim().max(1000).optional() })
  .strict();

/** Spans one alignment may hold (an item's words and phones; the service checks the item's own count). */
export const MAX_ALIGNMENT_SPANS = 2000;

export const AlignmentSpansSchema = z
  .object({
    spans: z
      .array(z.object({ wordId: z.string().nullable().optional(), phoneId: z.string().nullable().optional(), startSec: z.number().min(0), endSec: z.number().min(0) }).strict())
      .max(MAX_ALIGNMENT_SPANS),
  })
  .strict();
