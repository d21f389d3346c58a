// End to end in headless Chromium: a researcher uploads a zip of recordings in mixed formats (WAV,
// FLAC, MP3, Opus, Vorbis) with a manifest, first one with problems (the report lists them, nothing
// is written), then a good one: sees the report, imports it as a job with progress, and a rater
// scores an item of it. Screenshots go to test-results/upload-e2e/.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdirSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium, signInPage } from "../helpers/browser";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, type RunningApp } from "../helpers/server";
import { requireFfmpeg, writeFormatFixtures } from "../helpers/audio-formats";
import { writeZip } from "../helpers/zip";
import { createUser } from "@/lib/services/users";

const PW = "correct horse battery";
const SHOTS = path.resolve("test-results/upload-e2e");

describe.each(TEST_DATABASES.slice(0, 1))("upload and import recordings end to end on $name", (t) => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let raterId = "";
  let goodZip = "";
  let badZip = "";

  beforeAll(async () => {
    requireFfmpeg();
    mkdirSync(SHOTS, { recursive: true });
    const dir = await mkdtemp(path.join(tmpdir(), "attest-upload-e2e-"));
    const fx = await writeFormatFixtures(dir);
    const audio = [
      { name: "lab/a.wav", data: await readFile(fx.wav) },
      { name: "lab/b.flac", data: await readFile(fx.flac) },
      { name: "lab/c.mp3", data: await readFile(fx.mp3) },
      { name: "lab/d.opus", data: await readFile(fx.opus) },
      { name: "lab/e.ogg", data: await readFile(fx.ogg) },
    ];
    const manifest = "file,text,speaker\na.wav,hello world,s1\nb.flac,we call it bear,s1\nc.mp3,the zorblax sings,s2\nd.opus,good morning,s2\ne.ogg,one two three,s3\n";
    goodZip = path.join(dir, "recordings.zip");
    await writeZip(goodZip, [{ name: "lab/manifest.csv", data: Buffer.from(manifest) }, ...audio]);
    badZip = path.join(dir, "broken.zip");
    await writeZip(badZip, [
      { name: "lab/manifest.csv", data: Buffer.from(`${manifest}missing.wav,where is it,s3\nf.mp3,,s3\n`) },
      ...audio,
      { name: "lab/f.mp3", data: Buffer.from("not an mp3 at all") },
    ]);
    app = await startApp(t, async (db) => {
      await createUser(db, { email: "researcher@example.org", password: PW, role: "researcher" });
      raterId = (await createUser(db, { email: "rater@example.org", password: PW, role: "rater" })).id;
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    page.on("pageerror", (e) => console.error("[browser error]", e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("uploads a zip, sees the report, imports as a job, and a rater scores an item of it", async () => {
    await signInPage(page, app.base, "researcher@example.org", PW);
    await page.goto(`${app.base}/datasets`);
    await page.click('[data-testid="import-link"]');
    await page.waitForURL("**/datasets/import");
    await page.fill('input[name="dataset"]', "lab-upload");

    // A zip with problems: the report names each, and nothing is imported.
    await page.setInputFiles('[data-testid="upload-input"]', badZip);
    await page.click('[data-testid="check"]');
    await page.waitForSelector('[data-testid="report"]', { timeout: 120_000 });
    await page.screenshot({ path: path.join(SHOTS, "1-report-with-problems.png"), fullPage: true });
    expect(await page.getAttribute('[data-testid="report"]', "data-ok")).toBe("0");
    const problems = await page.$$eval('[data-testid="problems"] tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent)));
    expect(problems.map((p) => [p[0], p[1], p[2]])).toEqual([
      ["lab/manifest.csv", "7", "file"],
      ["lab/manifest.csv", "8", "text"],
    ]);
    expect(await page.$('[data-testid="import"]')).toBeNull();
    expect(await page.textContent('[data-testid="problems"]')).not.toContain(app.dataDir); // no server paths

    // The good zip (chosen instead of the other): a clean report, then the import.
    await page.click("text=Clear");
    await page.setInputFiles('[data-testid="upload-input"]', goodZip);
    await page.click('[data-testid="check"]');
    await page.waitForSelector('[data-testid="report"][data-ok="1"]', { timeout: 120_000 });
    expect(await page.textContent('[data-testid="report"]')).toContain("5 recordings");
    expect(await page.textContent('[data-testid="oov"]')).toContain("zorblax");
    await page.screenshot({ path: path.join(SHOTS, "2-report-ok.png"), fullPage: true });
    await page.click('[data-testid="import"]');
    await page.waitForSelector('[data-testid="job"][data-status="SUCCEEDED"]', { timeout: 180_000 }).catch(async (e) => {
      await page.screenshot({ path: path.join(SHOTS, "failed-job.png"), fullPage: true });
      throw e;
    });
    await page.screenshot({ path: path.join(SHOTS, "3-imported.png"), fullPage: true });
    await page.goto(`${app.base}/datasets`);
    expect(await page.textContent("body")).toContain("lab-upload");
    await page.screenshot({ path: path.join(SHOTS, "4-datasets.png"), fullPage: true });

    // A round over the new dataset for the rater (the researcher's session makes it).
    const ds = (await (await page.request.get(`${app.base}/api/datasets`)).json()).datasets.find((d: { name: string }) => d.name === "lab-upload");
    const round = await page.request.post(`${app.base}/api/rounds`, {
      data: { datasetId: ds.id, name: "first", k: 1, raterIds: [raterId], seed: 1 },
      headers: { origin: app.base },
    });
    expect(round.status(), await round.text()).toBe(201);

    // The rater hears the recording as uploaded and scores it by keyboard.
    const ctx = await browser.newContext({ viewport: { width: 1300, height: 900 } });
    const rp = await ctx.newPage();
    await signInPage(rp, app.base, "rater@example.org", PW);
    await rp.goto(`${app.base}/queue`);
    await rp.click('[data-testid="queue-next"]');
    await rp.waitForURL("**/rate/**");
    await rp.waitForSelector('[data-testid="waveform"][data-ready="1"]', { timeout: 60_000 });
    for (const k of ["8", "7", "6", "1"]) {
      await rp.keyboard.press(k);
      await rp.keyboard.press("ArrowDown");
    }
    const phonesPerWord = await Promise.all((await rp.$$(".wblock")).map((w) => w.$$eval(".prow", (x) => x.length)));
    for (const n of phonesPerWord) {
      for (const k of ["9", "ArrowDown", "1", "0", "ArrowDown"]) await rp.keyboard.press(k);
      for (let p = 0; p < n; p++) {
        await rp.keyboard.press("2");
        await rp.keyboard.press("ArrowDown");
      }
    }
    await rp.keyboard.press("Control+Enter");
    await rp.waitForSelector('[data-testid="save-status"]:text-is("submitted")', { timeout: 30_000 }).catch(async (e) => {
      await rp.screenshot({ path: path.join(SHOTS, "failed-submit.png"), fullPage: true });
      throw e;
    });
    await rp.screenshot({ path: path.join(SHOTS, "5-rater-submitted.png"), fullPage: true });
    await ctx.close();
  }, 900_000);
});
