// End to end in headless Chromium against the built app: the audit page of 25 flagged rationales.
// One count everywhere (header, filters, list), 20 per page with a pager, search by utterance id /
// word / flag code that the filters and the pager keep, and "Send to review" asks first: dismissing
// the dialog creates nothing, accepting creates a review round of exactly the listed items.
// Screenshots go to test-results/audit-page/.
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
import { auditModel } from "@/lib/services/audit";

const PW = "correct horse battery";
const SHOTS = path.resolve("test-results/audit-page");

describe.each(TEST_DATABASES.slice(0, 1))("audit page end to end on $name", (t) => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let url: string;
  let firstUtt: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const corpus = await miniCorpus(25);
    app = await startApp(t, async (d) => {
      await createUser(d, { email: "res@example.org", password: PW, role: "researcher" });
      await createUser(d, { email: "r1@example.org", password: PW, role: "rater" });
      await importSpeechocean762(d, { dir: corpus, dataset: "mini", split: "test" });
      const ds = await d.prisma.dataset.findFirstOrThrow();
      const items = await d.prisma.item.findMany({ include: { words: { orderBy: { index: "asc" } } }, orderBy: { uttId: "asc" } });
      firstUtt = items[0].uttId;
      const mv = await d.prisma.modelVersion.create({ data: { name: "m1", kind: "FILE" } });
      await d.prisma.prediction.createMany({
        data: items.map((it, i) => ({
          modelVersionId: mv.id, itemId: it.id, sentence: {}, words: [], phones: [],
          // Every rationale names a word that is not there; every other one also contradicts its labels.
          response: `Accuracy: Good\nWords: ${it.words.map((w) => `${w.text}/Excellent`).join(" ")}\n${i % 2 ? `'${it.words[0].text}' was mispronounced; ` : ""}'HOUSE' was dropped.`,
        })),
      });
      await auditModel(d, { dataset: "mini", model: "m1" });
      url = `/audits/${mv.id}/${ds.id}`;
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

  const text = (testId: string) => page.getByTestId(testId).innerText();

  it("pages 20 at a time with one count everywhere, and searches", async () => {
    await page.goto(`${app.base}${url}`);
    expect(await text("flag-count")).toContain("25 of 25 rationales are flagged");
    expect(await text("code-filters")).toMatch(/^all \(25\)/);
    expect(await text("code-filters")).toContain("not_in_utterance (25)");
    expect(await text("range")).toBe("1–20 of 25");
    expect(await page.locator(".pager").first().innerText()).toContain("page 1 of 2");
    await page.screenshot({ path: path.join(SHOTS, "page-1.png"), fullPage: true });
    await page.getByRole("link", { name: "next →" }).click();
    await page.waitForURL(/page=2/);
    expect(await text("range")).toBe("21–25 of 25");

    // A filter by code: its count is the list's count.
    await page.goto(`${app.base}${url}`);
    const contra = Number((await text("code-filters")).match(/contradicts_prediction \((\d+)\)/)![1]);
    expect(contra).toBe(12);
    await page.getByRole("link", { name: "contradicts_prediction" }).click();
    await page.waitForURL(/code=contradicts_prediction/);
    expect(await text("range")).toBe(`1–${contra} of ${contra}`);
    expect(await text("flag-count")).toContain(`Showing ${contra} with contradicts_prediction`);

    // Search by utterance id; the filters then count within the search and keep it.
    await page.goto(`${app.base}${url}`);
    await page.getByLabel("Search", { exact: true }).fill(firstUtt);
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/q=/);
    expect(await text("range")).toBe("1–1 of 1");
    expect(await text("code-filters")).toMatch(/^all \(1\)/);
    expect(await text("flag-count")).toContain("25 of 25 rationales are flagged");
    await page.screenshot({ path: path.join(SHOTS, "search.png"), fullPage: true });
    await page.getByRole("link", { name: "not_in_utterance" }).click();
    await page.waitForURL(/code=not_in_utterance/);
    expect(page.url()).toContain(`q=${firstUtt}`);
    expect(await text("range")).toBe("1–1 of 1");
  });

  it("asks before sending to review, and sends exactly the listed items", async () => {
    await page.goto(`${app.base}${url}?code=contradicts_prediction`);
    const reviews = async () => ((await (await page.request.get(`${app.base}/api/rounds`)).json()).rounds as { kind: string; assignments: number }[]).filter((r) => r.kind === "REVIEW");
    const before = (await reviews()).length;
    const messages: string[] = [];
    page.once("dialog", (d) => { messages.push(d.message()); void d.dismiss(); });
    await page.getByRole("button", { name: "Send to review" }).click();
    await page.waitForTimeout(500); // a dismissed dialog posts nothing: nothing to wait for
    expect(messages[0]).toContain("12 items");
    expect((await reviews()).length).toBe(before);
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Send to review" }).click();
    await page.waitForURL(/sent=/);
    const after = await reviews();
    expect(after).toHaveLength(before + 1);
    expect(after[0].assignments).toBe(12); // one rater, the 12 listed items
    expect(await page.locator(".panel", { hasText: "Sent 12 flagged items" }).count()).toBe(1);
  });
});
