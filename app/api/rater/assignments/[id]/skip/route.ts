import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { parseOrThrow } from "@/lib/schemas/parse";
import { SkipSchema } from "@/lib/schemas/rater";
import { assertOwnAssignment, skipAssignment } from "@/lib/services/judgments";

type Ctx = { params: Promise<{ id: string }> };

export const POST = handle(async (req: Request, ctx: Ctx) => {
  const user = await requireApiUser("judgments:write");
  const { id } = await ctx.params;
  // Ownership before validation: someone else's assignment is a 404 whatever the body.
  await assertOwnAssignment(await getDb(), user.id, id);
  const { reason } = parseOrThrow(SkipSchema, await readJsonBody(req));
  return NextResponse.json(await skipAssignment(await getDb(), user.id, id, reason));
});
