// Job kind "infer": batch inference of a model version over a dataset (resumable, no duplicates).
import { registerJobHandler } from "../registry";
import { runInference, type InferParams } from "@/lib/inference/run-inference";

registerJobHandler<InferParams, Record<string, unknown>>("infer", async (ctx) => {
  return runInference(ctx.db, ctx.params, { progress: (d, t, m) => ctx.progress(d, t, m), checkCancelled: () => ctx.checkCancelled(), jobId: ctx.jobId });
});
