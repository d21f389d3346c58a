// Accessibility in headless Chromium against the built app: axe-core (WCAG 2 A/AA rules) on every
// page for every role — anonymous (sign-in, invitation), rater, researcher, admin — with real data
// behind each page (a dataset, a model's predictions and their audit, a round with a submitted
// judgment, API tokens, an export). Any serious or critical violation fails, listed by page, rule
// and element. Also: the favicon is served and linked, and dates read one way on every page.
// Screenshots go to test-results/accessibility/.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium, signInPage } from "../helpers/browser";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, type RunningApp } from "../helpers/server";
import { miniCorpus } from "../helpers/corpus";
import { createUser, adminCreateUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { createRound } from "@/lib/services/rounds";
import { saveJudgment } from "@/lib/services/judgments";
import { getWorkspace } from "@/lib/services/rater-workspace";
import { auditModel } from "@/lib/services/audit";
import { createApiToken } from "@/lib/services/api-tokens";

const PW = "correct horse battery";
const SHOTS = path.resolve("test-results/accessibility");
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

interface Finding { page: string; rule: string; impact: string; help: string; nodes: string[] }

/** Runs axe-core in the page (through the debugger protocol: the page's CSP does not apply). */
async function axe(page: Page, label: string): Promise<Finding[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(
    (tags) => (window as any).axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
    WCAG_AA,
  );
  return (result.violations as any[])
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ page: label, rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n: any) => `${n.target.join(" ")} — ${n.failureSummary?.split("\n").slice(1).join(" ")}`) }));
}

