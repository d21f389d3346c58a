import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { parseOrThrow } from "@/lib/schemas/parse";
import { StartInferenceSchema } from "@/lib/schemas/infer";
import { startInferenceJob } from "@/lib/services/inference-jobs";

// Queues batch inference; progress at GET /api/jobs/<id>.
export const POST = handle(async (req: Request) => {
  const user = await requireApiUser("models:write");
  const input = parseOrThrow(StartInferenceSchema, await readJsonBody(req));
  const job = await startInferenceJob(await getDb(), user, input);
  return NextResponse.json({ job: { id: job.id, status: job.status } }, { status: 202 });
});
