import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { appOrigin } from "@/lib/http/same-origin-path";
import { adminCreateUser, listUsers } from "@/lib/services/users";

// The accounts that can sign in (admins only): {"users": [{"id", "email", "name", "role", "active", …}]}.
export const GET = handle(async () => {
  await requireApiUser("users:read");
  return NextResponse.json({ users: await listUsers(await getDb()) });
});

// Creates an account: {"email", "role", "name"?, "password"?}. Without a password the answer carries
// a one-time invitation link ({"invitation": {"url", "path", "expiresAt"}}), shown this once.
export const POST = handle(async (req: Request) => {
  const actor = await requireApiUser("users:write");
  const body = await readJsonBody(req);
  const { user, invitation } = await adminCreateUser(await getDb(), actor.id, body);
  return NextResponse.json({ user, invitation: invitation && { ...invitation, url: `${appOrigin()}${invitation.path}` } }, { status: 201 });
});
