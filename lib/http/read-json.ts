// Reads a route's JSON body with a hard size limit that holds for chunked uploads too (a missing
// Content-Length must not let a client stream an unbounded body into memory), and refuses bodies
// that are not JSON. An empty body reads as null, so the route's schema says what is missing.
// A client that hangs up mid-body is a client abort (one log line), not a server or database fault.
// Text the database cannot store is refused here, for every route: a NUL character (U+0000) and a
// lone surrogate (not encodable as UTF-8).
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
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      console.info(`[attest] client closed the connection before the whole request body arrived (${req.method} ${new URL(req.url).pathname})`);
      throw new AppError("CLIENT_ABORTED", "the connection closed before the whole request body arrived");
    }
    const { done, value } = chunk;
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
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new AppError("INVALID_INPUT", `the body is not valid JSON: ${e instanceof Error ? e.message.slice(0, 200) : "parse error"}`, [{ field: "body", message: "not valid JSON" }]);
  }
  assertStorableText(value);
  return value;
}

/** Where a value sits in the body: its key and its parent's place (the path is built only when needed). */
interface Place {
  key: string;
  parent: Place | null;
}
const pathOf = (p: Place | null): string => {
  const keys: string[] = [];
  for (let q = p; q; q = q.parent) keys.push(q.key);
  return keys.reverse().join(".") || "body";
};

/**
 * Visits every string (values and keys) of a parsed body with its place ("phones.0.pronounced", as
 * zod names fields). A loop with its own stack: a 2 MB body can nest a million levels deep.
 */
function visitStrings(value: unknown, visit: (s: string, place: Place | null) => void): void {
  const stack: [unknown, Place | null][] = [[value, null]];
  while (stack.length) {
    const [v, place] = stack.pop()!;
    if (typeof v === "string") visit(v, place);
    else if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], { key: String(i), parent: place }]);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        const at = { key: k, parent: place };
        visit(k, at);
        stack.push([x, at]);
      }
    }
  }
}

/**
 * PostgreSQL text and JSON cannot hold U+0000, and text is stored as UTF-8, which has no place for a
 * lone surrogate (a "\ud800" escape without its pair: it would be stored as U+FFFD while the
 * answer echoed what was sent). Either is refused with the field named, instead of failing the write
 * or storing something else than was acknowledged.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function assertStorableText(value: unknown): void {
  visitStrings(value, (s, place) => {
    if (s.includes("\u0000")) {
      const field = pathOf(place);
      throw new AppError("INVALID_INPUT", `${field} contains a NUL character (U+0000), which cannot be stored`, [{ field, message: "contains a NUL character" }]);
    }
    if (LONE_SURROGATE.test(s)) {
      const field = pathOf(place);
      throw new AppError("INVALID_INPUT", `${field} contains a lone surrogate (half of a UTF-16 pair), which is not text and cannot be stored`, [{ field, message: "contains a lone surrogate" }]);
    }
  });
}
