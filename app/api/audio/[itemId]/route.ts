import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { getAudioFileForUserOrThrow, parseRange, readRange } from "@/lib/services/audio";

type Ctx = { params: Promise<{ itemId: string }> };

export const GET = handle(async (req: Request, ctx: Ctx) => {
  const user = await requireApiUser();
  const { itemId } = await ctx.params;
  const audio = await getAudioFileForUserOrThrow(await getDb(), user, itemId);
  const common = {
    "Content-Type": audio.contentType,
    "Accept-Ranges": "bytes",
    // Private: the response depends on who asks. Content-addressed, so it never changes.
    "Cache-Control": "private, max-age=86400, immutable",
    ETag: audio.etag,
  };
  if (req.headers.get("if-none-match") === audio.etag) return new Response(null, { status: 304, headers: common });
  const range = parseRange(req.headers.get("range"), audio.size);
  if (range === "invalid") {
    return new Response(null, { status: 416, headers: { ...common, "Content-Range": `bytes */${audio.size}` } });
  }
  if (range) {
    const body = await readRange(audio.file, range);
    return new Response(body as unknown as BodyInit, {
      status: 206,
      headers: { ...common, "Content-Length": String(body.byteLength), "Content-Range": `bytes ${range.start}-${range.end}/${audio.size}` },
    });
  }
  const stream = Readable.toWeb(createReadStream(audio.file)) as unknown as ReadableStream;
  return new Response(stream, { status: 200, headers: { ...common, "Content-Length": String(audio.size) } });
});
