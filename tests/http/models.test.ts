import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, signIn, type RunningApp } from "../helpers/server";
import { miniCorpus } from "../helpers/corpus";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";

const PW = "correct horse battery";

describe("running inference from the UI's API", () => {
  let app: RunningApp;
  let researcher: string;
  let rater: string;
  beforeAll(async () => {
    const corpus = await miniCorpus(2);
    app = await startApp(TEST_DATABASES[0], async (db) => {
      await createUser(db, { email: "res@example.org", password: PW, role: "researcher" });
      await createUser(db, { email: "rater@example.org", password: PW, role: "rater" });
      await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
    });
    researcher = (await signIn(app.base, "res@example.org", PW))!;
    rater = (await signIn(app.base, "rater@example.org", PW))!;
  });
  afterAll(async () => app?.stop());

  const post = (cookie: string, body: unknown) =>
    fetch(`${app.base}/api/models/infer`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify(body) });

  it("refuses raters", async () => {
    expect((await post(rater, { dataset: "mini", model: "default" })).status).toBe(403);
    expect((await fetch(`${app.base}/models`, { headers: { cookie: rater }, redirect: "manual" })).status).toBe(403);
  });

  it("validates the request", async () => {
    expect((await post(researcher, { dataset: "mini" })).status).toBe(422);
    expect((await post(researcher, { dataset: "nope", model: "default" })).status).toBe(404);
    expect((await post(researcher, { dataset: "mini", model: "no-such-model" })).status).toBe(404);
  });

  it("queues a job that the server's worker runs to completion, with progress", async () => {
    const r = await post(researcher, { dataset: "mini", model: "default" });
    expect(r.status).toBe(202);
    const { job } = await r.json();
    let status = "";
    let last: any = null;
    for (let i = 0; i < 600 && !["SUCCEEDED", "FAILED", "CANCELLED"].includes(status); i++) {
      await new Promise((res) => setTimeout(res, 500));
      last = await (await fetch(`${app.base}/api/jobs/${job.id}`, { headers: { cookie: researcher } })).json();
      status = last.status;
    }
    expect(last.error).toBeNull();
    expect(status).toBe("SUCCEEDED");
    expect(last.done).toBe(last.total);
    const models = await (await fetch(`${app.base}/api/models`, { headers: { cookie: researcher } })).json();
    expect(models.models.find((m: { name: string }) => m.name === "default").predictions).toBe(2);
    // The job is not visible to a rater who did not start it.
    expect((await fetch(`${app.base}/api/jobs/${job.id}`, { headers: { cookie: rater } })).status).toBe(404);
    expect((await fetch(`${app.base}/models`, { headers: { cookie: researcher } })).status).toBe(200);
  });

  it("audits the model's rationales as a job started from the audits page's API", async () => {
    const start = (body: unknown) =>
      fetch(`${app.base}/api/audits`, { method: "POST", headers: { cookie: researcher, "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await start({ dataset: "mini", model: "nope" })).status).toBe(404);
    const r = await start({ dataset: "mini", model: "default" });
    expect(r.status).toBe(202);
    const { job } = await r.json();
    let last: any = null;
    for (let i = 0; i < 240 && !["SUCCEEDED", "FAILED", "CANCELLED"].includes(last?.status); i++) {
      await new Promise((res) => setTimeout(res, 500));
      last = await (await fetch(`${app.base}/api/jobs/${job.id}`, { headers: { cookie: researcher } })).json();
    }
    expect(last.error).toBeNull();
    expect(last.status).toBe("SUCCEEDED");
    const audits = await (await fetch(`${app.base}/api/audits`, { headers: { cookie: researcher } })).json();
    expect(audits.audits).toEqual([expect.objectContaining({ model: "default", dataset: "mini", predictions: 2 })]);
    expect((await fetch(`${app.base}/audits`, { headers: { cookie: researcher } })).status).toBe(200);
  });
});