describe.each(TEST_DATABASES.slice(0, 1))("accessibility of every page on $name", (t) => {
  let app: RunningApp;
  let browser: Browser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const corpus = await miniCorpus(3);
    app = await startApp(t, async (db) => {
      const admin = await createUser(db, { email: "admin@example.org", password: PW, role: "admin" });
      const res = await createUser(db, { email: "res@example.org", password: PW, role: "researcher" });
      const raters = [];
      for (const n of [1, 2]) raters.push(await createUser(db, { email: `r${n}@example.org`, password: PW, role: "rater" }));
      await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
      const ds = await db.prisma.dataset.findFirstOrThrow();
      const items = await db.prisma.item.findMany({ include: { words: { orderBy: { index: "asc" } }, phones: true }, orderBy: { uttId: "asc" } });
      const mv = await db.prisma.modelVersion.create({ data: { name: "scorer-x", kind: "FILE" } });
      await db.prisma.prediction.createMany({
        data: items.map((it, i) => ({
          modelVersionId: mv.id, itemId: it.id,
          response: `Accuracy: Good\nWords: ${it.words.map((w) => `${w.text}/Excellent`).join(" ")}\n${i % 2 ? `'${it.words[0].text}' was mispronounced; ` : ""}'HOUSE' was dropped.`,
          sentence: { accuracy: { mean: 7.2, label: "Good" }, completeness: { mean: 9.5, label: "Excellent" } },
          words: it.words.map(() => ({ accuracy: 8, label: "Good" })), phones: it.phones.map(() => ({ score: 1.8, label: "Good" })),
        })),
      });
      await auditModel(db, { dataset: "mini", model: "scorer-x" });
      const round = await createRound(db, { datasetId: ds.id, name: "first round", k: 2, raterIds: raters.map((r) => r.id), modelVersionId: mv.id }, res.id);
      const a = await db.prisma.assignment.findFirstOrThrow({ where: { raterId: raters[0].id, itemId: items[0].id } });
      const ws = await getWorkspace(db, raters[0].id, a.id);
      await saveJudgment(db, raters[0].id, a.id, {
        status: "SUBMITTED", baseRevision: null,
        sentence: { accuracy: 9, fluency: 8, prosody: 7, completeness: 1 },
        words: ws.item.words.map((w) => ({ wordId: w.id, accuracy: 8, stress: 10 })),
        phones: ws.item.words.flatMap((w) => w.phones.map((p) => ({ phoneId: p.id, score: 2 }))),
      });
      const open = await db.prisma.assignment.findFirstOrThrow({ where: { raterId: raters[0].id, id: { not: a.id } } });
      for (const u of [admin, res, raters[0]]) await createApiToken(db, { id: u.id, role: u.role as any }, { name: "laptop", scopes: u.role === "rater" ? ["judgments:write"] : ["datasets:read"], expiresInDays: 30 });
      const inv = await adminCreateUser(db, admin.id, { email: "new@example.org", role: "rater" });
      Object.assign(ids, { ds: ds.id, item: items[0].id, mv: mv.id, round: round.id, rate: open.id, invite: inv.invitation!.path });
    });
    browser = await launchChromium();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const research = () => [
    "/datasets", `/datasets/${ids.ds}`, "/datasets/import", `/items/${ids.item}`,
    "/agreement", `/agreement/${ids.ds}`, "/models", "/audits", `/audits/${ids.mv}/${ids.ds}`,
    "/rounds", "/rounds/new", `/rounds/${ids.round}`, `/rounds/${ids.round}/items/${ids.item}`,
    "/jobs", "/exports", "/tokens", "/logout",
  ];
  const pagesFor = (role: string): string[] =>
    role === "anonymous" ? ["/login", ids.invite]
    : role === "rater" ? ["/queue", `/rate/${ids.rate}`, "/tokens", "/logout"]
    : role === "researcher" ? research()
    : [...research(), "/users"];

  it("no serious or critical WCAG 2 AA violation on any page, for any role", async () => {
    const findings: Finding[] = [];
    const visited: string[] = [];
    for (const [role, email] of [["anonymous", null], ["rater", "r1@example.org"], ["researcher", "res@example.org"], ["admin", "admin@example.org"]] as const) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      page.on("pageerror", (e) => console.error(`[browser error on ${page.url()}]`, e.message));
      if (email) await signInPage(page, app.base, email, PW);
      for (const p of pagesFor(role)) {
        const response = await page.goto(`${app.base}${p}`);
        await page.waitForLoadState("networkidle");
        const label = `${role} ${p.replace(/[0-9a-f-]{20,}|[A-Za-z0-9_-]{32,}/g, ":id")}`;
        expect(response?.status(), label).toBe(200);
        expect(new URL(page.url()).pathname, `${label} was redirected`).toBe(p.split("?")[0]);
        findings.push(...(await axe(page, label)));
        visited.push(label);
        await page.screenshot({ path: path.join(SHOTS, `${label.replace(/[^a-z0-9]+/gi, "_")}.png`), fullPage: true });
      }
      await context.close();
    }
    expect(visited.length).toBeGreaterThanOrEqual(2 + 4 + 17 + 18);
    const report = findings.map((f) => `${f.page}: ${f.rule} (${f.impact}) ${f.help}\n    ${f.nodes.join("\n    ")}`).join("\n");
    expect(findings, report).toEqual([]);
  });

  it("serves a favicon that every page links", async () => {
    const ico = await fetch(`${app.base}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect(ico.headers.get("content-type")).toMatch(/image\//);
    const page = await browser.newPage();
    await page.goto(`${app.base}/login`);
    const href = await page.locator('head link[rel="icon"]').first().getAttribute("href");
    expect(href).toBeTruthy();
    const icon = await fetch(new URL(href!, app.base));
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toMatch(/image\//);
    await page.close();
  });

  it("shows dates one way: YYYY-MM-DD HH:MM UTC", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInPage(page, app.base, "res@example.org", PW);
    await page.goto(`${app.base}/rounds`);
    const created = await page.locator("table.grid tbody tr").first().innerText();
    expect(created).toMatch(/\b\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\b/);
    await page.goto(`${app.base}/tokens`);
    await page.waitForSelector("table tbody tr td code");
    const row = await page.locator("table tbody tr").first().innerText();
    expect(row.match(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/g)?.length).toBe(2); // created, expires
    expect(row).not.toMatch(/\d{1,2}\/\d{1,2}\/\d{4}/);
    await context.close();
  });
});
