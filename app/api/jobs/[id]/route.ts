import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { getJobForUserOrThrow } from "@/lib/jobs/jobs";

type Ctx = { params: Promise<{ id: string }> };

// Progress of a job: its owner, or anyone who may manage jobs.
export const GET = handle(async (_req: Request, ctx: Ctx) => {
  const user = await requireApiUser();
  const { id } = await ctx.params;
  const j = await getJobForUserOrThrow(await getDb(), user, id);
  return NextResponse.json({
    id: j.id, kind: j.kind, status: j.status, done: j.done, total: j.total, message: j.message,
    result: j.result, error: j.error, createdAt: j.createdAt, startedAt: j.startedAt, finishedAt: j.finishedAt,
  });
});
