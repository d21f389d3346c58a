import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { adjudicate, getItemReview } from "@/lib/services/round-review";

type Ctx = { params: Promise<{ id: string; itemId: string }> };

// All raters' judgments of the item side by side, disagreements marked (researchers only).
export const GET = handle(async (_req: Request, ctx: Ctx) => {
  await requireApiUser("judgments:read-all");
  const { id, itemId } = await ctx.params;
  return NextResponse.json(await getItemReview(await getDb(), id, itemId));
});

// Saves the adjudicated consensus (a Judgment of kind ADJUDICATED).
export const POST = handle(async (req: Request, ctx: Ctx) => {
  const user = await requireApiUser("rounds:write");
  const { id, itemId } = await ctx.params;
  return NextResponse.json(await adjudicate(await getDb(), user.id, id, itemId, await readJsonBody(req)));
});
