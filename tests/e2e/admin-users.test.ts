// The admin page in Chromium against the built app: an admin creates a rater with an invitation
// link, the rater opens the link in another browser, sets a password and signs in; the admin
// changes a role and deactivates; a researcher makes an API token (shown once) that works as
// Bearer and revokes it. Screenshots of every page opened go to test-results/admin-users.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { launchChromium, signInPage } from "../helpers/browser";
import { TEST_DATABASES } from "../helpers/databases";
import { startApp, type RunningApp } from "../helpers/server";
import { createUser } from "@/lib/services/users";

const PW = "correct horse battery";
const SHOTS = path.resolve("test-results/admin-users");

describe("admin page: users and invitation links in Chromium", () => {
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startApp(TEST_DATABASES[0], async (db) => {
      await createUser(db, { email: "admin@example.org", password: PW, role: "admin" });
      await createUser(db, { email: "res@example.org", password: PW, role: "researcher" });
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("creates a user with an invitation link; the link sets a password once; the new user signs in", async () => {
    const admin = await browser.newContext();
    const page = await admin.newPage();
    await signInPage(page, app.base, "admin@example.org", PW);
    await expect(page.locator("header nav a", { hasText: "Users" }).count()).resolves.toBe(1);
    await page.click("header nav a:text('Users')");
    await page.waitForURL(/\/users$/);
    await page.fill("#new-email", "new.rater@example.org");
    await page.fill("#new-name", "New Rater");
    await page.selectOption("#new-role", "rater");
    await page.click("button:text('Create user')");
    const linkBox = page.locator("#link-url");
    await linkBox.waitFor();
    const url = await linkBox.inputValue();
    expect(url).toMatch(new RegExp(`^${app.base}/invite/[A-Za-z0-9_-]{43}$`));
    await page.locator("tr[data-email='new.rater@example.org']").waitFor();
    await expect(page.locator("tr[data-email='new.rater@example.org']").textContent()).resolves.toContain("waiting for link");
    await page.screenshot({ path: path.join(SHOTS, "1-users-invitation.png"), fullPage: true });

    // The new rater, in a browser of their own.
    const rater = await browser.newContext();
    const rp = await rater.newPage();
    await rp.goto(url);
    await expect(rp.textContent("body")).resolves.toContain("new.rater@example.org");
    await rp.fill("#password", "my own long password");
    await rp.fill("#password-again", "my own long password");
    await rp.screenshot({ path: path.join(SHOTS, "2-invite-set-password.png"), fullPage: true });
    await rp.click("button:text('Set password')");
    await rp.locator("#to-sign-in").waitFor();
    await rp.click("#to-sign-in");
    await rp.waitForURL(/\/login/);
    await expect(rp.inputValue("#email")).resolves.toBe("new.rater@example.org");
    await rp.fill("#password", "my own long password");
    await rp.click("button[type=submit]");
    await rp.waitForURL((u) => !u.pathname.startsWith("/login"));
    await expect(rp.textContent("header")).resolves.toContain("new.rater@example.org");
    await rp.screenshot({ path: path.join(SHOTS, "3-new-rater-signed-in.png"), fullPage: true });
    // The link is used up.
    await rp.goto(url);
    await expect(rp.textContent("body")).resolves.toContain("not valid");
    await rp.screenshot({ path: path.join(SHOTS, "4-invite-used.png"), fullPage: true });

    // The admin makes them a researcher, then deactivates them: their session ends at once.
    await page.reload();
    const row = page.locator("tr[data-email='new.rater@example.org']");
    await expect(row.textContent()).resolves.not.toContain("waiting for link");
    await row.locator("select").selectOption("researcher");
    await page.locator("[role=status]", { hasText: "is now researcher" }).waitFor();
    await row.locator("button:text('Deactivate')").click();
    await page.locator("[role=status]", { hasText: "deactivated" }).waitFor();
    await row.locator(".s-bad", { hasText: "deactivated" }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, "5-users-deactivated.png"), fullPage: true });
    const after = await rp.goto(`${app.base}/datasets`);
    expect(new URL(rp.url()).pathname).toBe("/login");
    expect(after?.status()).toBe(200);

    // A researcher neither sees the link nor gets the page.
    const res = await browser.newContext();
    const resPage = await res.newPage();
    await signInPage(resPage, app.base, "res@example.org", PW);
    await expect(resPage.locator("header nav a", { hasText: "Users" }).count()).resolves.toBe(0);
    const refused = await resPage.goto(`${app.base}/users`);
    expect(refused?.status()).toBe(403);

    // The researcher's API token: shown once, works as Bearer, revoked from the page.
    await resPage.goto(`${app.base}/tokens`);
    await resPage.fill("#token-name", "nightly script");
    await resPage.check("input[value='datasets:read']");
    await resPage.click("button:text('Create token')");
    const tokenBox = resPage.locator("#token-value");
    await tokenBox.waitFor();
    const token = await tokenBox.inputValue();
    expect(token).toMatch(/^attest_/);
    await resPage.screenshot({ path: path.join(SHOTS, "6-token-created.png"), fullPage: true });
    expect((await fetch(`${app.base}/api/datasets`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await resPage.reload();
    await expect(resPage.textContent("body")).resolves.not.toContain(token);
    resPage.once("dialog", (d) => void d.accept());
    await resPage.click("button:text('Revoke')");
    await resPage.locator("td .legend", { hasText: "revoked" }).waitFor();
    await resPage.screenshot({ path: path.join(SHOTS, "7-token-revoked.png"), fullPage: true });
    expect((await fetch(`${app.base}/api/datasets`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);

    await admin.close();
    await rater.close();
    await res.close();
  });
});
