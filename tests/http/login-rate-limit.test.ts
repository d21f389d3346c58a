// Sign-in rate limiting per client address against the built app (scripts/serve.mjs): failed
// sign-ins from one address across many accounts end in 429 with Retry-After before any password
// is checked, a client's own X-Forwarded-For cannot dodge it, and behind a trusted proxy the
// address the proxy saw is what counts. The limiter keeps no database state: PGlite only.
import { describe, it, expect, afterEach } from "vitest";
import { startApp, signIn, postSignIn, type RunningApp } from "../helpers/server";
import { createUser } from "@/lib/services/users";

const PW = "correct horse battery";
const PGLITE = { name: "pglite" as const, open: () => Promise.reject(new Error("unused")) };

/** One credentials sign-in with extra request headers; the raw response. */
const attempt = async (base: string, email: string, password: string, headers: Record<string, string> = {}) => (await postSignIn(base, email, password, headers)).response;
const hasSession = (r: Response) => r.headers.getSetCookie().some((c) => /session-token=[^;]/.test(c));

async function appWith(env: Record<string, string>): Promise<RunningApp> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await startApp(PGLITE, async (db) => {
      for (const n of [1, 2, 3, 4, 5]) await createUser(db, { email: `user${n}@example.org`, password: PW, role: "rater" });
    });
  } finally {
    for (const [k, v] of Object.entries(saved)) v === undefined ? delete process.env[k] : (process.env[k] = v);
  }
}

// Each test starts a server of its own: generous time on a loaded machine.
describe("sign-in rate limiting by client address", { timeout: 300_000 }, () => {
  let app: RunningApp | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it("refuses an address that failed across many accounts, whatever X-Forwarded-For it sends", async () => {
    app = await appWith({ ATTEST_LOGIN_MAX_FAILURES_PER_IP: "4", ATTEST_TRUSTED_PROXIES: "0" });
    // Below the limit a right password still signs in.
    const earlier = await signIn(app.base, "user5@example.org", PW);
    expect(earlier).toBeTruthy();
    for (const n of [1, 2, 3, 4]) {
      const r = await attempt(app.base, `user${n}@example.org`, "wrong guess", { "x-forwarded-for": `203.0.113.${n}` });
      expect(r.status).toBe(401);
    }
    const blocked = await attempt(app.base, "user5@example.org", PW, { "x-forwarded-for": "198.51.100.77" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(800);
    expect(hasSession(blocked)).toBe(false);
    const body = (await blocked.json()) as { url: string; error: { code: string; message: string } };
    expect(body.error.code).toBe("RATE_LIMITED");
    expect(new URL(body.url).searchParams.get("error")).toBe("RateLimited");
    // The page the sign-in form lands on says why.
    const page = await (await fetch(body.url)).text();
    expect(page).toContain("Too many failed sign-ins from your network");
    // A new sign-in stays refused even with the right password; a session from before still works.
    expect(await signIn(app.base, "user5@example.org", PW)).toBeNull();
    const session = (await (await fetch(`${app.base}/api/auth/session`, { headers: { cookie: earlier! } })).json()) as { user?: { email?: string } };
    expect(session.user?.email).toBe("user5@example.org");
  });

  it("behind a trusted proxy, limits the address the proxy saw, not the proxy", async () => {
    app = await appWith({ ATTEST_LOGIN_MAX_FAILURES_PER_IP: "3", ATTEST_TRUSTED_PROXIES: "1" });
    const from = (ip: string) => ({ "x-forwarded-for": `10.9.9.9, ${ip}` });
    for (let i = 0; i < 3; i++) expect((await attempt(app.base, "user1@example.org", "wrong guess", from("192.0.2.10"))).status).toBe(401);
    expect((await attempt(app.base, "user2@example.org", PW, from("192.0.2.10"))).status).toBe(429);
    // Another client behind the same proxy signs in; the spoofed first entry is not what counts.
    const ok = await attempt(app.base, "user2@example.org", PW, from("192.0.2.11"));
    expect(ok.status).toBe(200);
    expect(hasSession(ok)).toBe(true);
  });
});
