import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { getRoundOverview } from "@/lib/services/round-review";

type Ctx = { params: Promise<{ id: string }> };

// A round's items and per-rater statistics (researchers only).
export const GET = handle(async (_req: Request, ctx: Ctx) => {
  await requireApiUser("judgments:read-all");
  const { id } = await ctx.params;
  return NextResponse.json(await getRoundOverview(await getDb(), id));
});
