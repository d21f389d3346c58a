import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { assertOwnAssignment } from "@/lib/services/judgments";
import { assertListLength, parseOrThrow } from "@/lib/schemas/parse";
import { AlignmentSpansSchema, MAX_ALIGNMENT_SPANS } from "@/lib/schemas/rater";
import { saveOwnAlignment } from "@/lib/services/rater-workspace";

type Ctx = { params: Promise<{ id: string }> };

// The rater's own dragged word/phone boundaries for an assigned item.
export const PUT = handle(async (req: Request, ctx: Ctx) => {
  const user = await requireApiUser("judgments:write");
  const { id } = await ctx.params;
  // Ownership before validation: someone else's assignment is a 404 whatever the body.
  await assertOwnAssignment(await getDb(), user.id, id);
  const body = await readJsonBody(req);
  // The schema's bound, checked by length before any span is parsed.
  assertListLength(body, "spans", MAX_ALIGNMENT_SPANS, `at most ${MAX_ALIGNMENT_SPANS} are accepted`);
  const { spans } = parseOrThrow(AlignmentSpansSchema, body);
  return NextResponse.json(await saveOwnAlignment(await getDb(), user.id, id, spans));
});
