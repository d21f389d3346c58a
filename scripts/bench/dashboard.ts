// Agreement dashboard time to interactive in headless Chromium against the built app (issue 13
// item 8: "first view of the demo's test split interactive in under 2 s cold"). The demo's data:
// the speechocean762 test split (548 utterances, five expert raters) imported from ../shared
// (SO762_DIR) as `npm start` does. The baseline, measured in the same run, is an empty page: the
// researchers' /agreement index (same layout, a list of one dataset, no figures).
// Runs (each a new browser context, so scripts are fetched again):
//   first view — the very first load of /agreement/<id> after the server started: nothing cached,
//                the figures are computed (on the worker pool) during the request;
//   cold       — later loads with another bootstrap seed (?seed=…): a cache miss each, the same work;
//   warm       — the first view's URL again: figures from the cache (x-attest-cache: hit).
// Timings are the page's own performance.now() (from navigation start) when each milestone holds:
//   shell       — the page heading is on screen (the loading state or the page itself);
//   controls    — the page's own controls are live (hydrated): the dashboard's filters (its
//                 figures may still be loading), the empty page's links;
//   table       — the agreement table's κ column is in the page (whether it lies inside the
//                 viewport's width, unscrolled, is reported as well);
//   interactive — every figure is in the page, no loading state is left, and React has hydrated
//                 every link, button and select in the page body (their handlers are live).
// A screenshot of the first view goes to test-results/bench-dashboard/.
//   npx tsx scripts/bench/dashboard.ts [--runs 6] [--warm 3]
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Browser, BrowserContext } from "playwright-core";
import { launchChromium } from "../../tests/helpers/browser";
import { createUser } from "@/lib/services/users";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";
import { startApp, signIn } from "../../tests/helpers/server";
import { SO762_DIR } from "../../tests/helpers/corpus";
import { ensureBuild } from "../ensure-build";

const { values } = parseArgs({ options: { runs: { type: "string" }, warm: { type: "string" } } });
const RUNS = Number(values.runs ?? 6);
const WARM = Number(values.warm ?? 3);
const PW = "dashboard bench password";
const SHOTS = path.resolve("test-results/bench-dashboard");
const CORPUS = SO762_DIR;
const MILESTONES = ["shell", "controls", "table", "interactive"] as const;
type Milestone = (typeof MILESTONES)[number];
type Marks = Record<Milestone, number> & { ttfb: number; htmlEnd: number; cache: string | null; kappaVisible?: boolean; objectObject: boolean };

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

