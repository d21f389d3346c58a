import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { requestCancel } from "@/lib/jobs/jobs";

type Ctx = { params: Promise<{ id: string }> };

export const POST = handle(async (_req: Request, ctx: Ctx) => {
  const user = await requireApiUser();
  const { id } = await ctx.params;
  const j = await requestCancel(await getDb(), user, id);
  return NextResponse.json({ id: j.id, status: j.status, cancelRequested: j.cancelRequested });
});
