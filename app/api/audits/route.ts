import { NextResponse } from "next/server";
import { handle } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { requireApiUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listAudits } from "@/lib/services/audit-report";
import { parseOrThrow } from "@/lib/schemas/parse";
import { StartAuditSchema } from "@/lib/schemas/infer";
import { startAuditJob } from "@/lib/services/inference-jobs";

export const dynamic = "force-dynamic";

export const GET = handle(async () => {
  await requireApiUser("audits:read");
  return NextResponse.json({ audits: await listAudits(await getDb()) });
});

// Queues an audit of a model's predictions on a dataset; progress at GET /api/jobs/<id>.
export const POST = handle(async (req: Request) => {
  const user = await requireApiUser("jobs:write");
  const input = parseOrThrow(StartAuditSchema, await readJsonBody(req));
  const job = await startAuditJob(await getDb(), user, input);
  return NextResponse.json({ job: { id: job.id, status: job.status } }, { status: 202 });
});
