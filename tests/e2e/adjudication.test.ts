// End to end in headless Chromium against the built app: a researcher adjudicates an item. The form
// shows every rater's value and the model's (on the rubric's scale), starts from the raters' mean
// rounded to the scale (9 and 5 → 7; a halfway mean left empty, marked "decide"), says what is wrong
// at the field, and a second researcher who saves on a stale revision gets a conflict, not an
// overwrite. Screenshots go to test-results/adjudication/.
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

const PW = "correct horse battery";
const SHOTS = path.resolve("test-results/adjudication");

describe.each(TEST_DATABASES.slice(0, 1))("adjudication end to end on $name", (t) => {
  let app: RunningApp;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const corpus = await miniCorpus(1);
    app = await startApp(t, async (db) => {
      await createUser(db, { email: "res@example.org", password: PW, role: "researcher" });
      await createUser(db, { email: "admin@example.org", password: PW, role: "admin" });
      const raters = [];
      for (const n of [1, 2]) raters.push(await createUser(db, { email: `r${n}@example.org`, password: PW, role: "rater" }));
      await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
      const ds = await db.prisma.dataset.findFirstOrThrow();
      const item = await db.prisma.item.findFirstOrThrow({ include: { words: true, phones: true } });
      const mv = await db.prisma.modelVersion.create({ data: { name: "scorer-x", kind: "FILE" } });
      await db.prisma.prediction.create({
        data: { modelVersionId: mv.id, itemId: item.id, response: "Accuracy: Good", sentence: { accuracy: { mean: 7.2, label: "Good" }, completeness: { mean: 9.5, label: "Excellent" } }, words: item.words.map(() => ({ accuracy: 8, label: "Good" })), phones: item.phones.map(() => ({ score: 1.8, label: "Good" })) },
      });
      const round = await createRound(db, { datasetId: ds.id, name: "adj", k: 2, raterIds: raters.map((r) => r.id), modelVersionId: mv.id }, null);
      for (const [i, r] of raters.entries()) {
        const a = await db.prisma.assignment.findFirstOrThrow({ where: { raterId: r.id } });
        const ws = await getWorkspace(db, r.id, a.id);
        await saveJudgment(db, r.id, a.id, {
          status: "SUBMITTED",
          baseRevision: null,
          sentence: { accuracy: i ? 5 : 9, fluency: i ? 9 : 8, prosody: 7, completeness: 1 },
          words: ws.item.words.map((w) => ({ wordId: w.id, accuracy: 8, stress: 10 })),
          phones: ws.item.words.flatMap((w) => w.phones.map((p) => ({ phoneId: p.id, score: 2 }))),
        });
      }
      url = `/rounds/${round.id}/items/${item.id}`;
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const open = async (email: string) => {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    page.on("pageerror", (e) => console.error("[browser error]", e.message));
    await signInPage(page, app.base, email, PW);
    await page.goto(`${app.base}${url}`);
    await page.waitForSelector('[data-testid="review-table"]');
    return page;
  };
  const input = (page: Page, key: string) => page.locator(`tr[data-field="${key}"] input`);

  it("starts from the rounded mean, shows the model, says what is wrong, and catches a stale save", async () => {
    const res = await open("res@example.org");
    const other = await open("admin@example.org"); // opened before anyone saved: its base is "none"
    expect(await input(res, "sentence.accuracy").inputValue()).toBe("7"); // 9 and 5: the mean, not the lower
    expect(await input(res, "sentence.fluency").inputValue()).toBe(""); // 8 and 9: halfway, to decide
    expect(await input(res, "sentence.fluency").getAttribute("placeholder")).toBe("decide");
    expect(await input(res, "sentence.prosody").inputValue()).toBe("7");
    expect(await res.textContent('[data-model="sentence.completeness"]')).toBe("0.95 (Excellent)");
    expect(await res.textContent('[data-testid="prefill-rule"]')).toContain("halfway between two points it is left empty");
    await res.screenshot({ path: path.join(SHOTS, "1-prefilled.png"), fullPage: true });

    await input(res, "sentence.accuracy").fill("11");
    await res.click("text=Save adjudicated consensus");
    await res.waitForSelector('[data-problem="sentence.accuracy"]');
    expect(await res.textContent('[data-problem="sentence.accuracy"]')).toBe("Sentence — accuracy must be a whole number from 0 to 10");
    expect(await res.textContent('[data-problem="sentence.fluency"]')).toBe("Sentence — fluency is not scored yet");
    expect(await res.textContent('[data-testid="adjudicate-status"]')).toMatch(/^not saved: 2 scores need attention: /);
    await res.screenshot({ path: path.join(SHOTS, "2-problems.png"), fullPage: true });

    await input(res, "sentence.accuracy").fill("7");
    await input(res, "sentence.fluency").fill("8");
    await res.click("text=Save adjudicated consensus");
    await res.waitForSelector('[data-testid="adjudicate-status"]:text-is("saved (revision 1)")');

    // The other researcher saves on the state they loaded: a conflict with the saved one, not an overwrite.
    await input(other, "sentence.fluency").fill("9");
    await other.click("text=Save adjudicated consensus");
    await other.waitForSelector('[data-testid="conflict"]');
    expect(await other.textContent('[data-testid="conflict"]')).toContain("revision 1");
    await other.screenshot({ path: path.join(SHOTS, "3-conflict.png"), fullPage: true });
    await other.click("text=Load theirs");
    expect(await input(other, "sentence.fluency").inputValue()).toBe("8");
    await input(other, "sentence.fluency").fill("9");
    await other.click("text=Save adjudicated consensus");
    await other.waitForSelector('[data-testid="adjudicate-status"]:text-is("saved (revision 2)")');

    const review = await (await res.request.get(`${app.base}/api${url}`)).json();
    expect(review.adjudicated).toMatchObject({ revision: 2, sentence: { accuracy: 7, fluency: 9 } });
  });
});
