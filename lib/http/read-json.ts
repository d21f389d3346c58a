// Reads a route's JSON body with a hard size limit that holds for chunked uploads too (a missing
// Content-Length must not let a client stream an unbounded body into memory), and refuses bodies
// that are not JSON. An empty body reads as null, so the route's schema says what is missing.
import { AppError } from "@/lib/errors";

/** JSON bodies of the API are small (a judgment is a few kB); anything larger is refused. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export async function readJsonBody(req: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  if (!req.body) return null;
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new AppError("PAYLOAD_TOO_LARGE", `request body is over the ${limit}-byte limit`);
    }
    chunks.push(value);
  }
  if (size === 0) return null;
  const type = req.headers.get("content-type") ?? "";
  if (!JSON_TYPE.test(type)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", `send the body as application/json (got ${type ? JSON.stringify(type.slice(0, 60)) : "no content type"})`);
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppError("INVALID_INPUT", `the body is not valid JSON: ${e instanceof Error ? e.message.slice(0, 200) : "parse error"}`, [{ field: "body", message: "not valid JSON" }]);
  }
}
