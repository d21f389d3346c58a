// Headless Chromium for end-to-end tests and benchmarks: Debian's /usr/bin/chromium driven by
// playwright-core, with the flags this machine needs (no sandbox as root, no background networking
// to hosts the closed network refuses).
import { chromium, type Browser, type Page } from "playwright-core";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** Signs in through the login form and waits until the app has left the login page. */
export async function signInPage(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill("#email", email);
  await page.fill("#password", password);
  await page.click("button[type=submit]");
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}
