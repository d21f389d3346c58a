// Exports over HTTP: the exports permission is checked on the server (a rater gets 403 on every
// export page and route); a researcher starts an export job, watches it finish and downloads it.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { parse } from "csv-parse/sync";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, signIn, type RunningApp } from "../helpers/server";
import { miniCorpus } from "../helpers/corpus";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { CSV_COLUMNS } from "@/lib/exports/pair-formats";

const PW = "correct horse battery";

describe.each(TEST_DATABASES)("exports over HTTP on $name", (t) => {
  let app: RunningApp;
  let researcher: string;
  let rater: string;

  beforeAll(async () => {
    const corpus = await miniCorpus(3);
    app = await startApp(t, async (db) => {
      await createUser(db, { email: "res@example.org", password: PW, role: "researcher" });
      await createUser(db, { email: "rater@example.org", password: PW, role: "rater" });
      await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
    });
    researcher = (await signIn(app.base, "res@example.org", PW))!;
    rater = (await signIn(app.base, "rater@example.org", PW))!;
  });
  afterAll(async () => {
    await app?.stop();
  });

  const req = (p: string, cookie?: string, init: RequestInit = {}) =>
    fetch(`${app.base}${p}`, { redirect: "manual", ...init, headers: { ...(cookie ? { cookie } : {}), ...(init.headers ?? {}) } });
  const post = (cookie: string | undefined, body: unknown) =>
    req("/api/exports", cookie, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("refuses anonymous users (401) and raters without the exports permission (403)", async () => {
    expect((await req("/api/exports")).status).toBe(401);
    expect((await req("/exports")).status).toBe(307);
    expect((await req("/exports", rater)).status).toBe(403);
    expect((await req("/api/exports", rater)).status).toBe(403);
    expect((await post(rater, { kind: "dpo", dataset: "mini", source: "label_flip", format: "csv" })).status).toBe(403);
    expect((await req("/api/exports/00000000-0000-0000-0000-000000000000/download", rater)).status).toBe(403);
  });

  it("lets a researcher run an export as a job and download it, streamed", async () => {
    expect((await req("/exports", researcher)).status).toBe(200);
    expect((await post(researcher, { kind: "dpo", dataset: "nope" })).status).toBe(404);
    expect((await post(researcher, { kind: "zip", dataset: "mini" })).status).toBe(422);
    const r = await post(researcher, { kind: "dpo", dataset: "mini", source: "label_flip", format: "csv", seed: 4 });
    expect(r.status).toBe(202);
    const { jobId } = await r.json();
    let job: { status: string } = { status: "QUEUED" };
    for (let i = 0; i < 240 && (job.status === "QUEUED" || job.status === "RUNNING"); i++) {
      await new Promise((res) => setTimeout(res, 500));
      job = await (await req(`/api/jobs/${jobId}`, researcher)).json();
    }
    expect(job.status).toBe("SUCCEEDED");
    expect((await req(`/api/exports/${jobId}/download`, rater)).status).toBe(403);
    const d = await req(`/api/exports/${jobId}/download`, researcher);
    expect(d.status).toBe(200);
    expect(d.headers.get("content-disposition")).toMatch(/attachment; filename="mini-label_flip\.csv"/);
    const records: Record<string, string>[] = parse(await d.text(), { columns: true });
    expect(records.length).toBeGreaterThan(0);
    expect(Object.keys(records[0])).toEqual([...CSV_COLUMNS]);
    const list = await (await req("/api/exports", researcher)).json();
    expect(list.exports[0]).toMatchObject({ id: jobId, status: "SUCCEEDED", by: "res@example.org", dataset: "mini" });
  });
});
