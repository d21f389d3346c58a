// GET /api/agreement/:dataset/eval?model=… — the figures of `eval --json`.
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { parseOrThrow } from "@/lib/schemas/parse";
import { EvalQuery } from "@/lib/schemas/agreement";
import { evaluateModel } from "@/lib/services/agreement/evaluate-model";

type Ctx = { params: Promise<{ datasetId: string }> };

export const GET = handle(async (req: Request, ctx: Ctx) => {
  await requireApiUser("agreement:read");
  const { datasetId } = await ctx.params;
  const q = parseOrThrow(EvalQuery, Object.fromEntries(new URL(req.url).searchParams));
  return NextResponse.json(await evaluateModel(await getDb(), { dataset: datasetId, ...q }));
});
