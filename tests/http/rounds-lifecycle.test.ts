// A round's lifecycle over HTTP against the built app: close, reopen, archive (PUT /api/rounds/<id>/state),
// raters added to a running round (POST /api/rounds/<id>/raters), and "limit" as a seeded random
// sample. A closed round refuses writes of every kind — drafts, submissions, skips, alignments, A/B
// choices, answers about the rationale, adjudication, instructions — each shown to work while open,
// refused (409) while closed, and working again after reopening. Raters get 403, strangers 401.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, signIn, type RunningApp } from "../helpers/server";
import { miniCorpus } from "../helpers/corpus";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";

const PW = "correct horse battery";

describe.each(TEST_DATABASES)("round lifecycle over HTTP on $name", (t) => {
  let app: RunningApp;
  let researcher: string;
  const raters: { id: string; email: string; cookie: string }[] = [];
  let datasetId: string;
  let models: string[];
  let roundId: string;

  beforeAll(async () => {
    const corpus = await miniCorpus(6);
    app = await startApp(t, async (db) => {
      await createUser(db, { email: "res@example.org", password: PW, role: "researcher" });
      for (const n of [1, 2, 3, 4]) {
        const email = `rater${n}@example.org`;
        raters.push({ id: (await createUser(db, { email, password: PW, role: "rater" })).id, email, cookie: "" });
      }
      await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
      datasetId = (await db.prisma.dataset.findFirstOrThrow()).id;
      const items = await db.prisma.item.findMany({ include: { words: { orderBy: { index: "asc" } } } });
      models = [];
      for (const name of ["m1", "m2"]) {
        const mv = await db.prisma.modelVersion.create({ data: { name, kind: "FILE" } });
        models.push(mv.id);
        await db.prisma.prediction.createMany({
          data: items.map((it) => ({ modelVersionId: mv.id, itemId: it.id, sentence: {}, words: [], phones: [], response: `Accuracy: Good\n'${it.words[0].text}' was ${name === "m1" ? "clear" : "unclear"}.` })),
        });
      }
    });
    researcher = (await signIn(app.base, "res@example.org", PW))!;
    for (const r of raters) r.cookie = (await signIn(app.base, r.email, PW))!;
  });
  afterAll(async () => {
    await app?.stop();
  });

  const call = (p: string, cookie: string | undefined, method = "GET", body?: unknown) =>
    fetch(`${app.base}${p}`, {
      method,
      redirect: "manual",
      headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const json = async (p: string, cookie: string, method = "GET", body?: unknown) => {
    const r = await call(p, cookie, method, body);
    return { status: r.status, body: await r.json() };
  };
  const overview = async (id = roundId) => (await json(`/api/rounds/${id}`, researcher)).body as {
    round: { seed: number; state: string };
    items: { id: string; uttId: string; assigned: number }[];
    raters: { id: string; rater: string; assigned: number; done: number; skipped: number; open: number; progress: number | null }[];
  };
  const queue = async (i: number) => (await json("/api/rater/queue", raters[i].cookie)).body as { total: number; rows: { id: string; round: string }[] };
  const setState = (state: string, cookie: string | undefined = researcher) => call(`/api/rounds/${roundId}/state`, cookie, "PUT", { state });

  it("creates the round; raters and strangers cannot change its state or its raters", async () => {
    const res = await json("/api/rounds", researcher, "POST", {
      datasetId, name: "life", k: 1, raterIds: [raters[0].id, raters[1].id], seed: 3,
      modelVersionId: models[0], showModel: "alongside", abModelVersionIds: models,
    });
    expect(res.status).toBe(201);
    roundId = res.body.id;
    for (const [cookie, status] of [["", 401], [raters[0].cookie, 403]] as const) {
      expect((await setState("closed", cookie)).status).toBe(status);
      expect((await call(`/api/rounds/${roundId}/raters`, cookie, "POST", { raterIds: [raters[2].id] })).status).toBe(status);
    }
    expect((await call("/api/rounds/00000000-0000-7000-8000-000000000000/state", researcher, "PUT", { state: "closed" })).status).toBe(404);
    const bad = await json(`/api/rounds/${roundId}/state`, researcher, "PUT", { state: "finished" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.problems[0].field).toBe("state");
    expect((await overview()).round.state).toBe("open");
  });

  it("refuses every kind of write while closed, and accepts them again after reopening", async () => {
    const r1 = raters[0];
    const q = await queue(0);
    expect(q.total, JSON.stringify(q)).toBe(3);
    const [a, b] = q.rows.map((r) => r.id);
    const ws = await json(`/api/rater/assignments/${a}`, r1.cookie);
    expect(ws.status, JSON.stringify(ws.body)).toBe(200);
    const itemId: string = ws.body.item.id;
    const writes = (rev: number | null) => ({
      draft: () => call(`/api/rater/assignments/${a}/judgment`, r1.cookie, "PUT", { status: "DRAFT", baseRevision: rev, sentence: { accuracy: 7 } }),
      submission: () => call(`/api/rater/assignments/${a}/judgment`, r1.cookie, "PUT", { status: "SUBMITTED", baseRevision: rev, sentence: { accuracy: 7 } }),
      skip: () => call(`/api/rater/assignments/${b}/skip`, r1.cookie, "POST", { reason: "a silent recording" }),
      alignment: () => call(`/api/rater/assignments/${a}/alignment`, r1.cookie, "PUT", { spans: [] }),
      abChoice: () => call(`/api/rater/assignments/${a}/ab`, r1.cookie, "POST", { choice: "A" }),
      rationaleAnswer: () => call(`/api/rater/assignments/${a}/mention-answers`, r1.cookie, "POST", { mentionKey: "trust", answer: "yes" }),
      adjudication: () => call(`/api/rounds/${roundId}/items/${itemId}`, researcher, "POST", { baseRevision: null, sentence: { accuracy: 7 } }),
      instructions: () => call(`/api/rounds/${roundId}/instructions`, researcher, "PUT", { instructions: "Listen twice." }),
    });
    // Open: each is accepted (the submission and adjudication are incomplete: 422 from validation, not 409).
    const open = writes(null);
    expect((await open.draft()).status).toBe(200);
    expect((await open.alignment()).status).toBe(200);
    expect((await open.abChoice()).status).toBe(200);
    expect((await open.rationaleAnswer()).status).toBe(200);
    expect((await open.instructions()).status).toBe(200);
    expect((await writes(1).submission()).status).toBe(422);
    expect((await open.adjudication()).status).toBe(422);

    expect((await setState("closed")).status).toBe(200);
    expect((await overview()).round.state).toBe("closed");
    const closed = writes(1);
    const refused: Record<string, number> = {};
    for (const [name, fn] of Object.entries(closed)) {
      const r = await fn();
      const body = await r.json();
      refused[name] = r.status;
      expect(body.error.message, name).toMatch(/closed/);
    }
    expect(refused).toEqual({ draft: 409, submission: 409, skip: 409, alignment: 409, abChoice: 409, rationaleAnswer: 409, adjudication: 409, instructions: 409 });
    // Nothing changed: the draft is still revision 1 with accuracy 7, the skipped item still open.
    const j = (await json(`/api/rater/assignments/${a}/judgment`, r1.cookie)).body;
    expect(j.judgment.revision).toBe(1);
    expect((await overview()).raters.find((r) => r.id === r1.id)!.skipped).toBe(0);
    // A closed round leaves the raters' queues.
    expect((await queue(0)).total).toBe(0);

    expect((await setState("open")).status).toBe(200);
    expect((await closed.draft()).status).toBe(200);
    expect((await closed.skip()).status).toBe(200);
    expect((await queue(0)).total).toBeGreaterThan(0);
  });

  it("archives: closed and out of the list (listed with ?archived=1), and reopens", async () => {
    const archived = await json(`/api/rounds/${roundId}/state`, researcher, "PUT", { state: "archived" });
    expect(archived.body).toMatchObject({ state: "archived" });
    expect(archived.body.closedAt).not.toBeNull();
    expect((await json("/api/rounds", researcher)).body.rounds.map((r: { id: string }) => r.id)).not.toContain(roundId);
    expect((await json("/api/rounds?archived=1", researcher)).body.rounds.map((r: { id: string }) => r.id)).toContain(roundId);
    const a = (await json(`/api/rounds/${roundId}`, researcher)).body.items[0].id;
    expect((await call(`/api/rounds/${roundId}/items/${a}`, researcher, "POST", { baseRevision: null, sentence: {} })).status).toBe(409);
    expect((await call(`/api/rounds/${roundId}/raters`, researcher, "POST", { raterIds: [raters[2].id] })).status).toBe(409);
    expect((await setState("open")).status).toBe(200);
    expect((await json("/api/rounds", researcher)).body.rounds.map((r: { id: string }) => r.id)).toContain(roundId);
  });

  it("adds raters to a running round: they take an even share of the unstarted work, k per item stays", async () => {
    const before = await overview();
    const perItem = new Map(before.items.map((i) => [i.id, i.assigned]));
    const res = await json(`/api/rounds/${roundId}/raters`, researcher, "POST", { raterIds: [raters[2].id] });
    expect(res.status).toBe(200);
    expect(res.body.added).toEqual([raters[2].id]);
    const after = await overview();
    // Every item still has k = 1 rater; the newcomer holds a share and sees it in their queue.
    expect(new Map(after.items.map((i) => [i.id, i.assigned]))).toEqual(perItem);
    const mine = after.raters.find((r) => r.id === raters[2].id)!;
    expect(mine.assigned).toBe(res.body.assignments[raters[2].id]);
    expect(mine.assigned).toBeGreaterThan(0);
    expect((await queue(2)).total).toBe(mine.assigned);
    const opens = after.raters.map((r) => r.open);
    expect(Math.max(...opens) - Math.min(...opens)).toBeLessThanOrEqual(1);
    // Started work stayed with its rater: rater 1's draft and skip are still theirs.
    const r1 = after.raters.find((r) => r.id === raters[0].id)!;
    expect(r1.skipped).toBe(1);
    // Progress per rater: finished share of their own assignments.
    expect(r1.progress).toBeCloseTo(r1.skipped / r1.assigned, 6);
    // Twice, or a researcher, or an unknown id: refused naming the rater.
    const again = await json(`/api/rounds/${roundId}/raters`, researcher, "POST", { raterIds: [raters[2].id] });
    expect(again.status).toBe(422);
    expect(again.body.error.problems[0].message).toContain("already");
    expect((await call(`/api/rounds/${roundId}/raters`, researcher, "POST", { raterIds: ["nobody"] })).status).toBe(422);
    expect((await call(`/api/rounds/${roundId}/raters`, researcher, "POST", { raterIds: [] })).status).toBe(422);
    // The round page shows the progress per rater.
    const html = (await (await call(`/rounds/${roundId}`, researcher)).text()).replaceAll("<!-- -->", "");
    expect(html).toContain('role="progressbar"');
    expect(html).toContain("rater3@example.org");
  });

  it("draws 'limit' as a seeded random sample: the seed is stored and gives the same items again", async () => {
    const make = async (name: string, seed: number) => {
      const r = await json("/api/rounds", researcher, "POST", { datasetId, name, k: 1, raterIds: [raters[3].id], seed, filter: { limit: 3 } });
      expect(r.status).toBe(201);
      const o = await overview(r.body.id);
      expect(o.round.seed).toBe(seed);
      return o.items.map((i) => i.uttId).join(",");
    };
    const all = (await overview()).items.map((i) => i.uttId).sort();
    const a = await make("sample a", 11);
    expect(await make("sample b", 11)).toBe(a);
    const others = new Set<string>([a]);
    for (const seed of [12, 13, 14, 15]) others.add(await make(`sample ${seed}`, seed));
    expect(others.size).toBeGreaterThan(1); // not always the same three
    expect([...others]).not.toEqual([all.slice(0, 3).join(",")]); // not the first three in corpus order
  });
});
