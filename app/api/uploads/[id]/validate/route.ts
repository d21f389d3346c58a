import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { validateUpload } from "@/lib/services/uploads";

type Ctx = { params: Promise<{ id: string }> };
const Body = z.object({ dataset: z.string().min(1).max(64) });

// The validation report of an upload: what `import audio` would import, or its problems. Nothing is written.
export const POST = handle(async (req: Request, ctx: Ctx) => {
  const user = await requireApiUser("datasets:write");
  const { id } = await ctx.params;
  const { dataset } = Body.parse(await readJsonBody(req));
  return NextResponse.json({ report: await validateUpload(await getDb(), user, id, dataset) });
});
