// Wraps a route handler: AppError → its status and message (with problems), anything else → 500
// with a generic message and the cause logged on the server, never sent to the client.
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { AppError } from "@/lib/errors";

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

export function handle<C>(fn: Handler<C>): Handler<C> {
  return async (req, ctx) => {
    try {
      return await fn(req, ctx);
    } catch (e) {
      return errorResponse(e);
    }
  };
}

export function errorResponse(e: unknown): Response {
  if (e instanceof AppError) {
    return NextResponse.json({ error: { code: e.code, message: e.message, problems: e.problems } }, { status: e.httpStatus });
  }
  if (e instanceof ZodError) {
    return NextResponse.json(
      { error: { code: "INVALID_INPUT", message: "invalid request", problems: e.issues.map((i) => ({ field: i.path.join("."), message: i.message })) } },
      { status: 422 },
    );
  }
  console.error("[attest] unhandled error in route handler:", e);
  return NextResponse.json({ error: { code: "INTERNAL", message: "internal error" } }, { status: 500 });
}
