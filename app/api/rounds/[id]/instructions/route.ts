import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { setRoundInstructions } from "@/lib/services/round-instructions";

type Ctx = { params: Promise<{ id: string }> };

// Replaces the round's instructions for raters (body {"instructions": "…"}; "" removes them).
export const PUT = handle(async (req: Request, ctx: Ctx) => {
  const user = await requireApiUser("rounds:write");
  const { id } = await ctx.params;
  return NextResponse.json(await setRoundInstructions(await getDb(), id, await readJsonBody(req), user.id));
});
