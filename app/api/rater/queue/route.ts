import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { getRaterQueue } from "@/lib/services/rater-workspace";

// The signed-in rater's own queue, nothing else.
export const GET = handle(async () => {
  const user = await requireApiUser("judgments:write");
  return NextResponse.json(await getRaterQueue(await getDb(), user.id));
});
