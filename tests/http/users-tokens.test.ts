// Users and API tokens without a shell (issue 12 part 4), against the built app on each database:
// the /api/users contract and its access matrix, invitation and reset links, role changes and
// deactivation, and personal API tokens as `Authorization: Bearer` on every route (scopes, a role
// that shrinks, revocation, expiry of the user's access), each change in the audit log.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import path from "node:path";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, signIn, type RunningApp } from "../helpers/server";
import { openDatabase, type Db } from "@/lib/db/client";
import { createUser } from "@/lib/services/users";

const PW = "correct horse battery";

describe.each(TEST_DATABASES)("users and API tokens on $name", (t) => {
  let app: RunningApp;
  const cookie: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startApp(t, async (db) => {
      for (const [k, role] of [["admin", "admin"], ["researcher", "researcher"], ["rater", "rater"]] as const) {
        ids[k] = (await createUser(db, { email: `${k}@example.org`, password: PW, role })).id;
      }
    });
    for (const k of ["admin", "researcher", "rater"]) cookie[k] = (await signIn(app.base, `${k}@example.org`, PW))!;
  });
  afterAll(async () => app?.stop());

  const req = (route: string, init: { method?: string; cookie?: string; bearer?: string; body?: unknown } = {}) =>
    fetch(`${app.base}${route}`, {
      method: init.method ?? "GET",
      redirect: "manual",
      headers: {
        origin: app.base,
        ...(init.cookie && { cookie: init.cookie }),
        ...(init.bearer && { authorization: `Bearer ${init.bearer}` }),
        ...(init.body !== undefined && { "content-type": "application/json" }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });

  /** A token made by `who` through the API (as the tokens page does). */
  async function makeToken(who: string, scopes: string[], name = "script"): Promise<{ token: string; id: string }> {
    const r = await req("/api/tokens", { method: "POST", cookie: cookie[who], body: { name, scopes } });
    expect(r.status).toBe(201);
    const body = await r.json();
    return { token: body.token, id: body.apiToken.id };
  }

  /** Reads the audit log: PostgreSQL while the server runs; PGlite only once it has stopped. */
  async function auditActions(): Promise<{ action: string; details: Record<string, unknown>; userId: string | null }[]> {
    let db: Db;
    if (app.databaseUrl) db = await openDatabase({ kind: "postgres", url: app.databaseUrl });
    else {
      await app.stop();
      db = await openDatabase({ kind: "pglite", dir: path.join(app.dataDir, "pglite") });
    }
    try {
      return (await db.prisma.auditLog.findMany({ orderBy: { createdAt: "asc" } })) as never;
    } finally {
      await db.close();
    }
  }

  it("GET/POST /api/users and PATCH /api/users/<id>: admins only (401 anonymous, 403 rater and researcher)", async () => {
    for (const [route, method, body] of [["/api/users", "GET", undefined], ["/api/users", "POST", { email: "x@example.org", role: "rater", password: PW }], [`/api/users/${ids.rater}`, "PATCH", { role: "admin" }]] as const) {
      expect((await req(route, { method, body })).status, `${method} ${route} anonymous`).toBe(401);
      for (const who of ["rater", "researcher"]) expect((await req(route, { method, body, cookie: cookie[who] })).status, `${method} ${route} as ${who}`).toBe(403);
    }
    const list = await (await req("/api/users", { cookie: cookie.admin })).json();
    expect(list.users.map((u: { email: string }) => u.email)).toEqual(["admin@example.org", "researcher@example.org", "rater@example.org"]);
    for (const u of list.users) {
      expect(Object.keys(u)).toEqual(expect.arrayContaining(["id", "email", "name", "role", "active"]));
      expect(u.active).toBe(true);
      expect(JSON.stringify(u)).not.toMatch(/argon2|passwordHash/);
    }
    expect(list.users.find((u: { email: string }) => u.email === "rater@example.org")).toMatchObject({ id: ids.rater, role: "rater", name: null });
    // Nothing was created or changed by the refused requests.
    expect(list.users).toHaveLength(3);
  });

  it("creates a user with a one-time invitation link: the link sets the password once, then they sign in", async () => {
    const r = await req("/api/users", { method: "POST", cookie: cookie.admin, body: { email: "New.Rater@Example.org", name: "New Rater", role: "rater" } });
    expect(r.status).toBe(201);
    const { user, invitation } = await r.json();
    expect(user).toMatchObject({ email: "new.rater@example.org", name: "New Rater", role: "rater", active: true });
    expect(invitation.url).toMatch(new RegExp(`^${app.base}/invite/[A-Za-z0-9_-]{43}$`));
    const secret = invitation.url.split("/invite/")[1];
    // No password yet: no sign-in.
    expect(await signIn(app.base, "new.rater@example.org", PW)).toBeNull();
    const page = await (await fetch(invitation.url)).text();
    expect(page).toContain("new.rater@example.org");
    expect((await req(`/api/invitations/${secret}`, { method: "POST", body: { password: "short" } })).status).toBe(422);
    const ok = await req(`/api/invitations/${secret}`, { method: "POST", body: { password: "a new long password" } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ email: "new.rater@example.org" });
    // Once only.
    expect((await req(`/api/invitations/${secret}`, { method: "POST", body: { password: "another long password" } })).status).toBe(404);
    expect(await (await fetch(invitation.url)).text()).toContain("not valid");
    expect(await signIn(app.base, "new.rater@example.org", "a new long password")).not.toBeNull();
    expect(await signIn(app.base, "new.rater@example.org", "another long password")).toBeNull();
  });

  it("creates a user with a password; refuses a taken email (409) and bad fields (422, naming the field)", async () => {
    const r = await req("/api/users", { method: "POST", cookie: cookie.admin, body: { email: "res2@example.org", role: "researcher", password: PW } });
    expect(r.status).toBe(201);
    expect((await r.json()).invitation).toBeNull();
    expect(await signIn(app.base, "res2@example.org", PW)).not.toBeNull();
    const dup = await req("/api/users", { method: "POST", cookie: cookie.admin, body: { email: "RES2@example.org", role: "rater", password: PW } });
    expect(dup.status).toBe(409);
    const bad = await req("/api/users", { method: "POST", cookie: cookie.admin, body: { email: "nope", role: "boss", password: "x" } });
    expect(bad.status).toBe(422);
    const fields = (await bad.json()).error.problems.map((p: { field: string }) => p.field);
    expect(fields).toEqual(expect.arrayContaining(["email", "role", "password"]));
  });

  it("changes roles at once, resets a password by link, and keeps an admin from demoting or deactivating themselves", async () => {
    const list = (await (await req("/api/users", { cookie: cookie.admin })).json()).users as { id: string; email: string }[];
    const res2 = list.find((u) => u.email === "res2@example.org")!;
    const c = (await signIn(app.base, "res2@example.org", PW))!;
    expect((await req("/api/datasets", { cookie: c })).status).toBe(200);
    const demoted = await req(`/api/users/${res2.id}`, { method: "PATCH", cookie: cookie.admin, body: { role: "rater" } });
    expect(demoted.status).toBe(200);
    expect((await demoted.json()).user.role).toBe("rater");
    // The role change ended the session (tests/http/session-revocation.test.ts); signed in again, the new role holds.
    expect((await req("/api/datasets", { cookie: c })).status).toBe(401);
    expect((await req("/api/datasets", { cookie: (await signIn(app.base, "res2@example.org", PW))! })).status).toBe(403);

    const reset = await req(`/api/users/${res2.id}`, { method: "PATCH", cookie: cookie.admin, body: { resetPassword: true } });
    const { invitation } = await reset.json();
    expect(invitation.url).toContain("/invite/");
    expect(await signIn(app.base, "res2@example.org", PW)).toBeNull(); // the old password no longer works
    expect((await req(`/api/invitations/${invitation.url.split("/invite/")[1]}`, { method: "POST", body: { password: "after the reset" } })).status).toBe(200);
    expect(await signIn(app.base, "res2@example.org", "after the reset")).not.toBeNull();

    const setPw = await req(`/api/users/${res2.id}`, { method: "PATCH", cookie: cookie.admin, body: { password: "set by the admin" } });
    expect(setPw.status).toBe(200);
    expect(await signIn(app.base, "res2@example.org", "set by the admin")).not.toBeNull();

    expect((await req(`/api/users/${ids.admin}`, { method: "PATCH", cookie: cookie.admin, body: { role: "rater" } })).status).toBe(409);
    expect((await req(`/api/users/${ids.admin}`, { method: "PATCH", cookie: cookie.admin, body: { active: false } })).status).toBe(409);
    expect((await req(`/api/users/00000000-0000-7000-8000-000000000000`, { method: "PATCH", cookie: cookie.admin, body: { active: false } })).status).toBe(404);
    expect((await req(`/api/users/${res2.id}`, { method: "PATCH", cookie: cookie.admin, body: { bogus: 1 } })).status).toBe(422);
  });

  it("accepts a personal API token as Authorization: Bearer on any route, limited by its scopes", async () => {
    const { token } = await makeToken("researcher", ["datasets:read"]);
    expect(token).toMatch(/^attest_[A-Za-z0-9_-]{43}$/);
    // Listed without the token itself.
    const listed = await (await req("/api/tokens", { cookie: cookie.researcher })).json();
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(listed.tokens[0]).toMatchObject({ name: "script", scopes: ["datasets:read"], revokedAt: null });

    expect((await req("/api/datasets", { bearer: token })).status).toBe(200);
    // Without the scope: 403, naming the scope; the role would allow it.
    const rounds = await req("/api/rounds", { bearer: token });
    expect(rounds.status).toBe(403);
    expect((await rounds.json()).error.message).toContain("rounds:write");
    expect((await req("/api/users", { bearer: token })).status).toBe(403);
    // A token cannot make tokens.
    expect((await req("/api/tokens", { method: "POST", bearer: token, body: { name: "x", scopes: ["datasets:read"] } })).status).toBe(403);
    // Unknown tokens, other schemes' garbage and a bad token beside a good cookie: 401.
    expect((await req("/api/datasets", { bearer: "attest_notatokenatallnotatokenatallnotatokenat" })).status).toBe(401);
    expect((await req("/api/datasets", { bearer: token.slice(0, -1) })).status).toBe(401);
    const both = await fetch(`${app.base}/api/datasets`, { headers: { cookie: cookie.researcher, authorization: "Bearer attest_wrong" } });
    expect(both.status).toBe(401);
    expect((await both.json()).error.message).toContain("API token is not valid");
    // Pages read the token too (here: the admin page refuses a researcher's token).
    expect((await req("/users", { bearer: token })).status).toBe(403);
  });

  it("never lets a token exceed its user's role, now or later", async () => {
    const tooMuch = await req("/api/tokens", { method: "POST", cookie: cookie.rater, body: { name: "x", scopes: ["datasets:read", "no:such"] } });
    expect(tooMuch.status).toBe(422);
    expect((await tooMuch.json()).error.problems.map((p: { field: string }) => p.field)).toEqual(["scopes.0", "scopes.1"]);
    // An admin's users token stops writing users when the admin becomes a researcher.
    const list = (await (await req("/api/users", { cookie: cookie.admin })).json()).users as { id: string; email: string }[];
    const res2 = list.find((u) => u.email === "res2@example.org")!;
    await req(`/api/users/${res2.id}`, { method: "PATCH", cookie: cookie.admin, body: { role: "admin" } });
    const c = (await signIn(app.base, "res2@example.org", "set by the admin"))!; // the role change ended earlier sessions
    const made = await req("/api/tokens", { method: "POST", cookie: c, body: { name: "users", scopes: ["users:read", "users:write", "datasets:read"] } });
    expect(made.status).toBe(201);
    const { token } = await made.json();
    expect((await req("/api/users", { bearer: token })).status).toBe(200);
    await req(`/api/users/${res2.id}`, { method: "PATCH", cookie: cookie.admin, body: { role: "researcher" } });
    expect((await req("/api/users", { bearer: token })).status).toBe(403);
    expect((await req("/api/datasets", { bearer: token })).status).toBe(200);
  });

  it("a revoked token and a deactivated user's token stop working at once", async () => {
    const { token, id } = await makeToken("rater", ["judgments:write", "audio:read-assigned"]);
    expect((await req("/api/rater/queue", { bearer: token })).status).toBe(200);
    // Another user cannot revoke it (404: not theirs); its owner can, twice without error.
    expect((await req(`/api/tokens/${id}`, { method: "DELETE", cookie: cookie.researcher })).status).toBe(404);
    const revoked = await req(`/api/tokens/${id}`, { method: "DELETE", cookie: cookie.rater });
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).token.revokedAt).not.toBeNull();
    expect((await req(`/api/tokens/${id}`, { method: "DELETE", cookie: cookie.rater })).status).toBe(200);
    expect((await req("/api/rater/queue", { bearer: token })).status).toBe(401);

    const second = await makeToken("rater", ["judgments:write"], "second");
    expect((await req("/api/rater/queue", { bearer: second.token })).status).toBe(200);
    const off = await req(`/api/users/${ids.rater}`, { method: "PATCH", cookie: cookie.admin, body: { active: false } });
    expect((await off.json()).user.active).toBe(false);
    expect((await req("/api/rater/queue", { bearer: second.token })).status).toBe(401);
    expect((await req("/api/rater/queue", { cookie: cookie.rater })).status).toBe(401);
    expect(await signIn(app.base, "rater@example.org", PW)).toBeNull();
    const listed = (await (await req("/api/users", { cookie: cookie.admin })).json()).users;
    expect(listed.find((u: { id: string }) => u.id === ids.rater).active).toBe(false);
    // Active again: the token works again (it was not revoked), and so does the password.
    await req(`/api/users/${ids.rater}`, { method: "PATCH", cookie: cookie.admin, body: { active: true } });
    expect((await req("/api/rater/queue", { bearer: second.token })).status).toBe(200);
    expect(await signIn(app.base, "rater@example.org", PW)).not.toBeNull();
  });

  it("writes every change to the audit log, with who did it and no secrets", async () => {
    const log = await auditActions();
    const actions = log.map((l) => l.action);
    for (const a of ["user.create", "user.update", "user.password-from-link", "token.create", "token.revoke"]) expect(actions, a).toContain(a);
    const roleChange = log.find((l) => l.action === "user.update" && (l.details.changes as Record<string, unknown>).role);
    expect(roleChange?.userId).toBe(ids.admin);
    expect(roleChange?.details).toMatchObject({ changes: { role: { from: "researcher", to: "rater" } } });
    const deactivation = log.find((l) => l.action === "user.update" && l.details.targetId === ids.rater);
    expect(deactivation?.details).toMatchObject({ changes: { active: { from: true, to: false } } });
    expect(JSON.stringify(log)).not.toMatch(/attest_[A-Za-z0-9_-]{20}|argon2|set by the admin|after the reset/);
  });
});
