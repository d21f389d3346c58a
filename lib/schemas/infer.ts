import { z } from "zod";

export const StartInferenceSchema = z.object({
  dataset: z.string().min(1).max(64),
  model: z.string().min(1).max(100),
  split: z.enum(["train", "test"]).optional(),
  limit: z.number().int().positive().max(1_000_000).optional(),
});

export const StartAuditSchema = z.object({
  dataset: z.string().min(1).max(64),
  model: z.string().min(1).max(100),
  split: z.enum(["train", "test"]).optional(),
  /** A second judge (an HTTP chat model version); "rules" or absent: the rules only. */
  judge: z.string().min(1).max(100).optional(),
});
