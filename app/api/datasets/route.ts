import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { listDatasets } from "@/lib/services/datasets";

export const GET = handle(async () => {
  await requireApiUser("datasets:read");
  return NextResponse.json({ datasets: await listDatasets(await getDb()) });
});
