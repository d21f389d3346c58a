// End to end in headless Chromium against the built app: a rater signs in, plays the recording,
// scores a whole item by keyboard only (reloading halfway and finding the draft), submits, sees the
// model panel appear (blind first), answers mention audits and makes an A/B choice. Screenshots go
// to test-results/rater-e2e/.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium, signInPage } from "../helpers/browser";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, signIn, type RunningApp } from "../helpers/server";
import { miniCorpus } from "../helpers/corpus";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { createRound } from "@/lib/services/rounds";

const PW = "correct horse battery";
const SHOTS = path.resolve("test-results/rater-e2e");

const response = (word: string, extra = "") =>
  [
    "Accuracy: Good",
    "Fluency: Good",
    "Prosody: Average",
    `The word "${word.toLowerCase()}" was pronounced clearly. The /ɪ/ sounded a little short.${extra}`,
  ].join("\n");

describe.each(TEST_DATABASES.slice(0, 1))("rater workspace end to end on $name", (t) => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let first: { id: string; fields: number; words: number };
  let other: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const corpus = await miniCorpus(2);
    app = await startApp(t, async (db) => {
      const rater = await createUser(db, { email: "rater@example.org", password: PW, role: "rater" });
      const rater2 = await createUser(db, { email: "rater2@example.org", password: PW, role: "rater" });
      await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
      const ds = await db.prisma.dataset.findFirstOrThrow();
      const round = await createRound(db, { datasetId: ds.id, name: "e2e", k: 1, raterIds: [rater.id], seed: 3 }, null);
      await createRound(db, { datasetId: ds.id, name: "other", k: 1, raterIds: [rater2.id], seed: 3 }, null);
      const a = await db.prisma.assignment.findFirstOrThrow({ where: { roundId: round.id, raterId: rater.id }, orderBy: { position: "asc" } });
      const item = await db.prisma.item.findUniqueOrThrow({ where: { id: a.itemId }, include: { words: { orderBy: { index: "asc" } }, phones: true } });
      first = { id: a.id, fields: 4 + 2 * item.words.length + item.phones.length, words: item.words.length };
      other = (await db.prisma.assignment.findFirstOrThrow({ where: { raterId: rater2.id } })).id;
      // Two model versions' responses for the item: the model panel shows one, A/B compares both.
      for (const name of ["model-a", "model-b"]) {
        const m = await db.prisma.modelVersion.create({ data: { name, kind: "FILE" } });
        await db.prisma.prediction.create({
          data: { modelVersionId: m.id, itemId: a.itemId, response: response(item.words[0].text, name === "model-b" ? " Overall fluent." : ""), sentence: {}, words: [], phones: [] },
        });
      }
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on("pageerror", (e) => console.error("[browser error]", e.message));
    page.on("console", (m) => m.type() === "error" && console.error("[browser console]", m.text()));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const value = (key: string) => page.getAttribute(`[data-field="${key}"]`, "data-value");

  it("scores an item by keyboard, survives a reload, submits, audits the rationale and chooses A/B", async () => {
    await signInPage(page, app.base, "rater@example.org", PW);
    await page.goto(`${app.base}/queue`);
    await page.screenshot({ path: path.join(SHOTS, "1-queue.png"), fullPage: true });
    await page.click('[data-testid="queue-next"]');
    await page.waitForURL(`**/rate/${first.id}`);
    await page.waitForSelector('[data-testid="waveform"][data-ready="1"]', { timeout: 30_000 });

    // Play: Space starts playback, Space again pauses.
    await page.keyboard.press("Space");
    await page.waitForSelector('[data-testid="waveform"][data-playing="1"]', { timeout: 10_000 });
    await page.keyboard.press("Space");
    await page.waitForSelector('[data-testid="waveform"][data-playing="0"]');

    // `?` shows the shortcuts.
    await page.keyboard.press("?");
    await page.waitForSelector('[data-testid="shortcuts"]');
    await page.screenshot({ path: path.join(SHOTS, "2-shortcuts.png") });
    await page.keyboard.press("Escape");

    // Sentence aspects: accuracy 8, fluency 7, prosody 6, completeness 1 (on 0–1, "1" is 1).
    for (const keys of [["8"], ["7"], ["6"], ["1"]]) {
      for (const k of keys) await page.keyboard.press(k);
      await page.keyboard.press("ArrowDown");
    }
    const typeWord = async () => {
      await page.keyboard.press("9"); // accuracy
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("1"); // stress 10
      await page.keyboard.press("0");
      await page.keyboard.press("ArrowDown");
    };
    const wordEls = await page.$$(".wblock");
    expect(wordEls.length).toBe(first.words);
    const phonesPerWord = await Promise.all(wordEls.map((w) => w.$$eval(".prow", (x) => x.length)));
    const half = Math.ceil(first.words / 2);
    for (let w = 0; w < half; w++) {
      await typeWord();
      for (let p = 0; p < phonesPerWord[w]; p++) {
        await page.keyboard.press("2");
        await page.keyboard.press("ArrowDown");
      }
    }
    expect(await value("sentence.completeness")).toBe("1");
    expect(await page.textContent('[data-testid="sentence-total"]')).toContain("7.7");
    // Let the autosave debounce fire, then wait for the server to acknowledge it.
    await page.waitForTimeout(1200);
    await page.waitForSelector('[data-testid="save-status"]:text-is("saved")');
    await page.screenshot({ path: path.join(SHOTS, "3-halfway.png"), fullPage: true });

    // Reload halfway: the draft is there.
    await page.reload();
    await page.waitForSelector('[data-testid="item-text"]');
    await page.screenshot({ path: path.join(SHOTS, "3b-reloaded.png"), fullPage: true });
    await page.waitForSelector('[data-testid="restored"]');
    expect(await value("sentence.accuracy")).toBe("8");
    expect(await value("sentence.completeness")).toBe("1");
    const done = 4 + phonesPerWord.slice(0, half).reduce((a, b) => a + b + 2, 0);
    for (let i = 0; i < done; i++) await page.keyboard.press("ArrowDown");
    for (let w = half; w < first.words; w++) {
      await typeWord();
      for (let p = 0; p < phonesPerWord[w]; p++) {
        await page.keyboard.press("2");
        await page.keyboard.press("ArrowDown");
      }
    }
    expect(await page.textContent(".ws-actions")).toContain(`0 of ${first.fields} scores left`);

    // Submit by keyboard; the model panel appears only now (blind first).
    expect(await page.$('[data-testid="model-panel"]')).toBeNull();
    await page.keyboard.press("Control+Enter");
    await page.waitForSelector('[data-testid="model-panel"]', { timeout: 15_000 }).catch(async (e) => {
      await page.screenshot({ path: path.join(SHOTS, "failed-submit.png"), fullPage: true });
      throw e;
    });
    await page.screenshot({ path: path.join(SHOTS, "4-submitted-model-panel.png"), fullPage: true });

    // Mention audits: the first statement is wrong, its word mention right; trust: no.
    await page.click('[data-statement="s0"] .stmt-text [data-choice="incorrect"]');
    const mention = await page.getAttribute('[data-statement="s0"] [data-mention]', "data-mention");
    await page.click(`[data-mention="${mention}"] [data-choice="correct"]`);
    await page.click('.trust [data-choice="no"]');
    await page.waitForSelector('.trust button.on[data-choice="no"]');

    // A/B choice.
    await page.click('[data-ab="B"]');
    await page.waitForSelector('[data-testid="ab-saved"]:has-text("B is better")');
    await page.screenshot({ path: path.join(SHOTS, "5-audited-ab.png"), fullPage: true });

    const panel = await (await page.request.get(`${app.base}/api/rater/assignments/${first.id}/model`)).json();
    expect(panel.answers).toEqual({ s0: "incorrect", [mention!]: "correct", trust: "no" });
    const ab = await (await page.request.get(`${app.base}/api/rater/assignments/${first.id}/ab`)).json();
    expect(ab.choice).toMatchObject({ choice: "B", strength: 2 });
    const j = await (await page.request.get(`${app.base}/api/rater/assignments/${first.id}/judgment`)).json();
    expect(j.judgment).toMatchObject({ status: "SUBMITTED", sentence: { accuracy: 8, fluency: 7, prosody: 6, completeness: 1, total: 7.7 } });
    expect(j.judgment.phones.every((p: { score: number }) => p.score === 2)).toBe(true);
    expect(j.judgment.words.every((w: { stress: number; total: number }) => w.stress === 10 && w.total === 9.2)).toBe(true);
  });

  it("keeps raters to their own assignments over HTTP", async () => {
    const cookie = (await signIn(app.base, "rater2@example.org", PW))!;
    const get = (p: string) => fetch(`${app.base}${p}`, { headers: { cookie }, redirect: "manual" });
    expect((await get(`/api/rater/assignments/${first.id}`)).status).toBe(404);
    expect((await get(`/api/rater/assignments/${first.id}/judgment`)).status).toBe(404);
    expect((await get(`/api/rater/assignments/${first.id}/model`)).status).toBe(404);
    expect((await get(`/rate/${first.id}`)).status).toBe(404);
    expect((await get("/api/rounds")).status).toBe(403);
    const own = await get(`/api/rater/assignments/${other}`);
    expect(own.status).toBe(200);
    const body = await own.text();
    // The imported expert ratings and the published consensus of the item never reach a rater.
    expect(body).not.toMatch(/expert|PUBLISHED_CONSENSUS|ADJUDICATED|isGold/);
    expect(JSON.parse(body).judgment).toBeNull();
  });
});
