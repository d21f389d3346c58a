// Sign-in limits under concurrency, against the built app: requests are prepared first (CSRF token
// and cookie) and then fired together, as an attacker would. The per-address limit reserves an
// attempt before the password is checked, so no more passwords are checked than the limit allows;
// the account lock counts atomically in the database and applies to the account *from that address*
// (someone else's failures do not lock its owner out), with an account-wide ceiling far above it.
import { describe, it, expect, afterEach } from "vitest";
import { startApp, prepareSignIn, type RunningApp, type SignInResult } from "../helpers/server";
import { createUser } from "@/lib/services/users";
import { ACCOUNT_LOCKOUT_AFTER, LOCKOUT_AFTER } from "@/lib/auth/lockout";

const PW = "correct horse battery";
const PGLITE = { name: "pglite" as const, open: () => Promise.reject(new Error("unused")) };

/** Prepares n sign-ins (one CSRF round trip each), then sends them all at once. */
async function together(n: number, base: string, attempt: (i: number) => { email: string; password: string; headers?: Record<string, string> }): Promise<SignInResult[]> {
  const prepared = await Promise.all(Array.from({ length: n }, (_, i) => prepareSignIn(base, attempt(i).headers ?? {})));
  return Promise.all(prepared.map((send, i) => send(attempt(i).email, attempt(i).password)));
}

const statuses = (rs: SignInResult[]) => rs.reduce<Record<number, number>>((acc, r) => ((acc[r.response.status] = (acc[r.response.status] ?? 0) + 1), acc), {});
const from = (ip: string) => ({ "x-forwarded-for": ip });

// Hundreds of Argon2 verifications per test: generous time on a loaded machine.
describe("sign-in limits when the attempts arrive together", { timeout: 300_000 }, () => {
  let app: RunningApp | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  const start = (env: Record<string, string>) =>
    startApp(PGLITE, async (db) => {
      await createUser(db, { email: "owner@example.org", password: PW, role: "rater" });
    }, { env });

  it("checks no more passwords from one address than its limit when 50 arrive at once", async () => {
    app = await start({ ATTEST_LOGIN_MAX_FAILURES_PER_IP: "20", ATTEST_TRUSTED_PROXIES: "0" });
    const rs = await together(50, app.base, (i) => ({ email: `nobody${i}@example.org`, password: "wrong guess" }));
    // 20 were checked (and failed), the other 30 were refused before any password check.
    expect(statuses(rs)).toEqual({ 401: 20, 429: 30 });
    const later = await together(1, app.base, () => ({ email: "owner@example.org", password: PW }));
    expect(later[0].response.status).toBe(429);
  });

  it("locks an account for the address that sent 19 wrong passwords at once, not for its owner elsewhere", async () => {
    app = await start({ ATTEST_LOGIN_MAX_FAILURES_PER_IP: "1000", ATTEST_TRUSTED_PROXIES: "1" });
    const rs = await together(19, app.base, (i) => ({ email: "owner@example.org", password: `wrong ${i}`, headers: from("198.51.100.7") }));
    expect(rs.every((r) => r.response.status === 401 && !r.signedIn)).toBe(true);
    // The address that guessed is locked out of this account, even with the right password …
    const again = await together(1, app.base, () => ({ email: "owner@example.org", password: PW, headers: from("198.51.100.7") }));
    expect(again[0].signedIn).toBe(false);
    // … and the owner, from another address, still signs in.
    const owner = await together(1, app.base, () => ({ email: "owner@example.org", password: PW, headers: from("203.0.113.20") }));
    expect(owner[0].signedIn).toBe(true);
  });

  it("locks the account for everyone only past the account-wide ceiling, reached from many addresses", async () => {
    app = await start({ ATTEST_LOGIN_MAX_FAILURES_PER_IP: "1000", ATTEST_TRUSTED_PROXIES: "1" });
    const addresses = Math.ceil(ACCOUNT_LOCKOUT_AFTER / LOCKOUT_AFTER);
    // One failure short of the ceiling, spread over many addresses: the owner still signs in.
    const below = await together(ACCOUNT_LOCKOUT_AFTER - 1, app.base, (i) => ({ email: "owner@example.org", password: `wrong ${i}`, headers: from(`192.0.2.${1 + (i % addresses)}`) }));
    expect(below.every((r) => r.response.status === 401)).toBe(true);
    const owner = await together(1, app.base, () => ({ email: "owner@example.org", password: PW, headers: from("203.0.113.20") }));
    expect(owner[0].signedIn).toBe(true);
    // Signing in does not wipe the others' failures: the ceiling is reached with one more of them …
    await together(2, app.base, (i) => ({ email: "owner@example.org", password: `wrong again ${i}`, headers: from(`192.0.2.${100 + i}`) }));
    // … and then nobody signs in to the account, from anywhere, until the lock ends.
    const locked = await together(1, app.base, () => ({ email: "owner@example.org", password: PW, headers: from("203.0.113.21") }));
    expect(locked[0].signedIn).toBe(false);
  });
});
