import { NextResponse } from "next/server";
import { handle } from "@/lib/http/handle";
import { requireApiUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listAudits } from "@/lib/services/audit-report";

export const dynamic = "force-dynamic";

export const GET = handle(async () => {
  await requireApiUser("audits:read");
  return NextResponse.json({ audits: await listAudits(await getDb()) });
});
