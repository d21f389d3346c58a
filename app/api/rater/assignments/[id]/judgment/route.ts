import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import type { SaveJudgmentInput } from "@/lib/schemas/rater";
import { assertOwnAssignment, getOwnJudgment, saveJudgment } from "@/lib/services/judgments";

type Ctx = { params: Promise<{ id: string }> };

export const GET = handle(async (_req: Request, ctx: Ctx) => {
  const user = await requireApiUser("judgments:write");
  const { id } = await ctx.params;
  return NextResponse.json({ judgment: await getOwnJudgment(await getDb(), user.id, id) });
});

// Saves a draft or a submission. A draft keeps every typed value (those outside the rubric in
// `judgment.unfit`, listed in `problems`); a submission must be complete and fit (else 422 with the
// problems at their field keys). The Idempotency-Key header (or body.idempotencyKey) makes retries
// safe; a stale baseRevision gets 409 with both versions, so nothing is overwritten silently.
export const PUT = handle(async (req: Request, ctx: Ctx) => {
  const user = await requireApiUser("judgments:write");
  const { id } = await ctx.params;
  // Ownership before validation: someone else's assignment is a 404 whatever the body.
  await assertOwnAssignment(await getDb(), user.id, id);
  const body = await readJsonBody(req);
  const key = req.headers.get("idempotency-key");
  const input = body && typeof body === "object" && key && !("idempotencyKey" in body) ? { ...body, idempotencyKey: key } : body;
  // saveJudgment validates its input against SaveJudgmentSchema first.
  const r = await saveJudgment(await getDb(), user.id, id, input as SaveJudgmentInput);
  if (!r.ok) return NextResponse.json({ error: { code: "CONFLICT", message: r.conflict.message, problems: [] }, conflict: r.conflict }, { status: 409 });
  // A draft is stored whatever it holds; `problems` lists its values that do not fit the rubric.
  return NextResponse.json({ judgment: r.judgment, replayed: r.replayed, problems: r.problems }, { status: 200 });
});
