// How Attest is served, against the built app: `npm run serve` limits sign-ins by the socket's
// address whatever headers a client sends; a server that cannot know the client's address (plain
// `next start`) refuses password sign-ins instead of putting every client in one bucket; the CSRF
// check believes X-Forwarded-Host only from trusted proxies; and the server listens on the loopback
// interface unless told otherwise (ATTEST_HOST).
import { describe, it, expect, afterEach } from "vitest";
import { readFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import path from "node:path";
import { startApp, signIn, postSignIn, type RunningApp, type StartOptions } from "../helpers/server";
import { createUser } from "@/lib/services/users";

const PW = "correct horse battery";
const PGLITE = { name: "pglite" as const, open: () => Promise.reject(new Error("unused")) };
const NO_JOB = "/api/jobs/00000000-0000-0000-0000-000000000000/cancel";

const start = (options: StartOptions = {}) =>
  startApp(PGLITE, async (db) => {
    await createUser(db, { email: "res@example.org", password: PW, role: "researcher" });
  }, options);

/** The local addresses the server's port is listening on, from /proc/net/tcp (hex, as the kernel writes them). */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const out: string[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.trim().split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [addr, p] = local.split(":");
      if (p === hexPort && state === "0A") out.push(addr);
    }
  }
  return out;
}

const LOOPBACK_HEX = new Set(["0100007F", "00000000000000000000000001000000"]);
const otherAddress = () => Object.values(networkInterfaces()).flat().find((a) => a && !a.internal && a.family === "IPv4")?.address;

// Each test starts a server of its own: generous time on a loaded machine.
describe("serving Attest", { timeout: 300_000 }, () => {
  let app: RunningApp | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it("npm run serve limits sign-ins by the socket's address, whatever the client claims to be", async () => {
    app = await start({
      command: (port) => ({ file: "npm", args: ["run", "serve", "--", "-p", String(port), "-H", "127.0.0.1"] }),
      env: { ATTEST_LOGIN_MAX_FAILURES_PER_IP: "3", ATTEST_TRUSTED_PROXIES: "0" },
    });
    for (let i = 0; i < 3; i++) {
      const spoof = { "x-attest-client-ip": `203.0.113.${i}`, "x-forwarded-for": `203.0.113.${i}`, "x-real-ip": `203.0.113.${i}` };
      expect((await postSignIn(app.base, "res@example.org", "wrong guess", spoof)).response.status).toBe(401);
    }
    const r = await postSignIn(app.base, "res@example.org", PW, { "x-attest-client-ip": "198.51.100.1" });
    expect(r.response.status).toBe(429);
  });

  it("plain next start refuses password sign-ins rather than trust a header or share one bucket", async () => {
    app = await start({ command: (port) => ({ file: process.execPath, args: [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"] }) });
    const r = await postSignIn(app.base, "res@example.org", PW, { "x-attest-client-ip": "198.51.100.1" });
    expect(r.response.status).toBe(503);
    expect(r.signedIn).toBe(false);
    expect(((await r.response.json()) as { error: { message: string } }).error.message).toMatch(/scripts\/serve\.mjs/);
  });

  it("does not believe a client's X-Forwarded-Host in the CSRF check", async () => {
    app = await start({ env: { ATTEST_TRUSTED_PROXIES: "0" } });
    const cookie = (await signIn(app.base, "res@example.org", PW))!;
    const forged = await fetch(`${app.base}${NO_JOB}`, { method: "POST", headers: { cookie, origin: "http://evil.example", "x-forwarded-host": "evil.example" } });
    expect(forged.status).toBe(403);
  });

  it("believes X-Forwarded-Host from a trusted proxy", async () => {
    app = await start({ env: { ATTEST_TRUSTED_PROXIES: "1" } });
    const proxied = (await signIn(app.base, "res@example.org", PW))!;
    // Behind a trusted proxy the public host is the one the proxy forwards.
    const viaProxy = await fetch(`${app.base}${NO_JOB}`, { method: "POST", headers: { cookie: proxied, origin: "https://attest.example.org", "x-forwarded-host": "attest.example.org" } });
    expect(viaProxy.status).toBe(404);
    const crossViaProxy = await fetch(`${app.base}${NO_JOB}`, { method: "POST", headers: { cookie: proxied, origin: "http://evil.example", "x-forwarded-host": "attest.example.org" } });
    expect(crossViaProxy.status).toBe(403);
  });

  it("listens on the loopback interface only by default", async () => {
    app = await start({ command: (port) => ({ file: process.execPath, args: [path.resolve("scripts/serve.mjs"), "-p", String(port)] }) });
    const port = Number(new URL(app.base).port);
    const local = listeningAddresses(port);
    expect(local.length).toBeGreaterThan(0);
    expect(local.every((a) => LOOPBACK_HEX.has(a))).toBe(true);
    const other = otherAddress();
    if (other) expect(await fetch(`http://${other}:${port}/api/health`).then(() => "answered", () => "refused")).toBe("refused");
    expect(app.output()).toMatch(/listening on 127\.0\.0\.1/);
  });

  it("listens on other interfaces when ATTEST_HOST says so", async () => {
    app = await start({ command: (p) => ({ file: process.execPath, args: [path.resolve("scripts/serve.mjs"), "-p", String(p)] }), env: { ATTEST_HOST: "0.0.0.0" } });
    const exposed = listeningAddresses(Number(new URL(app.base).port));
    expect(exposed.some((a) => !LOOPBACK_HEX.has(a))).toBe(true);
  });
});
