// Job kind "rationale-variant": a model's stored predictions with the rationale written again in
// another style, stored as a second model version (resumable, no duplicates). The demo queues one
// after the built-in model's inference so that raters get an A/B choice out of the box.
import { registerJobHandler } from "../registry";
import { writeRationaleVariant, type VariantParams } from "@/lib/services/rationale-variant";

registerJobHandler<VariantParams, Record<string, unknown>>("rationale-variant", async (ctx) => {
  return writeRationaleVariant(ctx.db, ctx.params, async (d, t) => {
    await ctx.checkCancelled();
    await ctx.progress(d, t, `rationale variant ${ctx.params.to}`);
  });
});
