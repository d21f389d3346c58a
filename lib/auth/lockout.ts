// The account lock. Wrong passwords are counted per account *and* client address: 10 from one
// address lock the account for that address for 15 minutes, so nobody can lock a rater out of their
// own account from somewhere else. Across all addresses a ceiling of 50 locks the account for
// everyone for 15 minutes: it bounds how many guesses a distributed attacker gets (at most 50 per
// 15 minutes per account), and reaching it takes at least 5 addresses (10 each; each address may
// fail 20 times in all, lib/auth/login-limit.ts). IPv6 clients count per /64 (lib/http/client-address.ts).
// Each attempt takes its place in the counts (one atomic statement) *before* its password is
// checked, so attempts that arrive together cannot overrun a limit; a right password gives its
// place back.
import type { Db } from "@/lib/db/client";

/** Wrong passwords for one account from one address before that address is locked out of it. */
export const LOCKOUT_AFTER = 10;
/** Wrong passwords for one account from all addresses before everyone is locked out of it. */
export const ACCOUNT_LOCKOUT_AFTER = 50;
export const LOCKOUT_MINUTES = 15;
/** The address of the account-wide count. */
const ANY = "*";

/**
 * Counts this attempt on the account, from this address and in all, and says whether its password
 * may be checked (false: locked, or the limit is taken by attempts still being checked).
 */
export async function reserveAttempt(db: Db, userId: string, address: string): Promise<boolean> {
  const rows = await db.runner.query<{ address: string; failures: number; locked: boolean }>(
    `INSERT INTO "SignInFailure" AS f ("userId", "address", "failures", "lastFailureAt")
     VALUES ($1, $2, 1, now()), ($1, '${ANY}', 1, now())
     ON CONFLICT ("userId", "address") DO UPDATE SET
       "failures" = CASE
         WHEN f."lockedUntil" <= now() THEN 1
         WHEN f."lockedUntil" IS NULL AND f."lastFailureAt" <= now() - make_interval(mins => $3) THEN 1
         ELSE f."failures" + 1 END,
       "lockedUntil" = CASE WHEN f."lockedUntil" <= now() THEN NULL ELSE f."lockedUntil" END,
       "lastFailureAt" = now()
     RETURNING "address", "failures", COALESCE("lockedUntil" > now(), false) AS "locked"`,
    [userId, address, LOCKOUT_MINUTES],
  );
  return rows.every((r) => !r.locked && r.failures <= (r.address === ANY ? ACCOUNT_LOCKOUT_AFTER : LOCKOUT_AFTER));
}

/**
 * After a wrong password, and after a refused attempt (so that both cost the same statements): locks
 * where the counts reached their limits. One row per statement, the address's first, in the same
 * order as reserveAttempt, so concurrent statements on PostgreSQL cannot deadlock.
 */
export async function attemptFailed(db: Db, userId: string, address: string): Promise<void> {
  for (const [key, limit] of [[address, LOCKOUT_AFTER], [ANY, ACCOUNT_LOCKOUT_AFTER]] as const) {
    await db.runner.query(
      `UPDATE "SignInFailure" SET "lockedUntil" = now() + make_interval(mins => $3)
       WHERE "userId" = $1 AND "address" = $2 AND "failures" >= $4 AND ("lockedUntil" IS NULL OR "lockedUntil" <= now())`,
      [userId, key, LOCKOUT_MINUTES, limit],
    );
  }
}

/** After the right password: this address starts afresh; the account-wide count gets this attempt's place back. */
export async function attemptSucceeded(db: Db, userId: string, address: string): Promise<void> {
  await db.runner.query(`DELETE FROM "SignInFailure" WHERE "userId" = $1 AND "address" = $2`, [userId, address]);
  await db.runner.query(
    `UPDATE "SignInFailure" SET "failures" = GREATEST("failures" - 1, 0) WHERE "userId" = $1 AND "address" = '${ANY}' AND "lockedUntil" IS NULL`,
    [userId],
  );
}
