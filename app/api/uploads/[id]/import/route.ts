import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { startUploadImport } from "@/lib/services/uploads";

type Ctx = { params: Promise<{ id: string }> };
const Body = z.object({ dataset: z.string().min(1).max(64) });

// Starts the import of an upload as a job ("import.audio"); GET /api/jobs/<job> shows its progress.
export const POST = handle(async (req: Request, ctx: Ctx) => {
  const user = await requireApiUser("datasets:write");
  const { id } = await ctx.params;
  const { dataset } = Body.parse(await readJsonBody(req));
  return NextResponse.json(await startUploadImport(await getDb(), user, id, dataset), { status: 202 });
});
