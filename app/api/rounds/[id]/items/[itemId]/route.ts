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

// Saves the adjudicated consensus (a Judgment of kind ADJUDICATED). The body's baseRevision is the
// adjudication it was made on (null: none); another one saved meanwhile gets 409 with theirs.
export const POST = handle(async (req: Request, ctx: Ctx) => {
  const user = await requireApiUser("rounds:write");
  const { id, itemId } = await ctx.params;
  const r = await adjudicate(await getDb(), user.id, id, itemId, await readJsonBody(req));
  if (!r.ok) return NextResponse.json({ error: { code: "CONFLICT", message: r.conflict.message, problems: [] }, conflict: r.conflict }, { status: 409 });
  return NextResponse.json({ id: r.id, revision: r.revision });
});
