// Signing out in Chromium ends the session on the server: one click on the header's "Sign out"
// (the /logout page's button does the same for links to it), then the session cookie the browser held, copied before, gets 401 and the sign-in
// page. Screenshots go to test-results/sign-out.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { launchChromium, signInPage } from "../helpers/browser";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, type RunningApp } from "../helpers/server";
import { createUser } from "@/lib/services/users";

const PW = "correct horse battery";
const SHOTS = path.resolve("test-results/sign-out");

describe("signing out in Chromium", () => {
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startApp(TEST_DATABASES[0], async (db) => {
      await createUser(db, { email: "res@example.org", password: PW, role: "researcher" });
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("ends the session: a copy of the cookie taken before no longer works", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInPage(page, app.base, "res@example.org", PW);
    const session = (await context.cookies()).find((c) => c.name.includes("session-token"))!;
    const copied = `${session.name}=${session.value}`;
    expect((await fetch(`${app.base}/api/datasets`, { headers: { cookie: copied } })).status).toBe(200);

    await page.goto(`${app.base}/datasets`);
    await page.screenshot({ path: path.join(SHOTS, "1-signed-in.png"), fullPage: true });
    await page.click("header button:text('Sign out')"); // one click, no confirmation page
    await page.waitForURL(/\/login/);
    await page.screenshot({ path: path.join(SHOTS, "2-signed-out.png"), fullPage: true });
    expect((await context.cookies()).some((c) => c.name.includes("session-token"))).toBe(false);

    expect((await fetch(`${app.base}/api/datasets`, { headers: { cookie: copied } })).status).toBe(401);
    const page2 = await fetch(`${app.base}/datasets`, { headers: { cookie: copied }, redirect: "manual" });
    expect(page2.status).toBe(307);
    expect(page2.headers.get("location")).toMatch(/\/login/);
    // The copied cookie put back into a browser does not sign it in either.
    const other = await browser.newContext();
    await other.addCookies([{ name: session.name, value: session.value, url: app.base }]);
    const p = await other.newPage();
    await p.goto(`${app.base}/datasets`);
    expect(new URL(p.url()).pathname).toBe("/login");
    await p.screenshot({ path: path.join(SHOTS, "3-copied-cookie.png"), fullPage: true });
    await context.close();
    await other.close();
  });

  it("signs out from the /logout page's button too", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInPage(page, app.base, "res@example.org", PW);
    await page.goto(`${app.base}/logout`);
    await page.click("main button:text('Sign out')");
    await page.waitForURL(/\/login/);
    expect((await context.cookies()).some((c) => c.name.includes("session-token"))).toBe(false);
    await context.close();
  });
});
