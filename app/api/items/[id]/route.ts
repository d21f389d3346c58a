import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { getItemDetailOrThrow } from "@/lib/services/datasets";

type Ctx = { params: Promise<{ id: string }> };

// All raters' scores side by side: researchers and admins only.
export const GET = handle(async (_req: Request, ctx: Ctx) => {
  await requireApiUser("judgments:read-all");
  const { id } = await ctx.params;
  return NextResponse.json(await getItemDetailOrThrow(await getDb(), id));
});
