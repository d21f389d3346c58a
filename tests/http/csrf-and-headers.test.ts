import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, signIn, postSignIn, type RunningApp } from "../helpers/server";
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
    const { response: login } = await postSignIn(app.base, "res@example.org", PW);
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

describe("hostile input and brute force over HTTP", () => {
  let app: RunningApp;
  let cookie: string;
  let datasetId: string;
  beforeAll(async () => {
    app = await startApp(TEST_DATABASES[0], async (db) => {
      await createUser(db, { email: "res@example.org", password: PW, role: "researcher" });
      await createUser(db, { email: "victim@example.org", password: PW, role: "rater" });
      // Names and texts as an attacker would write them: they must reach the page as text.
      const ds = await db.prisma.dataset.create({ data: { name: "xss", rubric: {}, sourceFormat: "speechocean762", description: "<img src=x onerror=alert(1)>" } });
      datasetId = ds.id;
      await db.prisma.item.create({
        data: {
          datasetId: ds.id, uttId: "u1", text: "<script>alert('pwned')</script>", split: "test", speakerId: "<b>s</b>",
          audioSha256: "0".repeat(64), audioBytes: 44, durationSec: 1, sampleRate: 16000, channels: 1, bitsPerSample: 16, contentHash: "x",
        },
      });
    });
    cookie = (await signIn(app.base, "res@example.org", PW))!;
  });
  afterAll(async () => app?.stop());

  it("renders transcripts and names as inert text", async () => {
    const html = await (await fetch(`${app.base}/datasets/${datasetId}`, { headers: { cookie } })).text();
    expect(html).not.toContain("<script>alert('pwned')</script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("<b>s</b>");
  });

  it("refuses an oversized body unread with 413", async () => {
    const big = JSON.stringify({ dataset: "x".repeat(3 * 1024 * 1024) });
    const r = await fetch(`${app.base}/api/models/infer`, { method: "POST", headers: { cookie, "content-type": "application/json", origin: app.base }, body: big });
    expect(r.status).toBe(413);
  });

  it("counts a chunked body without Content-Length and refuses it past the limit with 413", async () => {
    const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        // 8 MB of JSON whitespace, one 64 kB chunk at a time, unless the server hangs up first.
        if (sent >= 8 * 1024 * 1024) return c.close();
        sent += chunk.byteLength;
        c.enqueue(chunk);
      },
    });
    const r = await fetch(`${app.base}/api/models/infer`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", origin: app.base },
      body,
      duplex: "half",
    } as RequestInit & { duplex: "half" }).catch((e: Error) => e);
    // Either the 413 arrives, or the server closed the connection on the rest of the upload.
    if (r instanceof Error) expect(sent).toBeLessThan(8 * 1024 * 1024);
    else expect(r.status).toBe(413);
    expect((await fetch(`${app.base}/api/health`)).status).toBe(200);
    // The unread rest of the refused body must not sit in front of a later request on a reused
    // keep-alive connection (that request would wait for the server's headersTimeout, then reset).
    for (let i = 0; i < 3; i++) {
      const next = await fetch(`${app.base}/api/models/infer`, { method: "POST", headers: { cookie, "content-type": "application/json", origin: app.base }, body: "{" });
      expect(next.status).toBe(422);
    }
  });

  it("refuses a body that is not JSON with 415, and malformed JSON with 422 naming the problem", async () => {
    const post = (body: string, type?: string) =>
      fetch(`${app.base}/api/models/infer`, { method: "POST", headers: { cookie, origin: app.base, ...(type ? { "content-type": type } : {}) }, body });
    const form = await post("dataset=x", "application/x-www-form-urlencoded");
    expect(form.status).toBe(415);
    expect(((await form.json()) as { error: { message: string } }).error.message).toMatch(/application\/json/);
    expect((await post('{"dataset": "x"}', "text/plain")).status).toBe(415);
    const bad = await post('{"dataset": ', "application/json");
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/not valid JSON/);
  });

  it("answers deeply nested JSON with a validation error, not a crash", async () => {
    const deep = "[".repeat(5000) + "]".repeat(5000);
    const r = await fetch(`${app.base}/api/models/infer`, { method: "POST", headers: { cookie, "content-type": "application/json", origin: app.base }, body: deep });
    expect(r.status).toBe(422);
  });

  it("locks an account after repeated wrong passwords, even against the right one", async () => {
    for (let i = 0; i < 10; i++) expect(await signIn(app.base, "victim@example.org", `wrong ${i}`)).toBeNull();
    expect(await signIn(app.base, "victim@example.org", PW)).toBeNull();
  });
});
