import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { listExports, requestExport } from "@/lib/exports/export-jobs";

export const GET = handle(async () => {
  await requireApiUser("exports:read");
  return NextResponse.json({ exports: await listExports(await getDb()) });
});

// Starts an export job; progress at /api/jobs/<id>, the file at /api/exports/<id>/download.
export const POST = handle(async (req: Request) => {
  const user = await requireApiUser("exports:read");
  const body = await readJsonBody(req);
  return NextResponse.json(await requestExport(await getDb(), user, body), { status: 202 });
});
