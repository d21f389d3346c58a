import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { appOrigin } from "@/lib/http/same-origin-path";
import { adminUpdateUser } from "@/lib/services/users";

type Ctx = { params: Promise<{ id: string }> };

// Changes an account (admins only): any of {"role", "name", "active", "password", "resetPassword": true}.
// A reset answers with a one-time link ({"invitation": {"url", "path", "expiresAt"}}), shown this once.
export const PATCH = handle(async (req: Request, ctx: Ctx) => {
  const actor = await requireApiUser("users:write");
  const { id } = await ctx.params;
  const body = await readJsonBody(req);
  const { user, invitation } = await adminUpdateUser(await getDb(), actor.id, id, body);
  return NextResponse.json({ user, invitation: invitation && { ...invitation, url: `${appOrigin()}${invitation.path}` } });
});
