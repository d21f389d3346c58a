// Server-side sessions. The session cookie (a next-auth JWT, encrypted and signed) carries the id of
// a UserSession row; a request is signed in only while that row exists, has not expired, and its
// user may sign in. Signing out deletes the row, so a copy of the cookie stops working at once;
// a role change, deactivation or new password deletes all of the user's rows (lib/services/users.ts).
// A session lasts ATTEST_SESSION_HOURS from sign-in, however often its cookie is renewed.
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { roleFromDb, type RoleName } from "@/lib/auth/permissions";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: RoleName;
}

/** Opens a session for a user who has just proved who they are; returns its id (for the JWT). */
export async function openSession(db: Db, userId: string, maxAgeSeconds: number): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  // Expired rows go as new ones come: one indexed delete per sign-in keeps the table small.
  await db.runner.query(`DELETE FROM "UserSession" WHERE "expiresAt" < now()`);
  await db.runner.query(`INSERT INTO "UserSession" (id, "userId", "expiresAt") VALUES ($1, $2, now() + make_interval(secs => $3::int))`, [id, userId, Math.round(maxAgeSeconds)]);
  return id;
}

/**
 * The user of a live session (one statement, on every request): null when the session was ended or
 * has expired, or the account was deactivated or may not sign in.
 */
export async function liveSessionUser(db: Db, sessionId: string, userId: string): Promise<SessionUser | null> {
  const [u] = await db.runner.query<{ id: string; email: string; name: string | null; role: "ADMIN" | "RESEARCHER" | "RATER" }>(
    `SELECT u.id, u.email, u.name, u.role::text AS role
       FROM "UserSession" s JOIN "User" u ON u.id = s."userId"
      WHERE s.id = $1 AND s."userId" = $2 AND s."expiresAt" > now() AND NOT u.disabled AND u."canSignIn"`,
    [sessionId, userId],
  );
  return u ? { id: u.id, email: u.email, name: u.name, role: roleFromDb(u.role) } : null;
}

/** Ends one session (sign-out). */
export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.runner.query(`DELETE FROM "UserSession" WHERE id = $1`, [sessionId]);
}
