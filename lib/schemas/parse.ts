import type { z } from "zod";
import { AppError } from "@/lib/errors";

/** Parses with a zod schema; a failure becomes INVALID_INPUT naming each failing field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => ({ field: i.path.join(".") || undefined, message: i.message }));
  throw new AppError("INVALID_INPUT", problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join("; "), problems);
}
