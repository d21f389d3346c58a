import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { getExportDownloadOrThrow } from "@/lib/exports/export-jobs";
import { tarFolder } from "@/lib/exports/tar-stream";

type Ctx = { params: Promise<{ id: string }> };

// Streamed: a file as it is, a folder as a tar archive built on the fly.
export const GET = handle(async (_req: Request, ctx: Ctx) => {
  const user = await requireApiUser("exports:read");
  const { id } = await ctx.params;
  const d = await getExportDownloadOrThrow(await getDb(), user, id);
  const safe = d.name.replace(/[^A-Za-z0-9._-]/g, "_");
  if (d.isDir) {
    const body = Readable.toWeb(tarFolder(d.path, safe)) as unknown as ReadableStream;
    return new Response(body, { headers: { "Content-Type": "application/x-tar", "Content-Disposition": `attachment; filename="${safe}.tar"`, "Cache-Control": "private, no-store" } });
  }
  const body = Readable.toWeb(createReadStream(d.path)) as unknown as ReadableStream;
  const type = safe.endsWith(".csv") ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
  return new Response(body, { headers: { "Content-Type": type, "Content-Length": String(d.size), "Content-Disposition": `attachment; filename="${safe}"`, "Cache-Control": "private, no-store" } });
});
