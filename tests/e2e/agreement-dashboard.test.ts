// End to end in headless Chromium against the built app: the agreement dashboard (issue 13 item 8).
// - A loading state first: the page's shell (heading, filters) comes at once and a loading state
//   holds the figures' place while they are computed. To see it without racing a clock, the test
//   holds an exclusive lock on the judgments table (PostgreSQL) so the figures cannot be read; the
//   shell does not read judgments. Releasing the lock lets the figures stream in.
// - At 1280 px the agreement table fits its container (the Fleiss κ column is on screen without
//   scrolling), its headers are labels with tooltips, not column ids, and no "[object Object]"
//   (e.g. an SVG fill) is anywhere in the page; the charts' legends and titles do not overlap.
// Screenshots go to test-results/agreement-dashboard/.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { launchChromium, signInPage } from "../helpers/browser";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, type RunningApp } from "../helpers/server";
import { miniCorpus } from "../helpers/corpus";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";

const PW = "correct horse battery";
const SHOTS = path.resolve("test-results/agreement-dashboard");
// PostgreSQL when there is one (the loading-state test needs a lock from outside the server).
const t = TEST_DATABASES.find((d) => d.name === "postgres") ?? TEST_DATABASES[0];

describe(`agreement dashboard end to end on ${t.name}`, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const corpus = await miniCorpus(30);
    app = await startApp(t, async (d) => {
      await createUser(d, { email: "res@example.org", password: PW, role: "researcher" });
      await importSpeechocean762(d, { dir: corpus, dataset: "mini", split: "test" });
      url = `/agreement/${(await d.prisma.dataset.findFirstOrThrow()).id}`;
    });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on("pageerror", (e) => console.error("[browser error]", e.message));
    await signInPage(page, app.base, "res@example.org", PW);
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it.skipIf(t.name !== "postgres")("shows the shell and a loading state while the figures are computed, then the figures", async () => {
    const lock = new pg.Client({ connectionString: app.databaseUrl });
    await lock.connect();
    try {
      await lock.query("BEGIN");
      await lock.query('LOCK TABLE "Judgment" IN ACCESS EXCLUSIVE MODE');
      // A seed no other load used: the figures are not in the server's cache.
      await page.goto(`${app.base}${url}?seed=77`, { waitUntil: "commit" });
      await page.locator("h1", { hasText: "Agreement — mini" }).waitFor({ state: "visible", timeout: 60_000 });
      await page.getByRole("button", { name: "Apply" }).waitFor({ state: "visible", timeout: 60_000 });
      const loading = page.locator("[data-loading]");
      expect(await loading.count()).toBe(1);
      expect(await loading.isVisible()).toBe(true);
      expect(await loading.getAttribute("role")).toBe("status");
      expect(await loading.innerText()).toContain("Computing the agreement figures");
      expect(await page.locator("table.grid").count()).toBe(0);
      await page.screenshot({ path: path.join(SHOTS, "loading.png"), fullPage: true });
    } finally {
      await lock.query("COMMIT");
      await lock.end();
    }
    await page.locator('table.grid th[data-col="fleiss_kappa"]').waitFor({ timeout: 120_000 });
    await page.locator("[data-loading]").waitFor({ state: "detached", timeout: 60_000 });
    expect(await page.locator("figure.chart svg").count()).toBeGreaterThan(0);
  }, 240_000);

  it("fits the agreement table at 1280 px, with readable headers and tooltips, and no [object Object]", async () => {
    await page.goto(`${app.base}${url}`);
    await page.locator('table.grid th[data-col="fleiss_kappa"]').waitFor({ timeout: 120_000 });
    await page.screenshot({ path: path.join(SHOTS, "dashboard-1280.png"), fullPage: true });

    const table = page.locator('[data-table="agreement"]');
    const fit = await table.evaluate((block) => {
      const scroller = block.querySelector(".scroll")!;
      const kappa = block.querySelector('th[data-col="fleiss_kappa"]')!.getBoundingClientRect();
      return { scroll: scroller.scrollWidth, client: scroller.clientWidth, kappaRight: kappa.right, viewport: document.documentElement.clientWidth };
    });
    expect(fit.scroll).toBeLessThanOrEqual(fit.client);
    expect(fit.kappaRight).toBeLessThanOrEqual(fit.viewport);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);

    const headers = await table.locator("thead th").evaluateAll((ths) => ths.map((th) => ({ text: (th as HTMLElement).innerText.trim(), title: th.getAttribute("title") ?? "" })));
    expect(headers.map((h) => h.text)).toEqual(expect.arrayContaining(["Aspect", "Fleiss κ", "α ordinal", "ICC(2,1)", "Mean r"]));
    for (const h of headers) {
      expect(h.title.length, `tooltip of ${h.text}`).toBeGreaterThan(h.text.length);
      expect(h.text, "a column id as header").not.toMatch(/_/);
    }
    expect(headers.find((h) => h.text === "Fleiss κ")!.title).toContain("Fleiss' kappa");

    const html = await page.content();
    expect(html).not.toContain("[object Object]");
    const svgs = await page.locator("figure.chart svg").count();
    expect(svgs).toBeGreaterThanOrEqual(4);

    // In every chart the title and the legend do not overlap, and nothing is drawn outside the SVG.
    const clashes = await page.locator("figure.chart svg").evaluateAll((all) =>
      all.flatMap((svg, n) => {
        const box = svg.getBoundingClientRect();
        const texts = [...svg.querySelectorAll("text")].map((el) => ({ s: el.textContent ?? "", r: el.getBoundingClientRect() })).filter((x) => x.s && x.r.width > 0);
        const out = texts.filter((x) => x.r.left < box.left - 1 || x.r.right > box.right + 1 || x.r.top < box.top - 1 || x.r.bottom > box.bottom + 1).map((x) => `chart ${n}: "${x.s}" outside`);
        const title = texts.reduce((a, b) => (b.r.top < a.r.top ? b : a)); // the title is the topmost text
        const overlaps = texts.filter((x) => x !== title).filter((x) => x.r.left < title.r.right && x.r.right > title.r.left && x.r.top < title.r.bottom && x.r.bottom > title.r.top).map((x) => `chart ${n}: "${x.s}" over the title`);
        return [...out, ...overlaps];
      }),
    );
    expect(clashes).toEqual([]);
  }, 240_000);
});
