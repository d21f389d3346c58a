// After sign-in the browser goes where `callbackUrl` says only when that is a path on this site:
// in headless Chromium against the built app, each hostile callback (written into the login URL
// exactly as an attacker would link it) ends on this origin; a real path is kept. Requests to any
// other host are answered by the test, so a redirect that escapes is seen, not sent to the network.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium } from "../helpers/browser";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, type RunningApp } from "../helpers/server";
import { createUser } from "@/lib/services/users";

const PW = "correct horse battery";

describe("sign-in redirects stay on this site", () => {
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startApp(TEST_DATABASES[0], async (db) => {
      await createUser(db, { email: "res@example.org", password: PW, role: "researcher" });
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** Signs in on /login?callbackUrl=<query> in a fresh browser; the URL the browser ends on. */
  async function landAfterSignIn(query: string): Promise<URL> {
    const context = await browser.newContext();
    const origin = new URL(app.base).origin;
    await context.route((u) => u.origin !== origin, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<h1>elsewhere</h1>" }));
    const page = await context.newPage();
    try {
      await page.goto(`${app.base}/login?callbackUrl=${query}`);
      await page.fill("#email", "res@example.org");
      await page.fill("#password", PW);
      await page.click("button[type=submit]");
      await page.waitForURL((u) => u.origin !== origin || !u.pathname.startsWith("/login"));
      return new URL(page.url());
    } finally {
      await context.close();
    }
  }

  it.each([
    "/%5Cevil.example",
    "/%09/evil.example",
    "/%0A/evil.example",
    "/%5C/evil.example",
    "%2F%2Fevil.example",
    "%20/%5Cevil.example",
    "/.//evil.example",
    "https:/evil.example",
    "javascript:alert(1)",
  ])("ends on this site for callbackUrl=%s", async (query) => {
    const landed = await landAfterSignIn(query);
    expect(landed.origin).toBe(new URL(app.base).origin);
    expect(landed.pathname.startsWith("//")).toBe(false);
  });

  it("keeps a path on this site", async () => {
    const landed = await landAfterSignIn(encodeURIComponent("/datasets?sort=name"));
    expect(landed.origin).toBe(new URL(app.base).origin);
    expect(`${landed.pathname}${landed.search}`).toBe("/datasets?sort=name");
  });
});
