import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { parseOrThrow } from "@/lib/schemas/parse";
import { addRatersToRound } from "@/lib/services/round-lifecycle";

type Ctx = { params: Promise<{ id: string }> };

const Body = z.object({ raterIds: z.array(z.string().min(1)).min(1).max(200) }).strict();

// Adds raters to a running round (body {"raterIds": [...]}); answers how many assignments each got.
export const POST = handle(async (req: Request, ctx: Ctx) => {
  const user = await requireApiUser("rounds:write");
  const { id } = await ctx.params;
  const { raterIds } = parseOrThrow(Body, await readJsonBody(req));
  return NextResponse.json(await addRatersToRound(await getDb(), id, raterIds, user.id));
});
