import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { parseOrThrow } from "@/lib/schemas/parse";
import { SkipSchema } from "@/lib/schemas/rater";
import { skipAssignment } from "@/lib/services/judgments";

type Ctx = { params: Promise<{ id: string }> };

export const POST = handle(async (req: Request, ctx: Ctx) => {
  const user = await requireApiUser("judgments:write");
  const { id } = await ctx.params;
  const { reason } = parseOrThrow(SkipSchema, await req.json().catch(() => null));
  return NextResponse.json(await skipAssignment(await getDb(), user.id, id, reason));
});
