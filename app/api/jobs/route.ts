import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { listJobRows } from "@/lib/jobs/job-list";

// Every job kind, newest first (?kind=audit&kind=export. filters: a kind, or a prefix ending in "."),
// ?take= up to 200 (default 50). Researchers and admins.
export const GET = handle(async (req: Request) => {
  await requireApiUser("jobs:write");
  const sp = new URL(req.url).searchParams;
  const take = Number(sp.get("take") ?? 50);
  return NextResponse.json({ jobs: await listJobRows(await getDb(), { kinds: sp.getAll("kind"), take: Number.isInteger(take) && take > 0 ? take : 50 }) });
});
