import { z } from "zod";

/**
 * How a web request names a model version: by its name only. Files (bundles, ONNX models, response
 * files) are registered with the CLI; a path here names nothing, and the message does not repeat it.
 */
export const MODEL_NAME = /^[A-Za-z0-9_.-]+$/;
export const MODEL_NAME_MESSAGE = "must be the name of a registered model version (letters, digits, '_', '.', '-'); files are registered with the CLI, not named in a request";
export const ModelNameSchema = z.string().min(1).max(100).regex(MODEL_NAME, MODEL_NAME_MESSAGE);

export const StartInferenceSchema = z.object({
  dataset: z.string().min(1).max(64),
  model: ModelNameSchema,
  split: z.enum(["train", "test"]).optional(),
  limit: z.number().int().positive().max(1_000_000).optional(),
});

export const StartAuditSchema = z.object({
  dataset: z.string().min(1).max(64),
  model: ModelNameSchema,
  split: z.enum(["train", "test"]).optional(),
  /** A second judge (an HTTP chat model version); "rules" or absent: the rules only. */
  judge: ModelNameSchema.optional(),
});
