// End to end in headless Chromium against the built app on a private PostgreSQL cluster: the rater
// changes a score while PostgreSQL is down, the save fails (503) and the page says "retrying"; once
// PostgreSQL is back the page saves by itself — no key pressed, no reload — and says "saved". The
// same for a submission, which is stored once. Screenshots go to test-results/autosave-retry/.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium, signInPage } from "../helpers/browser";
import { openDatabase, type Db } from "@/lib/db/client";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { createRound } from "@/lib/services/rounds";
import { startApp, type RunningApp } from "../helpers/server";
import { miniCorpus } from "../helpers/corpus";
import { startPrivatePostgres, type PrivatePostgres } from "../helpers/private-postgres";

const PW = "correct horse battery";
const SHOTS = path.resolve("test-results/autosave-retry");

describe("autosave retries by itself while PostgreSQL is down", () => {
  let pg: PrivatePostgres;
  let app: RunningApp;
  let db: Db;
  let browser: Browser;
  let page: Page;
  let assignmentId: string;
  const puts: number[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    pg = await startPrivatePostgres();
    const corpus = await miniCorpus(1);
    // startApp creates its fresh database on the TEST_DATABASE_URL server: here, the private cluster.
    const saved = process.env.TEST_DATABASE_URL;
    process.env.TEST_DATABASE_URL = pg.url;
    try {
      app = await startApp({ name: "postgres", open: () => Promise.reject(new Error("unused")) }, async (seedDb) => {
        const rater = await createUser(seedDb, { email: "rater@example.org", password: PW, role: "rater" });
        await importSpeechocean762(seedDb, { dir: corpus, dataset: "mini", split: "test" });
        const ds = await seedDb.prisma.dataset.findFirstOrThrow();
        const round = await createRound(seedDb, { datasetId: ds.id, name: "restart", k: 1, raterIds: [rater.id], seed: 3 }, null);
        assignmentId = (await seedDb.prisma.assignment.findFirstOrThrow({ where: { roundId: round.id, raterId: rater.id } })).id;
      });
    } finally {
      if (saved === undefined) delete process.env.TEST_DATABASE_URL;
      else process.env.TEST_DATABASE_URL = saved;
    }
    db = await openDatabase({ kind: "postgres", url: app.databaseUrl! });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on("pageerror", (e) => console.error("[browser error]", e.message));
    page.on("response", (r) => {
      if (r.request().method() === "PUT" && r.url().endsWith(`/api/rater/assignments/${assignmentId}/judgment`)) puts.push(r.status());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await db?.close();
    await app?.stop();
    await pg?.teardown();
  });

  const status = () => page.textContent('[data-testid="save-status"]');
  const judgment = () => db.prisma.judgment.findFirst({ where: { assignmentId, kind: "RATER" }, select: { status: true, accuracy: true, revision: true } });
  /** Polls the database (not the page) until `ok` holds. */
  async function dbUntil(ok: (j: Awaited<ReturnType<typeof judgment>>) => boolean) {
    for (let i = 0; i < 300; i++) {
      const j = await judgment();
      if (ok(j)) return j;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the database never got there: ${JSON.stringify(await judgment())}`);
  }

  it("a draft typed while the database is down reaches it once it is back, without any action", async () => {
    await signInPage(page, app.base, "rater@example.org", PW);
    await page.goto(`${app.base}/rate/${assignmentId}`);
    await page.waitForSelector('[data-testid="waveform"][data-ready="1"]', { timeout: 30_000 });
    expect(await status()).toBe("not saved yet");

    await pg.stop("fast");
    await page.keyboard.press("8"); // sentence accuracy (the first field has the focus)
    await page.waitForSelector('[data-testid="save-status"]:text-matches("^retrying")', { timeout: 15_000 });
    await page.screenshot({ path: path.join(SHOTS, "1-retrying.png"), fullPage: true });
    expect(puts.length).toBeGreaterThan(0);
    expect(puts.every((s) => s === 503)).toBe(true);
    expect(await status()).toMatch(/kept in this browser/); // said plainly, not shown as a hard error
    expect(await page.$('[data-testid="notice"]')).toBeNull();

    await pg.start();
    // No key, no click, no reload from here on: the backoff timer saves it.
    const j = await dbUntil((x) => x?.accuracy === 8);
    expect(j).toMatchObject({ status: "DRAFT", accuracy: 8, revision: 1 });
    await page.waitForSelector('[data-testid="save-status"]:text-is("saved")', { timeout: 30_000 });
    await page.screenshot({ path: path.join(SHOTS, "2-saved-after-restart.png"), fullPage: true });
    expect(puts.at(-1)).toBe(200);
  });

  it("a submission made while the database is down is stored once when it is back", async () => {
    // Score every remaining field by keyboard (as tests/e2e/rater-workspace.test.ts does).
    for (const keys of [["7"], ["6"], ["1"]]) {
      await page.keyboard.press("ArrowDown");
      for (const k of keys) await page.keyboard.press(k);
    }
    await page.keyboard.press("ArrowDown");
    const phonesPerWord = await Promise.all((await page.$$(".wblock")).map((w) => w.$$eval(".prow", (x) => x.length)));
    for (const phones of phonesPerWord) {
      await page.keyboard.press("9");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("1");
      await page.keyboard.press("0");
      await page.keyboard.press("ArrowDown");
      for (let p = 0; p < phones; p++) {
        await page.keyboard.press("2");
        await page.keyboard.press("ArrowDown");
      }
    }
    await page.waitForSelector('[data-testid="save-status"]:text-is("saved")', { timeout: 15_000 });
    expect(await page.textContent('[data-testid="left"]')).toMatch(/^0 of \d+ scores left$/);

    const before = (await judgment())!.revision;
    await pg.stop("immediate");
    puts.length = 0;
    await page.keyboard.press("Control+Enter");
    await page.waitForSelector('[data-testid="save-status"]:text-matches("^retrying")', { timeout: 15_000 });
    await page.screenshot({ path: path.join(SHOTS, "3-submit-retrying.png"), fullPage: true });
    expect(await page.$('[data-testid="model-panel"]')).toBeNull();

    await pg.start();
    const j = await dbUntil((x) => x?.status === "SUBMITTED");
    expect(j).toMatchObject({ status: "SUBMITTED", accuracy: 8, revision: before + 1 });
    await page.waitForSelector('[data-testid="save-status"]:text-is("submitted")', { timeout: 30_000 });
    await page.screenshot({ path: path.join(SHOTS, "4-submitted-after-restart.png"), fullPage: true });
    expect(puts.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(puts.at(-1)).toBe(200);
    // Stored once: one judgment, one write for the submission (above), no revision kept (it was never submitted before).
    const rows = await db.prisma.judgment.findMany({ where: { assignmentId }, select: { revision: true, _count: { select: { revisions: true } } } });
    expect(rows).toHaveLength(1);
    expect(rows[0]._count.revisions).toBe(0);
  });
});
