// Sessions end on the server: a copy of a session cookie stops working the moment its session is
// signed out, and every session of an account ends when an admin changes its role, deactivates it
// or gives it a new password (pages redirect to sign-in, routes and server actions answer 401).
// Other sessions of the same account survive a sign-out. (Who may change accounts, and what an
// admin may not do to their own: tests/http/users-tokens.test.ts.)
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, signIn, type RunningApp } from "../helpers/server";
import { createUser } from "@/lib/services/users";
import { discoverServerActions, serverActionIds } from "../security/route-list";

const PW = "correct horse battery";
const SOME_ID = "00000000-0000-7000-8000-000000000000";

/** The session cookie alone, as someone who copied it would hold it. */
const sessionOnly = (cookie: string) => cookie.split("; ").filter((p) => p.includes("session-token")).join("; ");

describe.each(TEST_DATABASES)("sessions can be revoked on the server, on $name", (t) => {
  let app: RunningApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    app = await startApp(t, async (db) => {
      for (const [email, role] of [
        ["admin@example.org", "admin"],
        ["res@example.org", "researcher"],
        ["promoted@example.org", "rater"],
        ["demoted@example.org", "researcher"],
        ["leaving@example.org", "rater"],
        ["forgetful@example.org", "researcher"],
      ] as const)
        ids[email] = (await createUser(db, { email, password: PW, role })).id;
    });
  });
  afterAll(async () => app?.stop());

  const get = (p: string, cookie: string) => fetch(`${app.base}${p}`, { redirect: "manual", headers: { cookie } });
  const session = async (cookie: string) => (await get("/api/auth/session", cookie)).json();

  /** Signs out as the browser does: CSRF token first, then the POST with the page's cookies. */
  async function signOut(cookie: string) {
    const { csrfToken } = await (await get("/api/auth/csrf", cookie)).json();
    const r = await fetch(`${app.base}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: app.base },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${app.base}/login`, json: "true" }),
    });
    expect(r.status).toBe(200);
    expect(r.headers.getSetCookie().some((c) => /session-token=;/.test(c))).toBe(true);
  }

  async function updateUser(id: string, body: unknown, cookie: string) {
    return fetch(`${app.base}/api/users/${id}`, { method: "PATCH", headers: { cookie, "content-type": "application/json", origin: app.base }, body: JSON.stringify(body) });
  }

  /** What a copied cookie of an ended session gets everywhere: nothing but the way to sign in. */
  async function expectEnded(cookie: string, page: string, api: string) {
    expect((await get(api, cookie)).status).toBe(401);
    const p = await get(page, cookie);
    expect(p.status).toBe(307);
    expect(p.headers.get("location")).toMatch(/\/login\?callbackUrl=/);
    expect(await session(cookie)).toEqual({});
  }

  it("ends the session that signs out, for a copy of its cookie too, and no other", async () => {
    const browser = (await signIn(app.base, "res@example.org", PW))!;
    const copied = sessionOnly(browser);
    const laptop = (await signIn(app.base, "res@example.org", PW))!;
    expect((await get("/api/datasets", copied)).status).toBe(200);
    expect((await session(copied)).user).toMatchObject({ email: "res@example.org", role: "researcher" });

    await signOut(browser);
    await expectEnded(copied, "/datasets", "/api/datasets");
    // Signing out again with the dead cookie changes nothing; the other session goes on.
    expect((await get("/api/datasets", laptop)).status).toBe(200);
    await signOut(laptop);
    await expectEnded(sessionOnly(laptop), "/datasets", "/api/datasets");
    // Signing in again gives a working session.
    expect((await get("/api/datasets", (await signIn(app.base, "res@example.org", PW))!)).status).toBe(200);
  });

  it("refuses a signed-out session's server actions (401)", async () => {
    const cookie = (await signIn(app.base, "res@example.org", PW))!;
    const copied = sessionOnly(cookie);
    await signOut(cookie);
    const actions = discoverServerActions();
    const id = serverActionIds(actions).get(actions.find((a) => a.name === "sendToReview")!.key)!;
    const body = new FormData();
    body.append("0", '["$K1"]');
    body.append("1_modelId", SOME_ID);
    body.append("1_datasetId", SOME_ID);
    const r = await fetch(`${app.base}/audits/${SOME_ID}/${SOME_ID}`, { method: "POST", redirect: "manual", headers: { cookie: copied, origin: app.base, "next-action": id }, body });
    expect(r.status).toBe(401);
  });

  it("ends every session of an account whose role an admin changes, either way", async () => {
    const admin = (await signIn(app.base, "admin@example.org", PW))!;
    const rater = (await signIn(app.base, "promoted@example.org", PW))!;
    const researcher = (await signIn(app.base, "demoted@example.org", PW))!;
    expect((await get("/queue", rater)).status).toBe(200);
    expect((await get("/api/datasets", researcher)).status).toBe(200);

    const up = await updateUser(ids["promoted@example.org"], { role: "researcher" }, admin);
    expect(up.status).toBe(200);
    expect((await up.json()).user).toMatchObject({ email: "promoted@example.org", role: "researcher", active: true });
    // The old session does not carry on with the new role (nor the old one): sign in again.
    await expectEnded(rater, "/queue", "/api/datasets");
    expect((await get("/api/datasets", (await signIn(app.base, "promoted@example.org", PW))!)).status).toBe(200);

    expect((await updateUser(ids["demoted@example.org"], { role: "rater" }, admin)).status).toBe(200);
    await expectEnded(researcher, "/datasets", "/api/rater/queue");
    const again = (await signIn(app.base, "demoted@example.org", PW))!;
    expect((await get("/api/rater/queue", again)).status).toBe(200);
    expect((await get("/api/datasets", again)).status).toBe(403);
    // The admin's own session is untouched.
    expect((await get("/api/datasets", admin)).status).toBe(200);
  });

  it("ends every session of a deactivated account and refuses its sign-ins until it is active again", async () => {
    const admin = (await signIn(app.base, "admin@example.org", PW))!;
    const one = (await signIn(app.base, "leaving@example.org", PW))!;
    const two = (await signIn(app.base, "leaving@example.org", PW))!;
    expect((await get("/api/rater/queue", one)).status).toBe(200);

    const off = await updateUser(ids["leaving@example.org"], { active: false }, admin);
    expect(off.status).toBe(200);
    expect((await off.json()).user).toMatchObject({ active: false });
    await expectEnded(one, "/queue", "/api/rater/queue");
    await expectEnded(two, "/queue", "/api/rater/queue");
    expect(await signIn(app.base, "leaving@example.org", PW)).toBeNull();

    expect((await updateUser(ids["leaving@example.org"], { active: true }, admin)).status).toBe(200);
    // Active again: a new sign-in works, the old cookies stay dead.
    expect((await get("/api/rater/queue", (await signIn(app.base, "leaving@example.org", PW))!)).status).toBe(200);
    expect((await get("/api/rater/queue", one)).status).toBe(401);
  });


  it("ends every session of an account an admin gives a new password or a reset link", async () => {
    const admin = (await signIn(app.base, "admin@example.org", PW))!;
    const before = (await signIn(app.base, "forgetful@example.org", PW))!;
    expect((await get("/api/datasets", before)).status).toBe(200);
    expect((await updateUser(ids["forgetful@example.org"], { password: "a brand new password" }, admin)).status).toBe(200);
    await expectEnded(before, "/datasets", "/api/datasets");
    const after = (await signIn(app.base, "forgetful@example.org", "a brand new password"))!;
    expect((await get("/api/datasets", after)).status).toBe(200);
    expect((await updateUser(ids["forgetful@example.org"], { resetPassword: true }, admin)).status).toBe(200);
    await expectEnded(after, "/datasets", "/api/datasets");
    // A change of name alone ends nothing.
    const named = (await signIn(app.base, "admin@example.org", PW))!;
    expect((await updateUser(ids["res@example.org"], { name: "Res" }, admin)).status).toBe(200);
    const res = (await signIn(app.base, "res@example.org", PW))!;
    expect((await updateUser(ids["res@example.org"], { name: "Researcher" }, named)).status).toBe(200);
    expect((await get("/api/datasets", res)).status).toBe(200);
  });
});
