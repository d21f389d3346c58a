// End to end in headless Chromium against the built app: a researcher runs a round's lifecycle from
// its page. Progress per rater is shown; "Close round" and "Archive round" ask first (dismissing
// changes nothing); a closed round says so and offers "Reopen"; raters are added from the page;
// an archived round leaves the rounds list. Screenshots go to test-results/round-lifecycle/.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium, signInPage } from "../helpers/browser";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, type RunningApp } from "../helpers/server";
import { miniCorpus } from "../helpers/corpus";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { createRound } from "@/lib/services/rounds";

const PW = "correct horse battery";
const SHOTS = path.resolve("test-results/round-lifecycle");

describe.each(TEST_DATABASES.slice(0, 1))("round lifecycle end to end on $name", (t) => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const corpus = await miniCorpus(8);
    app = await startApp(t, async (db) => {
      await createUser(db, { email: "res@example.org", password: PW, role: "researcher" });
      const raters = [];
      for (const n of [1, 2, 3]) raters.push(await createUser(db, { email: `r${n}@example.org`, password: PW, role: "rater" }));
      await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
      const ds = await db.prisma.dataset.findFirstOrThrow();
      const round = await createRound(db, { datasetId: ds.id, name: "pilot", k: 1, raterIds: [raters[0].id, raters[1].id], seed: 42, filter: { limit: 6 } }, null);
      // r1 skips one item: 1 of 3 finished.
      const a = await db.prisma.assignment.findFirstOrThrow({ where: { raterId: raters[0].id }, orderBy: { position: "asc" } });
      await db.prisma.assignment.update({ where: { id: a.id }, data: { status: "SKIPPED", skipReason: "silent", finishedAt: new Date() } });
      url = `/rounds/${round.id}`;
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

  const state = () => page.getByTestId("round-state").innerText();

  it("shows progress per rater and the seed of the random sample", async () => {
    await page.goto(`${app.base}${url}`);
    expect(await state()).toBe("open");
    expect(await page.getByTestId("round-seed").innerText()).toBe("42");
    expect(await page.locator(".sub").first().innerText()).toContain("random sample of 6 drawn with this seed");
    const r1 = page.locator('tr[data-rater="r1@example.org"]');
    expect(await r1.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("1");
    expect(await r1.innerText()).toContain("1 of 3 (33%)");
    await page.screenshot({ path: path.join(SHOTS, "open.png"), fullPage: true });
  });

  it("asks before closing; a closed round offers reopening", async () => {
    let asked = "";
    page.once("dialog", (d) => { asked = d.message(); void d.dismiss(); });
    await page.getByRole("button", { name: "Close round" }).click();
    await page.waitForTimeout(500); // a dismissed dialog posts nothing: nothing to wait for
    expect(asked).toContain("Close “pilot”?");
    await page.reload();
    expect(await state()).toBe("open");
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Close round" }).click();
    await page.waitForURL(/state=closed/);
    expect(await state()).toBe("closed");
    expect(await page.getByTestId("round-lifecycle").innerText()).toContain("nothing can be saved in it");
    expect(await page.getByTestId("add-raters").count()).toBe(0); // not while closed
    await page.screenshot({ path: path.join(SHOTS, "closed.png"), fullPage: true });
    await page.getByRole("button", { name: "Reopen round" }).click();
    await page.waitForURL(/state=open/);
    expect(await state()).toBe("open");
  });

  it("adds a rater from the page", async () => {
    await page.getByTestId("add-raters").getByLabel("r3@example.org").check();
    await page.getByRole("button", { name: "Add raters" }).click();
    await page.waitForURL(/added=1/);
    const r3 = page.locator('tr[data-rater="r3@example.org"]');
    expect(await r3.count()).toBe(1);
    expect(await r3.innerText()).toMatch(/0 of [12] \(0%\)/);
  });

  it("asks before archiving; an archived round leaves the list", async () => {
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Archive round" }).click();
    await page.waitForURL(/state=archived/);
    expect(await state()).toBe("archived");
    await page.goto(`${app.base}/rounds`);
    expect(await page.getByRole("link", { name: "pilot" }).count()).toBe(0);
    await page.getByRole("link", { name: "show archived rounds" }).click();
    await page.waitForURL(/archived=1/);
    expect(await page.getByRole("link", { name: "pilot" }).count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, "rounds-archived.png"), fullPage: true });
  });
});
