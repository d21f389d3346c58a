// Who is asking: the user of the session the request's cookie names, looked up in the database on
// every request (lib/auth/sessions.ts) so that signing out, a changed role or a deactivated account
// ends the session at once, not when the cookie expires — or, for scripts, the user of a personal
// API token sent as `Authorization: Bearer <token>`. Every page, route handler and server action
// asks here, so every one of them accepts tokens and honours ended sessions.
import { cookies, headers } from "next/headers";
import { getToken } from "next-auth/jwt";
import { redirect, forbidden } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { authOptions } from "@/lib/auth/options";
import { authSecret } from "@/lib/auth/secret";
import { liveSessionUser } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import { can, type RoleName, type Scope } from "@/lib/auth/permissions";
import { bearerToken } from "@/lib/auth/tokens";
import { userForApiToken } from "@/lib/services/api-tokens";

export interface CurrentUser {
  id: string;
  email: string;
  name: string | null;
  role: RoleName;
  /** Set when the request came with an API token: the scopes that token was given. */
  tokenScopes?: readonly Scope[] | null;
}

const BAD_TOKEN = "the API token is not valid (unknown, revoked or expired, or its user is deactivated)";

/** The user, or null with the reason when a Bearer token was sent and is not valid. */
async function whoIsAsking(): Promise<{ user: CurrentUser | null; badToken: boolean }> {
  const authorization = (await headers()).get("authorization")?.trim();
  // A Bearer header decides alone: a bad token is refused even when a session cookie comes with it.
  if (authorization && /^bearer\b/i.test(authorization)) {
    const token = bearerToken(authorization);
    const user = token ? await userForApiToken(await getDb(), token) : null;
    return { user, badToken: !user };
  }
  return { user: await sessionUser(), badToken: false };
}

export async function getCurrentUser(): Promise<CurrentUser | null> {
  return (await whoIsAsking()).user;
}

async function sessionUser(): Promise<CurrentUser | null> {
  authOptions(); // sets NEXTAUTH_URL's default, which decides the cookie's name as it does for next-auth
  // The session cookie only (a Bearer header is handled above), decrypted and checked for expiry by next-auth.
  const token = await getToken({ req: { cookies: await cookies(), headers: {} } as never, secret: authSecret() });
  if (typeof token?.sid !== "string" || typeof token.uid !== "string") return null;
  return liveSessionUser(await getDb(), token.sid, token.uid);
}

/** For pages: anonymous → sign-in page; signed in without the scope → the 403 page (status 403). */
export async function requirePageUser(scope?: Scope, callbackUrl = "/"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  if (scope && !can(user, scope)) forbidden();
  return user;
}

/** For route handlers and server actions: throws 401/403 as AppError. */
export async function requireApiUser(scope?: Scope): Promise<CurrentUser> {
  const { user, badToken } = await whoIsAsking();
  if (!user) throw new AppError("UNAUTHENTICATED", badToken ? BAD_TOKEN : "sign in first");
  if (scope && !can(user, scope)) {
    if (user.tokenScopes && can(user.role, scope)) throw new AppError("FORBIDDEN", `this API token may not do this (needs scope ${scope})`);
    throw new AppError("FORBIDDEN", `your role (${user.role}) may not do this (needs ${scope})`);
  }
  return user;
}
