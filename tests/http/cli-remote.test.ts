// Admin work while the server runs (issue 12 part 6): with the embedded database open in the
// running server, `user create/list/set` go through the server's API with an API token — found
// through <data>/server.json and a token saved with `token save` (mode 0600), or given with
// --server/--token — and commands that cannot (imports) say exactly what to do instead.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, signIn, type RunningApp } from "../helpers/server";
import { runCli } from "../helpers/cli";
import { miniCorpus } from "../helpers/corpus";
import { createUser } from "@/lib/services/users";

const PW = "correct horse battery";

describe.each(TEST_DATABASES)("the command line while the server runs on $name", (t) => {
  let app: RunningApp;
  let env: Record<string, string>;
  let admin: string;
  let usersToken: string;

  beforeAll(async () => {
    app = await startApp(t, async (db) => {
      await createUser(db, { email: "admin@example.org", password: PW, role: "admin" });
    });
    env = { ATTEST_DATA_DIR: app.dataDir, DATABASE_URL: app.databaseUrl ?? "", ATTEST_SERVER: "", ATTEST_TOKEN: "" };
    admin = (await signIn(app.base, "admin@example.org", PW))!;
    const r = await fetch(`${app.base}/api/tokens`, {
      method: "POST",
      headers: { cookie: admin, origin: app.base, "content-type": "application/json" },
      body: JSON.stringify({ name: "cli", scopes: ["users:read", "users:write"] }),
    });
    usersToken = (await r.json()).token;
  });
  afterAll(async () => app?.stop());

  it("the server says where it listens in <data>/server.json (owner-only)", () => {
    const file = path.join(app.dataDir, "server.json");
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ url: app.base });
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it("with --server and --token: user create, list and set go through the API", () => {
    const flags = ["--server", app.base, "--token", usersToken];
    const made = runCli(["user", "create", "--email", "Cli.Rater@example.org", "--role", "rater", "--json", ...flags], env);
    expect(made.status, made.stderr).toBe(0);
    expect(made.json).toMatchObject({ email: "cli.rater@example.org", role: "rater", active: true });
    expect(made.json.invitation.url).toMatch(new RegExp(`^${app.base}/invite/`));
    const listed = runCli(["user", "list", "--json", ...flags], env);
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.json.users.map((u: { email: string }) => u.email)).toEqual(["admin@example.org", "cli.rater@example.org"]);
    const set = runCli(["user", "set", "--email", "cli.rater@example.org", "--role", "researcher", "--active", "false", "--json", ...flags], env);
    expect(set.status, set.stderr).toBe(0);
    expect(set.json).toMatchObject({ role: "researcher", active: false });
    // The server's refusals come back as such: a taken email, a bad token.
    const dup = runCli(["user", "create", "--email", "cli.rater@example.org", "--role", "rater", "--password", PW, "--json", ...flags], env);
    expect(dup.status).toBe(1);
    expect(dup.json.error.code).toBe("CONFLICT");
    const bad = runCli(["user", "list", "--server", app.base, "--token", "attest_nope", "--json"], env);
    expect(bad.status).toBe(1);
    expect(bad.json.error.code).toBe("UNAUTHENTICATED");
    // Commands that cannot go through a server say so.
    const imp = runCli(["import", "speechocean762", "/nowhere", "--dataset", "x", ...flags], env);
    expect(imp.status).toBe(2);
    expect(imp.stderr).toContain("cannot go through a server");
  });

  it.runIf(t.name === "pglite")("with the embedded database busy: says exactly how, then finds the server and a saved token by itself", async () => {
    const refused = runCli(["user", "create", "--email", "auto@example.org", "--role", "rater", "--password", PW], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`The embedded database is open in the running Attest server (${app.base})`);
    expect(refused.stderr).toContain(`${app.base}/tokens`);
    expect(refused.stderr).toContain("npm run cli -- token save");

    // An import cannot go through the server: it says so and what to do.
    const corpus = await miniCorpus(1);
    const imp = runCli(["import", "speechocean762", corpus, "--dataset", "mini", "--split", "test"], env);
    expect(imp.status).toBe(1);
    expect(imp.stderr).toContain("cannot go through the running server");
    expect(imp.stderr).toContain("DATABASE_URL");

    const saved = spawnSync(process.execPath, ["scripts/cli.mjs", "token", "save", "--json"], {
      env: { ...process.env, ...env },
      input: `${usersToken}\n`,
      encoding: "utf8",
    });
    expect(saved.status, saved.stderr).toBe(0);
    const file = path.join(app.dataDir, "cli-token");
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const ok = runCli(["user", "create", "--email", "auto@example.org", "--role", "rater", "--password", PW, "--json"], env);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toContain(`going through its API`);
    expect(ok.json).toMatchObject({ email: "auto@example.org", role: "rater", active: true });
    expect(ok.json.invitation).toBeUndefined();
    // runCli blocked this process's event loop for a while: let it see the keep-alive connections the
    // server closed meanwhile before fetching again (else fetch may pick a dead one).
    await new Promise((r) => setTimeout(r, 200));
    expect(await signIn(app.base, "auto@example.org", PW)).not.toBeNull();

    // A token file others may read is refused, with the fix.
    chmodSync(file, 0o644);
    const loose = runCli(["user", "list"], env);
    expect(loose.status).toBe(1);
    expect(loose.stderr).toContain(`chmod 600 ${file}`);
    chmodSync(file, 0o600);
  });

  it.runIf(t.name === "pglite")("after the server stops, server.json is gone and the command line opens the database itself", async () => {
    await app.stop();
    expect(existsSync(path.join(app.dataDir, "server.json"))).toBe(false);
    const r = runCli(["user", "list", "--json"], env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain("going through its API");
    expect(r.json.users.map((u: { email: string }) => u.email)).toContain("auto@example.org");
    const reset = runCli(["user", "set", "--email", "auto@example.org", "--reset-password", "--role", "researcher", "--json"], env);
    expect(reset.status, reset.stderr).toBe(0);
    expect(reset.json).toMatchObject({ email: "auto@example.org", role: "researcher", active: true });
    expect(reset.json.invitation.url).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    const invite = runCli(["user", "create", "--email", "local@example.org", "--role", "rater", "--json"], env);
    expect(invite.status, invite.stderr).toBe(0);
    expect(invite.json.invitation.url).toMatch(/\/invite\//);
  });
});
