import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { saveUploadFile } from "@/lib/services/uploads";

type Ctx = { params: Promise<{ id: string; name: string }> };

// One file of an upload, the raw request body streamed to disk (a .zip is unpacked). Limits:
// ATTEST_UPLOAD_MAX_FILE_MB, ATTEST_UPLOAD_MAX_TOTAL_MB, ATTEST_UPLOAD_MAX_FILES (413 past them).
export const PUT = handle(
  async (req: Request, ctx: Ctx) => {
    const user = await requireApiUser("datasets:write");
    const { id, name } = await ctx.params;
    return NextResponse.json(await saveUploadFile(user, id, decodeURIComponent(name), req.body));
  },
  { maxBodyBytes: Number.MAX_SAFE_INTEGER },
);

export const dynamic = "force-dynamic";
