// Who is asking: the signed-in user, re-read from the database on every request so that a
// disabled account or a changed role takes effect at once, not when the token expires.
import { getServerSession } from "next-auth";
import { redirect, forbidden } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { authOptions } from "@/lib/auth/options";
import { AppError } from "@/lib/errors";
import { can, roleFromDb, type RoleName, type Scope } from "@/lib/auth/permissions";

export interface CurrentUser {
  id: string;
  email: string;
  name: string | null;
  role: RoleName;
}

export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const db = await getDb();
  // On every request: straight to the driver, only the columns needed.
  const [user] = await db.runner.query<{ id: string; email: string; name: string | null; role: "ADMIN" | "RESEARCHER" | "RATER"; disabled: boolean; canSignIn: boolean }>(
    `SELECT id, email, name, role::text AS role, disabled, "canSignIn" FROM "User" WHERE id = $1`,
    [id],
  );
  if (!user || user.disabled || !user.canSignIn) return null;
  return { id: user.id, email: user.email, name: user.name, role: roleFromDb(user.role) };
}

/** For pages: anonymous → sign-in page; signed in without the scope → the 403 page (status 403). */
export async function requirePageUser(scope?: Scope, callbackUrl = "/"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  if (scope && !can(user.role, scope)) forbidden();
  return user;
}

/** For route handlers and server actions: throws 401/403 as AppError. */
export async function requireApiUser(scope?: Scope): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "sign in first");
  if (scope && !can(user.role, scope)) throw new AppError("FORBIDDEN", `your role (${user.role}) may not do this (needs ${scope})`);
  return user;
}
