// End to end in headless Chromium against the built app: the researcher's item page. An item of a
// dataset with two raters' judgments (a round of two items) and an audited model prediction shows
// the waveform with its word and phone tiers, both raters' values beside the model's labels, the
// model's rationale and its audit flag; previous/next walk the dataset (utterance id order) or,
// opened from the round (?round=<id>), the round's items only. A rater gets 403.
// Screenshots go to test-results/item-page/.
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
import { saveJudgment } from "@/lib/services/judgments";
import { getWorkspace } from "@/lib/services/rater-workspace";
import { auditModel } from "@/lib/services/audit";

const PW = "correct horse battery";
const SHOTS = path.resolve("test-results/item-page");

describe.each(TEST_DATABASES.slice(0, 1))("researcher item page end to end on $name", (t) => {
  let app: RunningApp;
  let browser: Browser;
  let items: { id: string; uttId: string; words: number; phones: number }[] = [];
  let roundId = "";

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const corpus = await miniCorpus(3);
    app = await startApp(t, async (db) => {
      await createUser(db, { email: "res@example.org", password: PW, role: "researcher" });
      const raters = [];
      for (const [n, name] of [[1, "Rater One"], [2, "Rater Two"]] as const) raters.push(await createUser(db, { email: `r${n}@example.org`, password: PW, role: "rater", name }));
      await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
      const ds = await db.prisma.dataset.findFirstOrThrow();
      const all = await db.prisma.item.findMany({ include: { words: { orderBy: { index: "asc" } }, phones: true }, orderBy: { uttId: "asc" } });
      items = all.map((it) => ({ id: it.id, uttId: it.uttId, words: it.words.length, phones: it.phones.length }));
      const mv = await db.prisma.modelVersion.create({ data: { name: "scorer-x", kind: "FILE" } });
      await db.prisma.prediction.createMany({
        data: all.map((it) => ({
          modelVersionId: mv.id,
          itemId: it.id,
          // Names a word that is not in the utterance: the audit flags it (not_in_utterance).
          response: `Accuracy: Good\nFluency: Excellent\nProsody: Good\nWords: ${it.words.map((w) => `${w.text}/Good`).join(" ")}\nThe speaker was clear overall, but 'HOUSE' was dropped.`,
          sentence: { accuracy: { mean: 7.2, label: "Good" }, fluency: { mean: 8.6, label: "Excellent" }, completeness: { mean: 9.5, label: "Excellent" } },
          words: it.words.map(() => ({ accuracy: 8, label: "Good" })),
          phones: it.phones.map(() => ({ score: 1.8, label: "Good" })),
        })),
      });
      await auditModel(db, { dataset: "mini", model: "scorer-x" });
      // A round of the first and the last item, both raters on each; both submit the first item.
      const round = await createRound(db, { datasetId: ds.id, name: "two items", k: 2, raterIds: raters.map((r) => r.id), filter: { itemIds: [all[0].id, all[2].id] }, modelVersionId: mv.id }, null);
      roundId = round.id;
      for (const [i, r] of raters.entries()) {
        const a = await db.prisma.assignment.findFirstOrThrow({ where: { raterId: r.id, itemId: all[0].id } });
        const ws = await getWorkspace(db, r.id, a.id);
        await saveJudgment(db, r.id, a.id, {
          status: "SUBMITTED",
          baseRevision: null,
          sentence: { accuracy: i ? 4 : 9, fluency: i ? 6 : 8, prosody: 7, completeness: 1 },
          words: ws.item.words.map((w) => ({ wordId: w.id, accuracy: i ? 3 : 10, stress: 10 })),
          phones: ws.item.words.flatMap((w) => w.phones.map((p) => ({ phoneId: p.id, score: i ? 1 : 2 }))),
        });
      }
    });
    browser = await launchChromium();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const open = async (email: string) => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on("pageerror", (e) => console.error("[browser error]", e.message));
    await signInPage(page, app.base, email, PW);
    return page;
  };
  const position = (page: Page) => page.getByTestId("item-position").innerText();
  const row = (page: Page, testId: string, first: string) => page.getByTestId(testId).locator("tbody tr", { has: page.locator(`td:first-child:text-is("${first}")`) }).innerText();

  it("shows the waveform with tiers, both raters beside the model, its rationale and flags, and walks the dataset", async () => {
    const page = await open("res@example.org");
    await page.goto(`${app.base}/items/${items[0].id}`);
    await page.waitForSelector('[data-testid="waveform"][data-ready="1"]', { timeout: 60_000 });
    expect(await page.locator(".tier.words .seg").count()).toBe(items[0].words);
    expect(await page.locator(".tier.phones .seg").count()).toBe(items[0].phones);

    const head = (await page.getByTestId("sentence-scores").locator("thead").textContent()) ?? "";
    expect(head).toContain("Rater One");
    expect(head).toContain("Rater Two");
    expect(head).toContain("model scorer-x");
    const accuracy = (await row(page, "sentence-scores", "accuracy")).split(/\s+/);
    expect(accuracy).toEqual(expect.arrayContaining(["9", "4", "7.20", "Good"]));
    // Completeness on the rubric's 0-1 scale for the model too.
    expect((await row(page, "sentence-scores", "completeness (0-1)")).split(/\s+/)).toEqual(expect.arrayContaining(["1", "0.95"]));
    const words = await page.getByTestId("word-scores").locator("tbody tr:not(.phone-row)").first().innerText();
    expect(words).toMatch(/10\s*\/\s*10/);
    expect(words).toMatch(/3\s*\/\s*10/);
    expect(words).toContain("Good");

    const model = page.getByTestId("model-view");
    expect(await model.locator(".rationale").innerText()).toContain("'HOUSE' was dropped");
    expect(await model.getByTestId("flags").innerText()).toContain("not_in_utterance");
    expect(await position(page)).toBe("item 1 of 3 in the dataset");
    expect(await page.locator('a[rel="prev"]').count()).toBe(0);

    // A click on a word of the tier marks its row in the table.
    await page.locator(".tier.words .seg").first().click();
    expect(await page.locator("tr.sel-row").count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, "item.png"), fullPage: true });

    await page.getByRole("link", { name: "next →" }).click();
    await page.waitForURL(`**/items/${items[1].id}`);
    expect(await position(page)).toBe("item 2 of 3 in the dataset");
    await page.waitForSelector('[data-testid="waveform"][data-ready="1"]', { timeout: 60_000 });
    expect(await page.locator(".tier.words .seg").count()).toBe(items[1].words);
    // No submitted judgment of this item but the import's: the two raters are not among its columns.
    expect(await page.getByTestId("sentence-scores").locator("thead").textContent()).not.toContain("Rater One");
    await page.getByRole("link", { name: "← previous" }).click();
    await page.waitForURL(`**/items/${items[0].id}`);
  });

  it("opened from a round, previous/next stay within the round", async () => {
    const page = await open("res@example.org");
    await page.goto(`${app.base}/items/${items[0].id}?round=${roundId}`);
    expect(await position(page)).toBe("item 1 of 2 in the round");
    await page.getByRole("link", { name: "next →" }).click();
    await page.waitForURL(`**/items/${items[2].id}?round=${roundId}`);
    expect(await position(page)).toBe("item 2 of 2 in the round");
    expect(await page.locator('a[rel="next"]').count()).toBe(0);
    // An item outside the round: the dataset is walked, and the page says so.
    await page.goto(`${app.base}/items/${items[1].id}?round=${roundId}`);
    expect(await position(page)).toBe("item 2 of 3 in the dataset");
    expect(await page.getByRole("status").innerText()).toContain("is not in the round");
  });

  it("refuses a rater (403)", async () => {
    const page = await open("r1@example.org");
    const res = await page.goto(`${app.base}/items/${items[0].id}`);
    expect(res?.status()).toBe(403);
  });
});
