// GET /api/agreement/:dataset — the figures of `agreement --dataset … --json` (name or id).
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { parseOrThrow } from "@/lib/schemas/parse";
import { AgreementQuery } from "@/lib/schemas/agreement";
import { datasetAgreement } from "@/lib/services/agreement/dataset-agreement";

type Ctx = { params: Promise<{ datasetId: string }> };

export const GET = handle(async (req: Request, ctx: Ctx) => {
  await requireApiUser("agreement:read");
  const { datasetId } = await ctx.params;
  const q = parseOrThrow(AgreementQuery, Object.fromEntries(new URL(req.url).searchParams));
  return NextResponse.json(await datasetAgreement(await getDb(), { dataset: datasetId, ...q }));
});
