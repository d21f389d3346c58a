// Odd requests get the status that says what is wrong with them (400/401/404/405/422), never a 500,
// and a client that hangs up is not mistaken for a database outage.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, signIn, type RunningApp } from "../helpers/server";
import { miniCorpus } from "../helpers/corpus";
import { rawRequest, waitFor } from "../helpers/raw-http";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { audioPath } from "@/lib/audio/audio-store";
import { readFile } from "node:fs/promises";

const PW = "correct horse battery";

describe("error statuses over HTTP", () => {
  let app: RunningApp;
  let rater: string;
  let researcher: string;
  let assignment: string;
  let item: { id: string; sha: string };
  let datasetId: string;

  beforeAll(async () => {
    const corpus = await miniCorpus(2);
    app = await startApp(TEST_DATABASES[0], async (db) => {
      const a = await createUser(db, { email: "a@example.org", password: PW, role: "rater" });
      await createUser(db, { email: "res@example.org", password: PW, role: "researcher" });
      await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
      const ds = await db.prisma.dataset.findFirstOrThrow();
      datasetId = ds.id;
      const items = await db.prisma.item.findMany({ orderBy: { uttId: "asc" } });
      item = { id: items[0].id, sha: items[0].audioSha256 };
      const round = await db.prisma.round.create({ data: { datasetId: ds.id, name: "r1", kind: "RATING" } });
      assignment = (await db.prisma.assignment.create({ data: { roundId: round.id, itemId: items[0].id, raterId: a.id } })).id;
    });
    rater = (await signIn(app.base, "a@example.org", PW))!;
    researcher = (await signIn(app.base, "res@example.org", PW))!;
  });
  afterAll(async () => app?.stop());

  const put = (body: string) =>
    fetch(`${app.base}/api/rater/assignments/${assignment}/judgment`, { method: "PUT", headers: { cookie: rater, "content-type": "application/json" }, body });

  it("refuses a NUL character in a judgment's text with 422 naming the field, and stores nothing", async () => {
    const r = await put(JSON.stringify({ status: "DRAFT", baseRevision: null, comment: "before\u0000after" }));
    expect(r.status).toBe(422);
    const e = (await r.json()).error;
    expect(e.problems).toEqual([expect.objectContaining({ field: "comment" })]);
    expect(e.message).toMatch(/NUL/);
    const nested = await put(JSON.stringify({ status: "DRAFT", baseRevision: null, phones: [{ phoneId: "x", score: 1, pronounced: "A\u0000" }] }));
    expect(nested.status).toBe(422);
    expect((await nested.json()).error.problems[0].field).toBe("phones.0.pronounced");
    const stored = await (await fetch(`${app.base}/api/rater/assignments/${assignment}/judgment`, { headers: { cookie: rater } })).json();
    expect(stored.judgment).toBeNull();
  });

  it("answers 404 for an id with a NUL character and 400 for a NUL in the query, never 500", async () => {
    for (const [p, cookie] of [
      ["/api/items/%00", researcher],
      ["/api/items/a%00b", researcher],
      ["/api/datasets/%00/items", researcher],
      ["/api/rounds/%00", researcher],
      ["/api/audio/%00", researcher],
      [`/api/rater/assignments/%00/judgment`, rater],
    ] as const) {
      expect((await fetch(`${app.base}${p}`, { headers: { cookie } })).status, p).toBe(404);
    }
    expect((await fetch(`${app.base}/api/agreement/${datasetId}?round=%00`, { headers: { cookie: researcher } })).status).toBe(400);
    expect((await fetch(`${app.base}/api/datasets/${datasetId}/items?split=%00`, { headers: { cookie: researcher } })).status).toBe(400);
  });

  it("answers TRACE with 405, on pages and API routes alike", async () => {
    const host = new URL(app.base).host;
    for (const p of ["/", "/api/health", "/api/items/x"]) {
      const r = await rawRequest(app.base, `TRACE ${p} HTTP/1.1\r\nHost: ${host}\r\nCookie: ${researcher}\r\nConnection: close\r\n\r\n`);
      expect(r.status, `TRACE ${p}`).toBe(405);
      expect(r.text).not.toContain(researcher.slice(-20)); // TRACE must not echo the request (cookies)
    }
  });

  it("checks sign-in before the query: anonymous callers get 401 on an audit report whatever they ask", async () => {
    const r = await fetch(`${app.base}/api/audits/m/d?code=not-a-flag&limit=0`);
    expect(r.status).toBe(401);
    expect(await r.text()).not.toMatch(/contradicts_/); // the flag codes are not listed to strangers
    expect((await fetch(`${app.base}/api/audits/m/d?code=not-a-flag`, { headers: { cookie: researcher } })).status).toBe(422);
  });

  it("treats a client that hangs up mid-body as a client abort, not a database outage", async () => {
    const host = new URL(app.base).host;
    const before = app.output().length;
    const head = `PUT /api/rater/assignments/${assignment}/judgment HTTP/1.1\r\nHost: ${host}\r\nCookie: ${rater}\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n`;
    await rawRequest(app.base, head + '{"status": "DRAFT", "comm', { hangUpAfterMs: 300 });
    // The server says one plain line about it; it must not call it a database problem.
    expect(await waitFor(() => app.output().slice(before), /client closed the connection|database unavailable|unhandled error/)).toBe(true);
    expect(app.output().slice(before)).toMatch(/client closed the connection/);
    expect(app.output().slice(before)).not.toMatch(/database unavailable|unhandled error/);
    expect((await fetch(`${app.base}/api/health`)).status).toBe(200);
  });

  it("ignores a Range header in a unit it does not know (200 with the whole file)", async () => {
    const file = await readFile(audioPath(item.sha, app.dataDir));
    for (const range of ["items=0-10", "seconds=1-2"]) {
      const r = await fetch(`${app.base}/api/audio/${item.id}`, { headers: { cookie: researcher, range } });
      expect(r.status, range).toBe(200);
      expect(Buffer.from(await r.arrayBuffer()).equals(file)).toBe(true);
    }
    // An unsatisfiable byte range is still 416.
    expect((await fetch(`${app.base}/api/audio/${item.id}`, { headers: { cookie: researcher, range: `bytes=${file.length + 10}-` } })).status).toBe(416);
  });
});
