// Issue 16.9d: pages are served with a Content Security Policy whose scripts need this response's
// nonce (no 'unsafe-inline' for scripts), a new nonce on every request, on every script Next writes
// into the page; and the pages still work in headless Chromium with no policy violation: the login
// form signs in, the rater workspace loads its recording (waveform ready) and the form hydrates, a
// researcher page renders. A script written into a page without the nonce does not run.
// A screenshot of the workspace goes to test-results/csp/.
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
const SHOTS = path.resolve("test-results/csp");

const scriptSrc = (csp: string | null) => (csp ?? "").split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";

describe("Content Security Policy with nonces", () => {
  let app: RunningApp;
  let browser: Browser;
  let assignmentId: string;
  let datasetId: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const corpus = await miniCorpus(1);
    app = await startApp(TEST_DATABASES[0], async (db) => {
      const rater = await createUser(db, { email: "rater@example.org", password: PW, role: "rater" });
      await createUser(db, { email: "res@example.org", password: PW, role: "researcher" });
      await importSpeechocean762(db, { dir: corpus, dataset: "mini", split: "test" });
      const ds = await db.prisma.dataset.findFirstOrThrow();
      datasetId = ds.id;
      await createRound(db, { datasetId: ds.id, name: "csp", k: 1, raterIds: [rater.id] }, null);
      assignmentId = (await db.prisma.assignment.findFirstOrThrow({ where: { raterId: rater.id } })).id;
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("sends a script policy with a fresh nonce and no 'unsafe-inline', and puts the nonce on every script", async () => {
    const [a, b] = [await fetch(`${app.base}/login`), await fetch(`${app.base}/login`)];
    const [pa, pb] = [scriptSrc(a.headers.get("content-security-policy")), scriptSrc(b.headers.get("content-security-policy"))];
    expect(pa).not.toContain("'unsafe-inline'");
    expect(pa).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(pa).toContain("'strict-dynamic'");
    const nonceOf = (p: string) => /'nonce-([^']+)'/.exec(p)![1];
    expect(nonceOf(pa)).not.toBe(nonceOf(pb));
    const html = await a.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s, s).toContain(`nonce="${nonceOf(pa)}"`);
    // API answers allow nothing to run.
    const api = await fetch(`${app.base}/api/health`);
    expect(api.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
  });

  /** A page that records every policy violation (from before any of the app's scripts run). */
  async function watchedPage(): Promise<{ page: Page; violations: string[] }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    await page.exposeFunction("__cspViolation", (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => (window as unknown as { __cspViolation(v: string): void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`));
    });
    page.on("console", (m) => {
      if (m.type() === "error" && /Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    return { page, violations };
  }

  it("keeps the rater workspace and a researcher page working in Chromium with no violation", async () => {
    const { page, violations } = await watchedPage();
    await signInPage(page, app.base, "rater@example.org", PW);
    await page.goto(`${app.base}/rate/${assignmentId}`);
    // The waveform is drawn by client code (wavesurfer) once the recording is decoded: scripts ran.
    await page.waitForSelector('[data-testid="waveform"][data-ready="1"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="save-status"]');
    expect(await page.evaluate(() => Array.isArray((self as unknown as { __next_f?: unknown[] }).__next_f))).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "workspace.png"), fullPage: true });
    expect(violations).toEqual([]);

    await page.context().close();

    // A script written into the page without the nonce (what a stored XSS would be) does not run,
    // and the browser reports it; the page's own scripts still do.
    const injected = await watchedPage();
    await signInPage(injected.page, app.base, "rater@example.org", PW);
    await injected.page.route(`${app.base}/rate/${assignmentId}`, async (route) => {
      const r = await route.fetch();
      await route.fulfill({ response: r, body: (await r.text()).replace("</head>", "<script>window.__injected = 1</script></head>") });
    });
    await injected.page.goto(`${app.base}/rate/${assignmentId}`);
    await injected.page.waitForSelector('[data-testid="save-status"]');
    expect(await injected.page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
    expect(injected.violations.length).toBeGreaterThan(0);
    await injected.page.context().close();

    const res = await watchedPage();
    await signInPage(res.page, app.base, "res@example.org", PW);
    await res.page.goto(`${app.base}/datasets/${datasetId}`);
    await res.page.waitForLoadState("networkidle");
    expect(await res.page.evaluate(() => Array.isArray((self as unknown as { __next_f?: unknown[] }).__next_f))).toBe(true);
    expect(res.violations).toEqual([]);
    await res.page.context().close();
  });
});
