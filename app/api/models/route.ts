import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { listModelVersions } from "@/lib/inference/model-versions";

export const GET = handle(async () => {
  await requireApiUser("models:write");
  return NextResponse.json({ models: await listModelVersions(await getDb()) });
});
