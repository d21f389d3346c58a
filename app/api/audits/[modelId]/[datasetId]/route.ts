import { NextResponse } from "next/server";
import { z } from "zod";
import { handle } from "@/lib/http/handle";
import { requireApiUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { FLAG_CODES } from "@/lib/audit";
import { getAuditReport } from "@/lib/services/audit-report";
import { parseOrThrow } from "@/lib/schemas/parse";

export const dynamic = "force-dynamic";

const Query = z.object({ code: z.enum(FLAG_CODES as unknown as [string, ...string[]]).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) });

export const GET = handle(async (req: Request, ctx: { params: Promise<{ modelId: string; datasetId: string }> }) => {
  // Who asks first: strangers learn nothing, not even which flag codes exist.
  await requireApiUser("audits:read");
  const q = parseOrThrow(Query, Object.fromEntries(new URL(req.url).searchParams));
  const { modelId, datasetId } = await ctx.params;
  return NextResponse.json(await getAuditReport(await getDb(), modelId, datasetId, q));
});
