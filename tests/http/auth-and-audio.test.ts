import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { decode, encode } from "next-auth/jwt";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, signIn, type RunningApp } from "../helpers/server";
import { miniCorpus } from "../helpers/corpus";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { audioPath } from "@/lib/audio/audio-store";

const PW = "correct horse battery";

describe.each(TEST_DATABASES)("auth and audio over HTTP on $name", (t) => {
  let app: RunningApp;
  let itemA: { id: string; sha: string };
  let itemB: { id: string };
  let researcher: string;
  let rater: string;

  beforeAll(async () => {
    const corpus = await miniCorpus(3);
    app = await startApp(t, async (db) => {
      await createUser(db, { email: "res@example.org", password: PW, role: "researcher" });
      const r = await createUser(db, { email: "rater@example.org", password: PW, role: "rater" });
      await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
      const items = await db.prisma.item.findMany({ orderBy: { uttId: "asc" } });
      itemA = { id: items[0].id, sha: items[0].audioSha256 };
      itemB = { id: items[1].id };
      // The rater is assigned item A only, in a rating round.
      const ds = await db.prisma.dataset.findFirstOrThrow();
      const round = await db.prisma.round.create({ data: { datasetId: ds.id, name: "r1", kind: "RATING" } });
      await db.prisma.assignment.create({ data: { roundId: round.id, itemId: itemA.id, raterId: r.id } });
    });
    researcher = (await signIn(app.base, "res@example.org", PW))!;
    rater = (await signIn(app.base, "rater@example.org", PW))!;
  });
  afterAll(async () => {
    await app?.stop();
  });

  const get = (p: string, cookie?: string, headers: Record<string, string> = {}) =>
    fetch(`${app.base}${p}`, { redirect: "manual", headers: { ...(cookie ? { cookie } : {}), ...headers } });

  it("signs in with the right password only", async () => {
    expect(researcher).toBeTruthy();
    expect(rater).toBeTruthy();
    expect(await signIn(app.base, "res@example.org", "wrong password")).toBeNull();
    expect(await signIn(app.base, "nobody@example.org", PW)).toBeNull();
  });

  it("sends anonymous users to sign in, and refuses them on the API and audio", async () => {
    const page = await get("/datasets");
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toMatch(/\/login\?callbackUrl=%2Fdatasets/);
    expect((await get("/api/datasets")).status).toBe(401);
    expect((await get(`/api/items/${itemA.id}`)).status).toBe(401);
    expect((await get(`/api/audio/${itemA.id}`)).status).toBe(401);
  });

  it("gives a rater 403 on researcher pages and routes", async () => {
    expect((await get("/datasets", rater)).status).toBe(403);
    expect((await get(`/items/${itemA.id}`, rater)).status).toBe(403);
    expect((await get("/api/datasets", rater)).status).toBe(403);
    expect((await get(`/api/items/${itemA.id}`, rater)).status).toBe(403);
    const ds = (await (await get("/api/datasets", researcher)).json()).datasets[0];
    expect((await get(`/api/datasets/${ds.id}/items`, rater)).status).toBe(403);
  });

  it("lets a researcher read datasets, items and all raters' scores", async () => {
    const res = await get("/api/datasets", researcher);
    expect(res.status).toBe(200);
    const { datasets } = await res.json();
    expect(datasets).toHaveLength(1);
    expect(datasets[0]).toMatchObject({ name: "mini", items: 3, raters: 5 });
    const item = await (await get(`/api/items/${itemA.id}`, researcher)).json();
    expect(item.columns.filter((c: { kind: string }) => c.kind === "RATER")).toHaveLength(5);
    expect((await get("/datasets", researcher)).status).toBe(200);
    expect((await get(`/items/${itemA.id}`, researcher)).status).toBe(200);
  });

  it("serves audio to an assigned rater, not for items they were not given", async () => {
    expect((await get(`/api/audio/${itemA.id}`, rater)).status).toBe(200);
    expect((await get(`/api/audio/${itemB.id}`, rater)).status).toBe(404);
  });

  it("answers a Range request with 206 and exactly the requested bytes", async () => {
    const file = await readFile(audioPath(itemA.sha, app.dataDir));
    const r = await get(`/api/audio/${itemA.id}`, researcher, { range: "bytes=100-1099" });
    expect(r.status).toBe(206);
    expect(r.headers.get("content-range")).toBe(`bytes 100-1099/${file.length}`);
    expect(r.headers.get("content-type")).toBe("audio/wav");
    expect(r.headers.get("accept-ranges")).toBe("bytes");
    expect(r.headers.get("cache-control")).toMatch(/private/);
    const body = Buffer.from(await r.arrayBuffer());
    expect(body.length).toBe(1000);
    expect(body.equals(file.subarray(100, 1100))).toBe(true);
    const tail = await get(`/api/audio/${itemA.id}`, researcher, { range: "bytes=-10" });
    expect(Buffer.from(await tail.arrayBuffer()).equals(file.subarray(file.length - 10))).toBe(true);
    expect((await get(`/api/audio/${itemA.id}`, researcher, { range: `bytes=${file.length + 5}-` })).status).toBe(416);
    const full = await get(`/api/audio/${itemA.id}`, researcher);
    expect(Buffer.from(await full.arrayBuffer()).equals(file)).toBe(true);
  });

  it("refuses an expired session, and a token that names no session", async () => {
    const secret = (await readFile(path.join(app.dataDir, "auth-secret"), "utf8")).trim();
    const me = await (await get("/api/auth/session", researcher)).json();
    expect(me.user.role).toBe("researcher");
    const cookieToken = /next-auth\.session-token=([^;]+)/.exec(researcher)![1];
    const { sid } = (await decode({ token: cookieToken, secret }))!;
    const claims = { uid: me.user.id, role: "researcher", email: me.user.email, sid };
    const expired = `next-auth.session-token=${await encode({ token: claims, secret, maxAge: -60 })}`;
    expect((await get("/api/datasets", expired)).status).toBe(401);
    const fresh = await encode({ token: claims, secret, maxAge: 60 });
    expect((await get("/api/datasets", `next-auth.session-token=${fresh}`)).status).toBe(200);
    // Even with the secret, a token is only as good as the server-side session it names.
    const { sid: _, ...sessionless } = claims;
    expect((await get("/api/datasets", `next-auth.session-token=${await encode({ token: sessionless, secret, maxAge: 60 })}`)).status).toBe(401);
    expect((await get("/api/datasets", `next-auth.session-token=${await encode({ token: { ...claims, sid: "made-up" }, secret, maxAge: 60 })}`)).status).toBe(401);
  });
});
