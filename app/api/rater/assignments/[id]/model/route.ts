import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { getModelPanel } from "@/lib/services/model-panel";

type Ctx = { params: Promise<{ id: string }> };

// The round's model labels and rationale: withheld until the rater submits (blind first).
export const GET = handle(async (_req: Request, ctx: Ctx) => {
  const user = await requireApiUser("judgments:write");
  const { id } = await ctx.params;
  return NextResponse.json(await getModelPanel(await getDb(), user.id, id));
});
