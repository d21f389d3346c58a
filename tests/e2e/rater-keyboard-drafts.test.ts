// End to end in headless Chromium against the built app: no typed value is lost and the keyboard
// never traps. A rater types an out-of-scale value (stress "9" where only 5 and 10 exist) and every
// other score by key; the page says what is wrong at the field and in the header, the draft is on
// the server anyway, and a second browser (another context: no shared storage) finds every value.
// Keys give only values the scale allows; undo/redo, Tab out of the form, next/previous item, skip,
// the guidelines and a refused then accepted submission. Screenshots go to test-results/rater-keyboard/.
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
const SHOTS = path.resolve("test-results/rater-keyboard");
const INSTRUCTIONS = "Score what you hear.\nExample: TWO said as \"too\" with a clear /t/ is accuracy 10.";

describe.each(TEST_DATABASES.slice(0, 1))("rater keyboard and drafts end to end on $name", (t) => {
  let app: RunningApp;
  let browser: Browser;
  let two: { id: string; position: number; fields: number };
  let order: string[];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const corpus = await miniCorpus(3);
    app = await startApp(t, async (db) => {
      const rater = await createUser(db, { email: "rater@example.org", password: PW, role: "rater" });
      await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
      const ds = await db.prisma.dataset.findFirstOrThrow();
      const round = await createRound(db, { datasetId: ds.id, name: "keys", k: 1, raterIds: [rater.id], seed: 5, instructions: INSTRUCTIONS }, null);
      const as = await db.prisma.assignment.findMany({ where: { roundId: round.id }, orderBy: { position: "asc" }, include: { item: { include: { words: true, phones: true } } } });
      order = as.map((a) => a.id);
      const a = as.find((x) => x.item.text === "TWO SIX FOUR EIGHT")!;
      two = { id: a.id, position: a.position, fields: 4 + 2 * a.item.words.length + a.item.phones.length };
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function open(page: Page, id: string) {
    await page.goto(`${app.base}/rate/${id}`);
    await page.waitForSelector('[data-testid="waveform"][data-ready="1"]', { timeout: 30_000 });
  }
  const values = (page: Page) => page.$$eval("[data-field]", (els) => els.map((e) => [e.getAttribute("data-field"), e.getAttribute("data-value")]));
  const value = (page: Page, key: string) => page.getAttribute(`[data-field="${key}"]`, "data-value");
  const focusedField = (page: Page) => page.evaluate(() => document.activeElement?.closest("[data-field]")?.getAttribute("data-field") ?? document.activeElement?.getAttribute("data-testid") ?? document.activeElement?.tagName);

  it("keeps an out-of-scale value and 22 valid ones for another browser; keys give only allowed values", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await ctx.newPage();
    page.on("pageerror", (e) => console.error("[browser error]", e.message));
    await signInPage(page, app.base, "rater@example.org", PW);
    await open(page, two.id);

    // `?` lists the item and undo keys; G shows the rubric's anchors and the round's instructions.
    await page.keyboard.press("?");
    const help = await page.textContent('[data-testid="shortcuts"]');
    for (const k of ["] and [", "Ctrl+Z", "Ctrl+Shift+Enter", "Tab, Shift+Tab", "S"]) expect(help).toContain(k);
    await page.keyboard.press("Escape");
    await page.keyboard.press("g");
    await page.waitForSelector('[data-testid="guidelines"]');
    expect(await page.textContent('[data-testid="instructions"]')).toBe(INSTRUCTIONS);
    expect(await page.textContent('[data-guide="word.stress"]')).toContain("The stress is wrong.");
    expect(await page.textContent('[data-guide="word.accuracy"]')).toContain('"bag" read as "bike"');
    await page.screenshot({ path: path.join(SHOTS, "1-guidelines.png"), fullPage: true });
    await page.keyboard.press("g");

    // Sentence: 8, 7, 6 and completeness "1" (1, never 0.1); the focused row says what 8 means.
    await page.keyboard.press("8");
    expect(await page.textContent('[data-anchor="sentence.accuracy"]')).toContain("Good overall pronunciation");
    for (const k of ["7", "6", "1"]) {
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press(k);
    }
    expect(await value(page, "sentence.completeness")).toBe("1");
    await page.keyboard.press("ArrowDown");

    // Words: accuracy 9; stress by key gives only 5 or 10 ("9" gives nothing and says why).
    const fields = (await values(page)).map(([k]) => k!);
    expect(fields).toHaveLength(two.fields);
    let typed = 4;
    let first = true;
    for (let i = 4; i < fields.length; i++) {
      const key = fields[i];
      if (key.endsWith(".accuracy")) await page.keyboard.press("9");
      else if (key.endsWith(".stress") && first) {
        await page.keyboard.press("9");
        expect(await value(page, key)).toBe("");
        expect(await page.textContent(".frow.focus .fhint")).toContain("stress is 5 or 10");
        // Typed into the score's box, the 9 is kept as typed and the row says what is wrong.
        await page.keyboard.press("e");
        await page.keyboard.type("9");
        await page.keyboard.press("Enter");
        expect(await value(page, key)).toBe("9");
        expect(await page.textContent(`[data-problem="${key}"]`)).toBe("TWO — stress must be 5 or 10");
        first = false;
        typed--;
      } else if (key.endsWith(".stress")) await page.keyboard.press("1"); // 10, the only value "1" can start
      else await page.keyboard.press("2");
      typed++;
      await page.keyboard.press("ArrowDown");
    }
    expect(typed).toBe(22);
    const stressOfTwo = fields.find((k) => k.endsWith(".stress"))!;
    const lastPhone = fields[fields.length - 1];
    expect(await value(page, lastPhone)).toBe("2");

    // Undo and redo the last score.
    await page.keyboard.press("Control+z");
    expect(await value(page, lastPhone)).toBe("");
    await page.keyboard.press("Control+Shift+z");
    expect(await value(page, lastPhone)).toBe("2");

    // The header says what is wrong, and the draft is on the server all the same.
    await page.waitForSelector('[data-testid="save-status"]:text-matches("^saved · 1 score outside the scale: TWO — stress must be 5 or 10")', { timeout: 20_000 });
    await page.screenshot({ path: path.join(SHOTS, "2-out-of-scale-draft.png"), fullPage: true });
    const mine = await values(page);

    // Another browser: every value is there, the 9 included, with its problem at the field.
    const other = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page2 = await other.newPage();
    await signInPage(page2, app.base, "rater@example.org", PW);
    await open(page2, two.id);
    expect(await values(page2)).toEqual(mine);
    expect(mine.filter(([, v]) => v !== "")).toHaveLength(23);
    expect(await page2.textContent(`[data-problem="${stressOfTwo}"]`)).toBe("TWO — stress must be 5 or 10");
    await page2.screenshot({ path: path.join(SHOTS, "3-other-browser.png"), fullPage: true });

    // Submitting is refused with the reason, and the focus goes to the score to fix.
    await page2.keyboard.press("Control+Enter");
    await page2.waitForSelector('[data-testid="notice"]');
    expect(await page2.textContent('[data-testid="notice"]')).toBe("Not submitted: 1 score outside the scale — first: TWO — stress must be 5 or 10");
    await page2.waitForFunction((k) => document.activeElement?.closest("[data-field]")?.getAttribute("data-field") === k, stressOfTwo);
    await page2.keyboard.press("5");
    expect(await value(page2, stressOfTwo)).toBe("5");
    await page2.screenshot({ path: path.join(SHOTS, "4-fixed.png"), fullPage: true });

    // Tab leaves the form: from the focused score to its box, the comment, then the Submit button.
    const seen: (string | null | undefined)[] = [];
    for (let i = 0; i < 8 && seen.at(-1) !== "submit"; i++) {
      await page2.keyboard.press("Tab");
      seen.push(await focusedField(page2));
    }
    expect(seen.at(-1)).toBe("submit");
    await page2.keyboard.press("Shift+Tab");
    expect(await page2.evaluate(() => document.activeElement?.id)).toBe("ws-comment");

    // Submit by key; the next item by key.
    await page2.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page2.keyboard.press("Control+Enter");
    await page2.waitForSelector('[data-testid="save-status"]:text-is("submitted")', { timeout: 20_000 });
    await other.close();
    await ctx.close();
  });

  it("moves to the next and previous item by key with the draft saved first, and skips with a reason", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await ctx.newPage();
    await signInPage(page, app.base, "rater@example.org", PW);
    const start = order.find((id) => id !== two.id)!;
    const i = order.indexOf(start);
    await open(page, start);
    await page.keyboard.press("7");
    // No wait for the autosave: leaving saves first.
    await page.keyboard.press(i + 1 < order.length ? "]" : "[");
    const to = order[i + 1 < order.length ? i + 1 : i - 1];
    await page.waitForURL(`**/rate/${to}`);
    await page.waitForSelector('[data-testid="item-text"]');
    await page.keyboard.press(i + 1 < order.length ? "[" : "]");
    await page.waitForURL(`**/rate/${start}`);
    await page.waitForSelector('[data-field="sentence.accuracy"][data-value="7"]');

    // S asks why, Enter skips and opens the next item.
    await page.keyboard.press("s");
    await page.waitForSelector('input[aria-label="Why skip this item?"]');
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Why skip this item?");
    await page.keyboard.type("audio is silent");
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => !u.pathname.endsWith(start));
    const q = await (await page.request.get(`${app.base}/api/rater/queue`)).json();
    expect(q.rows.find((r: { id: string }) => r.id === start)).toMatchObject({ status: "SKIPPED", skipReason: "audio is silent" });
    await ctx.close();
  });
});
