// Exports over HTTP: the exports permission is checked on the server (a rater gets 403 on every
// export page and route); a researcher starts an export job, watches it finish and downloads it.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
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
  let corpus: string;

  beforeAll(async () => {
    corpus = await miniCorpus(3);
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
  /** Waits for an export job that a POST started, and returns its id. */
  const finished = async (r: Response): Promise<string> => {
    expect(r.status).toBe(202);
    const { jobId } = await r.json();
    let job: { status: string } = { status: "QUEUED" };
    for (let i = 0; i < 240 && (job.status === "QUEUED" || job.status === "RUNNING"); i++) {
      await new Promise((res) => setTimeout(res, 500));
      job = await (await req(`/api/jobs/${jobId}`, researcher)).json();
    }
    expect(job.status).toBe("SUCCEEDED");
    return jobId;
  };
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
    const jobId = await finished(await post(researcher, { kind: "dpo", dataset: "mini", source: "label_flip", format: "csv", seed: 4, audio: "source" }));
    expect((await req(`/api/exports/${jobId}/download`, rater)).status).toBe(403);
    const d = await req(`/api/exports/${jobId}/download`, researcher);
    expect(d.status).toBe(200);
    expect(d.headers.get("content-disposition")).toMatch(/attachment; filename="mini-label_flip\.csv"/);
    const records: Record<string, string>[] = parse(await d.text(), { columns: true });
    expect(records.length).toBeGreaterThan(0);
    expect(Object.keys(records[0])).toEqual([...CSV_COLUMNS]);
    // "source": the path each recording was imported from.
    for (const r of records) expect(r.audio_path.startsWith(path.resolve(corpus) + path.sep)).toBe(true);
    const list = await (await req("/api/exports", researcher)).json();
    expect(list.exports[0]).toMatchObject({ id: jobId, status: "SUCCEEDED", by: "res@example.org", dataset: "mini", audio: "source" });
  });

  it("carries the recordings by default: a folder with the pairs and audio/<utt_id>.wav, downloaded as a tar", async () => {
    const jobId = await finished(await post(researcher, { kind: "dpo", dataset: "mini", source: "label_flip", format: "csv", seed: 4 }));
    const d = await req(`/api/exports/${jobId}/download`, researcher);
    expect(d.status).toBe(200);
    expect(d.headers.get("content-disposition")).toMatch(/attachment; filename="mini-label_flip\.tar"/);
    const into = await mkdtemp(path.join(tmpdir(), "attest-export-tar-"));
    const tar = spawnSync("tar", ["-x", "-C", into], { input: Buffer.from(await d.arrayBuffer()) });
    expect(tar.status, tar.stderr.toString()).toBe(0);
    const folder = path.join(into, "mini-label_flip");
    const records: Record<string, string>[] = parse(await readFile(path.join(folder, "mini-label_flip.csv"), "utf8"), { columns: true });
    expect(Object.keys(records[0])).toEqual([...CSV_COLUMNS]);
    const wavScp = new Map((await readFile(path.join(corpus, "test/wav.scp"), "utf8")).trim().split("\n").map((l) => l.split(/\s+/) as [string, string]));
    expect((await readdir(path.join(folder, "audio"))).sort()).toEqual([...wavScp.keys()].map((u) => `${u}.wav`).sort());
    for (const r of records) {
      expect(r.audio_path).toMatch(/^audio\/\d+\.wav$/);
      const utt = path.basename(r.audio_path, ".wav");
      expect(Buffer.compare(await readFile(path.join(folder, r.audio_path)), await readFile(path.join(corpus, wavScp.get(utt)!)))).toBe(0);
    }
  });
});
