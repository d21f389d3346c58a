import type { z } from "zod";
import { AppError } from "@/lib/errors";

/** How many problems the one-line message spells out; the rest are counted. */
const IN_MESSAGE = 5;

/** Parses with a zod schema; a failure becomes INVALID_INPUT naming each failing field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => ({ field: i.path.join(".") || undefined, message: i.message }));
  const shown = problems.slice(0, IN_MESSAGE).map((p) => (p.field ? `${p.field}: ${p.message}` : p.message));
  if (problems.length > IN_MESSAGE) shown.push(`… and ${(problems.length - IN_MESSAGE).toLocaleString("en-US")} more`);
  throw new AppError("INVALID_INPUT", shown.join("; "), problems);
}

/**
 * Refuses a list longer than `max` by its length alone, before any element is parsed or looked at
 * (a 2 MB body holds 100,000 small objects). `what` says what the limit is ("this item has 6").
 */
export function assertListLength(body: unknown, field: string, max: number, what: string): void {
  const list = body && typeof body === "object" ? (body as Record<string, unknown>)[field] : undefined;
  if (!Array.isArray(list) || list.length <= max) return;
  const message = `${list.length.toLocaleString("en-US")} ${field} given; ${what}`;
  throw new AppError("INVALID_INPUT", message, [{ field, message }]);
}
