import { NextResponse } from "next/server";
import { z } from "zod";
import { handle } from "@/lib/http/handle";
import { requireApiUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { FLAG_CODES } from "@/lib/audit";
import { getAuditReport } from "@/lib/services/audit-report";
import { getJudgeComparison } from "@/lib/services/audit-judge-report";
import { parseOrThrow } from "@/lib/schemas/parse";
import { ModelNameSchema } from "@/lib/schemas/infer";

export const dynamic = "force-dynamic";

// code filters by flag code; q searches (utterance id, words of the text, a flag's code or the word or
// phone it is about); page/pageSize page the list (limit is pageSize's older name).
const Query = z.object({
  code: z.enum(FLAG_CODES as unknown as [string, ...string[]]).optional(),
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  /** Which second judge to compare with the rules (default: the first that read these rationales). */
  judge: ModelNameSchema.optional(),
});

export const GET = handle(async (req: Request, ctx: { params: Promise<{ modelId: string; datasetId: string }> }) => {
  // Who asks first: strangers learn nothing, not even which flag codes exist.
  await requireApiUser("audits:read");
  const q = parseOrThrow(Query, Object.fromEntries(new URL(req.url).searchParams));
  const { modelId, datasetId } = await ctx.params;
  const db = await getDb();
  const report = await getAuditReport(db, modelId, datasetId, { code: q.code, q: q.q, page: q.page, pageSize: q.pageSize, limit: q.limit });
  // second_judge: the judges that read these rationales and, for the chosen one, its agreement with the rules and the disagreements.
  return NextResponse.json({ ...report, second_judge: await getJudgeComparison(db, modelId, datasetId, { judge: q.judge, limit: q.limit ?? 100 }) });
});
