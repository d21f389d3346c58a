import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { getWorkspace } from "@/lib/services/rater-workspace";

type Ctx = { params: Promise<{ id: string }> };

// One of the rater's own assignments with their own judgment only (404 for anyone else's).
export const GET = handle(async (_req: Request, ctx: Ctx) => {
  const user = await requireApiUser("judgments:write");
  const { id } = await ctx.params;
  return NextResponse.json(await getWorkspace(await getDb(), user.id, id));
});
