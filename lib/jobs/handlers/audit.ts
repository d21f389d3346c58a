// Job kind "audit": the rationale audit of a model version's predictions on a dataset, with an
// optional second judge. Re-running replaces the audit rows, so a job killed half-way simply runs again.
import { registerJobHandler } from "../registry";
import { auditModel } from "@/lib/services/audit";

registerJobHandler<{ dataset: string; model: string; split?: string; judge?: string }, Record<string, unknown>>("audit", async (ctx) => {
  const r = await auditModel(ctx.db, { ...ctx.params, onProgress: (d, t, stage) => ctx.progress(d, t, stage ?? "audit"), checkCancelled: () => ctx.checkCancelled() });
  // The flag and disagreement lists can be long; the job keeps the summary, the rows hold the rest.
  const { flags, mentions, judge, agreement, ...summary } = r as Record<string, unknown> & { flags?: unknown[]; mentions?: unknown[]; judge?: Record<string, unknown>; agreement?: Record<string, unknown> };
  const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);
  return {
    ...summary,
    flags: count(flags),
    mentions: count(mentions),
    ...(judge ? { judge: { ...judge, flags: count(judge.flags), mentions: count(judge.mentions), failures: count(judge.failures), warnings: count(judge.warnings) } } : {}),
    ...(agreement ? { agreement: { ...agreement, disagreements: count(agreement.disagreements) } } : {}),
  };
});
