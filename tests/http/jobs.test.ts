// Jobs over HTTP against the built app: GET /api/jobs lists every kind (audits and exports included)
// with progress and filters by kind; impossible requests are refused before a job exists — a run on
// a split the dataset lacks answers 422 naming the split (inference, audit, export), instead of a job
// that "succeeds" with 0/0. Raters get 403, strangers 401; the jobs page is for staff.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, signIn, type RunningApp } from "../helpers/server";
import { miniCorpus } from "../helpers/corpus";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";

const PW = "correct horse battery";

describe.each(TEST_DATABASES)("jobs over HTTP on $name", (t) => {
  let app: RunningApp;
  let researcher: string;
  let rater: string;

  beforeAll(async () => {
    const corpus = await miniCorpus(3);
    app = await startApp(t, async (db) => {
      const res = await createUser(db, { email: "res@example.org", password: PW, role: "researcher" });
      await createUser(db, { email: "rater@example.org", password: PW, role: "rater" });
      await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
      const items = await db.prisma.item.findMany({ include: { words: { orderBy: { index: "asc" } } } });
      const mv = await db.prisma.modelVersion.create({ data: { name: "m1", kind: "FILE" } });
      await db.prisma.prediction.createMany({
        data: items.map((it) => ({ modelVersionId: mv.id, itemId: it.id, sentence: {}, words: [], phones: [], response: `Accuracy: Good\n'${it.words[0].text}' was clear; 'HOUSE' was dropped.` })),
      });
      // Finished jobs of other kinds, as the command line leaves them.
      await db.prisma.job.create({ data: { kind: "export.dpo", status: "SUCCEEDED", done: 4, total: 4, params: { dataset: "mini", out: "/somewhere/secret.jsonl" }, result: { rows: 4 }, createdById: res.id } });
      await db.prisma.job.create({ data: { kind: "rationale-variant", status: "FAILED", error: "no such model", params: { dataset: "mini" } } });
    });
    researcher = (await signIn(app.base, "res@example.org", PW))!;
    rater = (await signIn(app.base, "rater@example.org", PW))!;
  });
  afterAll(async () => {
    await app?.stop();
  });

  const call = (p: string, cookie?: string, method = "GET", body?: unknown) =>
    fetch(`${app.base}${p}`, { method, redirect: "manual", headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  type Job = { id: string; kind: string; status: string; done: number; total: number; params: Record<string, unknown>; summary: Record<string, unknown>; by: string; error: string | null };
  const jobs = async (q = "") => ((await (await call(`/api/jobs${q}`, researcher)).json()).jobs as Job[]);

  it("is for staff only", async () => {
    expect((await call("/api/jobs")).status).toBe(401);
    expect((await call("/api/jobs", rater)).status).toBe(403);
    expect((await call("/jobs", rater)).status).toBe(403);
    expect((await call("/jobs", researcher)).status).toBe(200);
  });

  it("refuses a run on a split the dataset lacks (422 naming it), and starts nothing", async () => {
    const before = (await jobs()).length;
    for (const [path, body] of [
      ["/api/models/infer", { dataset: "mini", model: "default", split: "train" }],
      ["/api/audits", { dataset: "mini", model: "m1", split: "train" }],
      ["/api/exports", { kind: "dpo", dataset: "mini", splits: ["train"] }],
      ["/api/exports", { kind: "speechocean762", dataset: "mini", splits: ["test", "dev"] }],
    ] as const) {
      const r = await call(path, researcher, "POST", body);
      const answer = await r.json();
      expect(r.status, path).toBe(422);
      expect(answer.error.message, path).toMatch(/“(train|dev)”/);
      expect(answer.error.message, path).toContain("mini");
      expect(answer.error.message, path).toContain("test"); // what it has
      expect(answer.error.problems[0].field, path).toMatch(/^splits?$/);
    }
    expect((await jobs()).length).toBe(before);
  });

  it("lists every kind, audit jobs included, with progress and a summary, and filters by kind", async () => {
    const r = await call("/api/audits", researcher, "POST", { dataset: "mini", model: "m1", split: "test" });
    expect(r.status).toBe(202);
    const { job } = await r.json();
    let audit: Job | undefined;
    for (let i = 0; i < 600 && !["SUCCEEDED", "FAILED"].includes(audit?.status ?? ""); i++) {
      await new Promise((res) => setTimeout(res, 500));
      audit = (await jobs()).find((j) => j.id === job.id);
    }
    expect(audit).toMatchObject({ kind: "audit", status: "SUCCEEDED", by: "res@example.org", error: null });
    expect(audit!.done).toBe(audit!.total);
    expect(audit!.total).toBeGreaterThan(0);
    expect(audit!.summary.flagged).toBe(3);
    const all = await jobs();
    expect(new Set(all.map((j) => j.kind))).toEqual(new Set(["audit", "export.dpo", "rationale-variant"]));
    expect(all.find((j) => j.kind === "export.dpo")!.params).toEqual({ dataset: "mini" }); // no server paths
    expect(all.find((j) => j.kind === "rationale-variant")).toMatchObject({ status: "FAILED", error: "no such model", by: "command line" });
    expect((await jobs("?kind=audit")).map((j) => j.kind)).toEqual(["audit"]);
    expect((await jobs("?kind=export.")).map((j) => j.kind)).toEqual(["export.dpo"]);
    const bad = await call("/api/jobs?kind=bogus", researcher);
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.message).toContain("“bogus”");
    // The jobs page and the audits page list it too.
    for (const page of ["/jobs", "/audits"]) expect(await (await call(page, researcher)).text(), page).toContain(job.id);
  });
});
