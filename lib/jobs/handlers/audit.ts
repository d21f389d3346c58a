// Job kind "audit": the rationale audit of a model version's predictions on a dataset. Re-running
// replaces the audit rows, so a job killed half-way simply runs again.
import { registerJobHandler } from "../registry";
import { auditModel } from "@/lib/services/audit";

registerJobHandler<{ dataset: string; model: string; split?: string }, Record<string, unknown>>("audit", async (ctx) => {
  const r = await auditModel(ctx.db, { ...ctx.params, onProgress: (d, t) => void ctx.progress(d, t, "audit") });
  // The flag list can be long; the job keeps the summary, the rows hold the flags.
  const { flags, ...summary } = r as Record<string, unknown> & { flags?: unknown[] };
  return { ...summary, flags: Array.isArray(flags) ? flags.length : 0 };
});
