import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, signIn, type RunningApp } from "../helpers/server";
import { createUser } from "@/lib/services/users";

const PW = "correct horse battery";

describe("CSRF defence and security headers", () => {
  let app: RunningApp;
  let cookie: string;
  beforeAll(async () => {
    app = await startApp(TEST_DATABASES[0], async (db) => {
      await createUser(db, { email: "res@example.org", password: PW, role: "researcher" });
    });
    cookie = (await signIn(app.base, "res@example.org", PW))!;
  });
  afterAll(async () => app?.stop());

  it("refuses a state-changing request from another origin", async () => {
    const cross = await fetch(`${app.base}/api/jobs/00000000-0000-0000-0000-000000000000/cancel`, {
      method: "POST",
      headers: { cookie, origin: "http://evil.example" },
    });
    expect(cross.status).toBe(403);
    expect((await cross.json()).error.message).toMatch(/cross-site/);
    const same = await fetch(`${app.base}/api/jobs/00000000-0000-0000-0000-000000000000/cancel`, {
      method: "POST",
      headers: { cookie, origin: app.base },
    });
    expect(same.status).toBe(404); // got past the origin check to the real answer
  });

  it("sends security headers and httpOnly session cookies", async () => {
    const r = await fetch(`${app.base}/login`);
    expect(r.headers.get("x-frame-options")).toBe("DENY");
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    expect(r.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    expect(r.headers.get("x-powered-by")).toBeNull();
    const csrf = await fetch(`${app.base}/api/auth/csrf`);
    const { csrfToken } = await csrf.json();
    const login = await fetch(`${app.base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") },
      body: new URLSearchParams({ csrfToken, email: "res@example.org", password: PW, json: "true" }),
    });
    const session = login.headers.getSetCookie().find((c) => c.includes("session-token"))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
  });

  it("never shows a stack trace or the secret to a client", async () => {
    const r = await fetch(`${app.base}/api/datasets/%00/items`, { headers: { cookie } });
    const text = await r.text();
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(text).not.toMatch(/secret/i);
  });
});
