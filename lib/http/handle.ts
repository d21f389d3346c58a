// Wraps a route handler: AppError → its status and message (with problems), a lost database
// connection → 503 with Retry-After (the client retries), anything else → 500 with a generic
// message and the cause logged on the server, never sent to the client.
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { AppError, capProblems } from "@/lib/errors";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { MAX_BODY_BYTES } from "@/lib/http/read-json";
import { requestHost } from "@/lib/http/client-address";

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for state-changing requests: the browser's Origin (or, failing that, Referer) must be
 * this site. Session cookies are SameSite=Lax already; this also stops same-site subdomains and old
 * browsers. Requests with neither header (scripts, curl) carry no ambient browser credentials.
 */
export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const source = req.headers.get("origin") ?? req.headers.get("referer");
  if (!source) return;
  const host = requestHost(req.headers);
  let sourceHost: string;
  try {
    sourceHost = new URL(source).host;
  } catch {
    throw new AppError("FORBIDDEN", "cross-site request refused (unreadable Origin)");
  }
  if (!host || sourceHost !== host) throw new AppError("FORBIDDEN", "cross-site request refused");
}

/** A declared Content-Length over the limit is refused unread; chunked bodies are counted by readJsonBody. */
function assertBodySize(req: Request, max = MAX_BODY_BYTES): void {
  const len = Number(req.headers.get("content-length") ?? 0);
  if (len > max) throw new AppError("PAYLOAD_TOO_LARGE", `request body of ${len} bytes is over the ${max}-byte limit`);
}

/**
 * No id contains a NUL character and no stored text may (PostgreSQL refuses U+0000): a path with
 * one names nothing (404), a query with one is a bad request (400); neither reaches the database.
 */
function assertNoNul(req: Request): void {
  const url = new URL(req.url);
  if (/%00/.test(url.pathname)) throw new AppError("NOT_FOUND", "no such resource");
  for (const [k, v] of url.searchParams) {
    if (k.includes("\u0000") || v.includes("\u0000")) throw new AppError("BAD_REQUEST", `query parameter ${JSON.stringify(k.replace(/\u0000/g, "\\0"))} contains a NUL character`);
  }
}

/** `maxBodyBytes`: for routes that stream large bodies and enforce their own limits (uploads). */
export function handle<C>(fn: Handler<C>, opts: { maxBodyBytes?: number } = {}): Handler<C> {
  return async (req, ctx) => {
    try {
      assertNoNul(req);
      assertSameOrigin(req);
      assertBodySize(req, opts.maxBodyBytes);
      return await fn(req, ctx);
    } catch (e) {
      return errorResponse(e);
    }
  };
}

/** Seconds a client should wait before retrying when the database is unreachable. */
const DB_RETRY_AFTER_S = 2;

export function errorResponse(e: unknown): Response {
  if (e instanceof AppError) {
    return NextResponse.json({ error: { code: e.code, message: e.message, problems: capProblems(e.problems) } }, { status: e.httpStatus });
  }
  if (e instanceof ZodError) {
    return NextResponse.json(
      { error: { code: "INVALID_INPUT", message: "invalid request", problems: capProblems(e.issues.map((i) => ({ field: i.path.join("."), message: i.message }))) } },
      { status: 422 },
    );
  }
  if (isDatabaseUnavailable(e)) {
    // A restart or failover of the database: the same request works again once the pool has
    // reconnected, and is safe to repeat (saves carry a base revision or an idempotency key).
    // One line in the log, no internals to the client.
    console.warn(`[attest] database unavailable: ${e instanceof Error ? e.message.trim().split("\n").pop() : String(e)}`);
    return NextResponse.json(
      { error: { code: "DB_UNAVAILABLE", message: "the database is not reachable right now; try again shortly" } },
      { status: 503, headers: { "Retry-After": String(DB_RETRY_AFTER_S) } },
    );
  }
  console.error("[attest] unhandled error in route handler:", e);
  return NextResponse.json({ error: { code: "INTERNAL", message: "internal error" } }, { status: 500 });
}
