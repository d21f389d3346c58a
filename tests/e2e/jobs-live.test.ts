// End to end in headless Chromium against the built app: job lists update by themselves. With the
// jobs page and the exports page open (no reload), an audit job and an export started elsewhere appear,
// move, and end as succeeded; the audits page's own list shows the audit job. Screenshots of the jobs,
// models, audits and exports pages go to test-results/jobs-live/.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, signInPage } from "../helpers/browser";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, type RunningApp } from "../helpers/server";
import { miniCorpus } from "../helpers/corpus";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";

const PW = "correct horse battery";
const SHOTS = path.resolve("test-results/jobs-live");

describe.each(TEST_DATABASES.slice(0, 1))("live job lists end to end on $name", (t) => {
  let app: RunningApp;
  let browser: Browser;
  let ctx: BrowserContext;
  let jobs: Page;
  let exportsPage: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const corpus = await miniCorpus(3);
    app = await startApp(t, async (db) => {
      await createUser(db, { email: "res@example.org", password: PW, role: "researcher" });
      await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
      const items = await db.prisma.item.findMany({ include: { words: { orderBy: { index: "asc" } } } });
      const mv = await db.prisma.modelVersion.create({ data: { name: "m1", kind: "FILE" } });
      await db.prisma.prediction.createMany({
        data: items.map((it) => ({ modelVersionId: mv.id, itemId: it.id, sentence: {}, words: [], phones: [], response: `Accuracy: Good\n'${it.words[0].text}' was clear; 'HOUSE' was dropped.` })),
      });
    });
    browser = await launchChromium();
    ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    jobs = await ctx.newPage();
    jobs.on("pageerror", (e) => console.error("[browser error]", e.message));
    await signInPage(jobs, app.base, "res@example.org", PW);
    exportsPage = await ctx.newPage();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("shows an audit job started elsewhere, to its end, without a reload", async () => {
    await jobs.goto(`${app.base}/jobs`);
    expect(await jobs.getByTestId("job-list").innerText()).toContain("No jobs yet.");
    const r = await jobs.request.post(`${app.base}/api/audits`, { data: { dataset: "mini", model: "m1" }, headers: { origin: app.base } });
    expect(r.status()).toBe(202);
    const id = (await r.json()).job.id as string;
    const row = jobs.locator(`tr[data-job-id="${id}"]`);
    await row.waitFor({ timeout: 60_000 });
    expect(await row.getAttribute("data-kind")).toBe("audit");
    await jobs.locator(`tr[data-job-id="${id}"][data-status="SUCCEEDED"]`).waitFor({ timeout: 120_000 });
    expect(await row.innerText()).toContain("flagged 3");
    await jobs.screenshot({ path: path.join(SHOTS, "jobs.png"), fullPage: true });
    await jobs.goto(`${app.base}/audits`);
    expect(await jobs.locator(`tr[data-job-id="${id}"]`).count()).toBe(1);
    await jobs.screenshot({ path: path.join(SHOTS, "audits.png"), fullPage: true });
    await jobs.goto(`${app.base}/models`);
    await jobs.screenshot({ path: path.join(SHOTS, "models.png"), fullPage: true });
  });

  it("shows an export started elsewhere on the open exports page, to its end", async () => {
    await exportsPage.goto(`${app.base}/exports`);
    const r = await exportsPage.request.post(`${app.base}/api/exports`, { data: { kind: "textgrid", dataset: "mini" }, headers: { origin: app.base } });
    expect(r.status()).toBe(202);
    const id = (await r.json()).jobId as string;
    await exportsPage.locator(`tr[data-job-id="${id}"][data-status="SUCCEEDED"]`).waitFor({ timeout: 120_000 });
    expect(await exportsPage.locator(`tr[data-job-id="${id}"]`).getByRole("link", { name: "Download" }).count()).toBe(1);
    await exportsPage.screenshot({ path: path.join(SHOTS, "exports.png"), fullPage: true });
    // A split the dataset lacks is refused with its name, in the form's own words.
    await exportsPage.request.post(`${app.base}/api/exports`, { data: { kind: "textgrid", dataset: "mini", splits: ["train"] }, headers: { origin: app.base } }).then(async (x) => {
      expect(x.status()).toBe(422);
      expect((await x.json()).error.message).toContain("“train”");
    });
  });
});
