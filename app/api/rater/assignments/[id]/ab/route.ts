import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { assertOwnAssignment } from "@/lib/services/judgments";
import { getAbChoice, savePreference } from "@/lib/services/model-panel";

type Ctx = { params: Promise<{ id: string }> };

export const GET = handle(async (_req: Request, ctx: Ctx) => {
  const user = await requireApiUser("judgments:write");
  const { id } = await ctx.params;
  return NextResponse.json(await getAbChoice(await getDb(), user.id, id));
});

// Stores the A / B / tie choice as a Preference (source rater_preference).
export const POST = handle(async (req: Request, ctx: Ctx) => {
  const user = await requireApiUser("judgments:write");
  const { id } = await ctx.params;
  // Ownership before validation: someone else's assignment is a 404 whatever the body.
  await assertOwnAssignment(await getDb(), user.id, id);
  return NextResponse.json(await savePreference(await getDb(), user.id, id, await readJsonBody(req)));
});