// Runs in the page before any of its scripts: records when each milestone first holds.
function probe() {
  const w = window as unknown as { __tti: Record<string, unknown> };
  const t: Record<string, unknown> = { shell: null, controls: null, table: null, interactive: null, done: false };
  w.__tti = t;
  const dashboard = location.pathname.split("/").filter(Boolean).length > 1;
  const hydrated = (el: Element) => Object.keys(el).some((k) => k.startsWith("__reactProps$"));
  const check = () => {
    const now = performance.now();
    if (t.shell === null && document.querySelector("main h1")) t.shell = now;
    if (t.controls === null && t.shell !== null) {
      const shellControls = [...document.querySelectorAll(dashboard ? "main form select, main form button" : "main a")];
      if (shellControls.length > 0 && shellControls.every(hydrated)) t.controls = now;
    }
    if (t.table === null) {
      if (!dashboard) t.table = t.shell;
      else {
        const kappa = [...document.querySelectorAll("table.grid th")].find((th) => th.getAttribute("data-col") === "fleiss_kappa" || th.textContent?.trim() === "fleiss_kappa");
        if (kappa) {
          t.table = now;
          t.kappaVisible = kappa.getBoundingClientRect().right <= document.documentElement.clientWidth;
        }
      }
    }
    if (t.interactive === null && t.shell !== null && t.table !== null && !document.querySelector("[data-loading]")) {
      const complete = !dashboard || document.querySelectorAll("figure.chart svg").length > 0;
      const controls = [...document.querySelectorAll("main a, main button, main select")];
      if (complete && controls.length > 0 && controls.every(hydrated)) t.interactive = now;
    }
    if (!t.done && t.interactive !== null) {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      t.ttfb = nav?.responseStart ?? 0;
      t.htmlEnd = nav?.responseEnd ?? 0;
      t.objectObject = document.documentElement.outerHTML.includes("[object Object]");
      t.done = true;
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  // Hydration adds properties, not attributes: look again every few ms as well.
  const timer = setInterval(() => (t.done ? clearInterval(timer) : check()), 5);
}

async function newContext(browser: Browser, base: string, cookie: string): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await ctx.addCookies(cookie.split("; ").map((c) => {
    const i = c.indexOf("=");
    return { name: c.slice(0, i), value: c.slice(i + 1), url: base };
  }));
  // As a string: tsx names inner functions with a helper (__name) that the page does not have.
  await ctx.addInitScript({ content: `var __name = (f) => f; (${probe.toString()})();` });
  return ctx;
}

async function measure(browser: Browser, base: string, cookie: string, url: string, shot?: string): Promise<Marks> {
  const ctx = await newContext(browser, base, cookie);
  try {
    const page = await ctx.newPage();
    page.on("pageerror", (e) => console.error("[browser error]", e.message));
    const res = await page.goto(url, { waitUntil: "commit", timeout: 120_000 });
    await page.waitForFunction(() => (window as unknown as { __tti?: { done: boolean } }).__tti?.done === true, null, { timeout: 120_000 });
    const marks = (await page.evaluate(() => (window as unknown as { __tti: unknown }).__tti)) as Marks;
    marks.cache = res?.headers()["x-attest-cache"] ?? null;
    if (shot) {
      await page.waitForLoadState("load");
      await page.screenshot({ path: shot, fullPage: true });
    }
    return marks;
  } finally {
    await ctx.close();
  }
}

if (!existsSync(path.join(CORPUS, "resource/scores-detail.json"))) {
  console.error(`speechocean762 not found at ${CORPUS} (set SO762_DIR)`);
  process.exit(2);
}
ensureBuild();
mkdirSync(SHOTS, { recursive: true });
let datasetId = "";
let summary = "";
const app = await startApp({ name: "pglite", open: () => Promise.reject(new Error("unused")) }, async (db) => {
  await createUser(db, { email: "researcher@dash.test", password: PW, role: "researcher" });
  const s = await importSpeechocean762(db, { dir: CORPUS, split: "test" });
  datasetId = (await db.prisma.dataset.findFirstOrThrow({ where: { name: s.dataset } })).id;
  summary = `${s.items} utterances, ${s.raters} expert raters, ${s.judgments} judgments`;
});
const browser = await launchChromium();
try {
  const cookie = (await signIn(app.base, "researcher@dash.test", PW))!;
  if (!cookie) throw new Error("could not sign in");
  const empty = `${app.base}/agreement`;
  const dash = `${app.base}/agreement/${datasetId}`;
  // One load of the empty page first so that the server's own first-request costs (loading the
  // app's modules) are in neither figure; the dashboard's own code and figures stay cold.
  await measure(browser, app.base, cookie, empty);
  const first = await measure(browser, app.base, cookie, dash, path.join(SHOTS, "dashboard-first-view.png"));
  const cold: Marks[] = [first];
  const base: Marks[] = [];
  for (let i = 0; i < RUNS; i++) {
    base.push(await measure(browser, app.base, cookie, empty));
    if (i > 0) cold.push(await measure(browser, app.base, cookie, `${dash}?seed=${1000 + i}`));
  }
  const warm: Marks[] = [];
  for (let i = 0; i < WARM; i++) warm.push(await measure(browser, app.base, cookie, dash));

  const W = 40;
  const s = (x: number) => (x / 1000).toFixed(3).padStart(7);
  const stats = (xs: number[]) => `${s(pct(xs, 50))} ${s(Math.max(...xs))}`;
  console.log(`agreement dashboard, headless Chromium at 1280 px, from navigation start (seconds)`);
  console.log(`  data: speechocean762 test split from ${CORPUS}: ${summary}`);
  console.log(`  first view (cache ${first.cache}): ${MILESTONES.map((m) => `${m} ${s(first[m]).trim()} s`).join(", ")}; HTML first byte ${s(first.ttfb).trim()} s, end ${s(first.htmlEnd).trim()} s`);
  console.log(`  ${"".padEnd(W)}     p50     max`);
  for (const m of MILESTONES) console.log(`  ${`cold (${cold.length} loads, cache miss), ${m}`.padEnd(W)} ${stats(cold.map((x) => x[m]))}`);
  console.log(`  ${"cold, HTML end".padEnd(W)} ${stats(cold.map((x) => x.htmlEnd))}`);
  for (const m of MILESTONES) console.log(`  ${`warm (${warm.length} loads, cache ${warm[0].cache}), ${m}`.padEnd(W)} ${stats(warm.map((x) => x[m]))}`);
  for (const m of MILESTONES) console.log(`  ${`empty page (${base.length} loads), ${m}`.padEnd(W)} ${stats(base.map((x) => x[m]))}`);
  const e50 = pct(base.map((x) => x.interactive), 50);
  console.log(`  ratio to the empty page (interactive, p50): first view ×${(first.interactive / e50).toFixed(2)}, cold ×${(pct(cold.map((x) => x.interactive), 50) / e50).toFixed(2)}, warm ×${(pct(warm.map((x) => x.interactive), 50) / e50).toFixed(2)}`);
  console.log(`  target: first view interactive < 2 s cold: ${first.interactive < 2000 ? "met" : "NOT met"} (${s(first.interactive).trim()} s; cold max ${s(Math.max(...cold.map((x) => x.interactive))).trim()} s)`);
  console.log(`  κ column inside 1280 px unscrolled: ${first.kappaVisible ? "yes" : "NO"}; "[object Object]" in the page: ${first.objectObject ? "YES" : "no"}`);
  console.log(`  screenshot: ${path.relative(process.cwd(), path.join(SHOTS, "dashboard-first-view.png"))}`);
} finally {
  await browser.close();
  await app.stop();
}
process.exit(0);
