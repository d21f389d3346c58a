// Screenshots of running pages in headless Chromium (Debian's /usr/bin/chromium):
//   npx tsx scripts/dev/screenshot.ts --base http://localhost:3000 --email E --password P --out dir /datasets /items/<id> …
import { parseArgs } from "node:util";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const { values, positionals } = parseArgs({
  options: { base: { type: "string" }, email: { type: "string" }, password: { type: "string" }, out: { type: "string" }, width: { type: "string" } },
  allowPositionals: true,
});
const base = values.base ?? "http://localhost:3000";
const out = values.out ?? "screenshots";
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const page = await browser.newPage({ viewport: { width: Number(values.width ?? 1280), height: 800 } });
if (values.email) {
  await page.goto(`${base}/login`);
  await page.fill("#email", values.email);
  await page.fill("#password", values.password ?? "");
  await page.click("button[type=submit]");
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}
for (const p of positionals) {
  await page.goto(`${base}${p}`);
  await page.waitForLoadState("networkidle");
  const file = path.join(out, `${p.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "home"}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(file);
}
await browser.close();
