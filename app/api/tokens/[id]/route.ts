import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { revokeApiToken } from "@/lib/services/api-tokens";

type Ctx = { params: Promise<{ id: string }> };

// Revokes one of your tokens (admins: anyone's). It stops working at once.
export const DELETE = handle(async (_req: Request, ctx: Ctx) => {
  const user = await requireApiUser();
  const { id } = await ctx.params;
  return NextResponse.json({ token: await revokeApiToken(await getDb(), user, id) });
});
