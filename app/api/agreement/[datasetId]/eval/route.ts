// GET /api/agreement/:dataset/eval?model=… — the figures of `eval --json` (worker thread, cached: x-attest-cache).
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { parseOrThrow } from "@/lib/schemas/parse";
import { EvalQuery } from "@/lib/schemas/agreement";
import { CACHE_HEADER, servedEval } from "@/lib/services/agreement/served";

type Ctx = { params: Promise<{ datasetId: string }> };

export const GET = handle(async (req: Request, ctx: Ctx) => {
  await requireApiUser("agreement:read");
  const { datasetId } = await ctx.params;
  const q = parseOrThrow(EvalQuery, Object.fromEntries(new URL(req.url).searchParams));
  const r = await servedEval(await getDb(), { dataset: datasetId, ...q });
  return NextResponse.json(r.value, { headers: { [CACHE_HEADER]: r.cache } });
});
