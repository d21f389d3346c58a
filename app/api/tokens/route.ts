import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { AppError } from "@/lib/errors";
import { createApiToken, listApiTokens } from "@/lib/services/api-tokens";

// The signed-in user's own API tokens (never the tokens themselves: only their first characters).
export const GET = handle(async () => {
  const user = await requireApiUser();
  return NextResponse.json({ tokens: await listApiTokens(await getDb(), user.id) });
});

// Creates a token: {"name", "scopes": [...], "expiresInDays"?}. The answer's "token" is the only
// time it is shown. Only a signed-in person may create one: a token cannot make another.
export const POST = handle(async (req: Request) => {
  const user = await requireApiUser();
  if (user.tokenScopes) throw new AppError("FORBIDDEN", "an API token cannot create tokens; sign in to the web app to create one");
  const body = await readJsonBody(req);
  return NextResponse.json(await createApiToken(await getDb(), user, body), { status: 201 });
});
