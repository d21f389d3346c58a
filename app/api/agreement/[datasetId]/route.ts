// GET /api/agreement/:dataset — the figures of `agreement --dataset … --json` (name or id), computed
// on a worker thread and cached by the dataset's data version (x-attest-cache: hit | miss).
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { parseOrThrow } from "@/lib/schemas/parse";
import { AgreementQuery } from "@/lib/schemas/agreement";
import { CACHE_HEADER, servedAgreement } from "@/lib/services/agreement/served";

type Ctx = { params: Promise<{ datasetId: string }> };

export const GET = handle(async (req: Request, ctx: Ctx) => {
  await requireApiUser("agreement:read");
  const { datasetId } = await ctx.params;
  const q = parseOrThrow(AgreementQuery, Object.fromEntries(new URL(req.url).searchParams));
  const r = await servedAgreement(await getDb(), { dataset: datasetId, ...q });
  return NextResponse.json(r.value, { headers: { [CACHE_HEADER]: r.cache } });
});
