import { describe, it, expect } from "vitest";
import { LoginLimiter, loginLimitOptions } from "./login-limit";

describe("sign-in rate limiting by address", () => {
  it("refuses an address after the allowed failures until the oldest one leaves the window", () => {
    const l = new LoginLimiter({ maxFailures: 3, windowMs: 60_000 });
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) expect(l.reserve("10.0.0.1", t0 + i * 1000)).toBe(0);
    expect(l.retryAfterMs("10.0.0.1", t0 + 3000)).toBe(57_000);
    expect(l.reserve("10.0.0.1", t0 + 3000)).toBe(57_000);
    expect(l.retryAfterMs("10.0.0.2", t0 + 3000)).toBe(0);
    expect(l.retryAfterMs("10.0.0.1", t0 + 60_000)).toBe(0);
    expect(l.reserve("10.0.0.1", t0 + 60_000)).toBe(0);
    expect(l.retryAfterMs("10.0.0.1", t0 + 60_001)).toBe(1000 - 1);
  });

  it("counts attempts in flight, and forgets those that succeed", () => {
    const l = new LoginLimiter({ maxFailures: 2, windowMs: 60_000 });
    const t0 = 5_000_000;
    // Two attempts taken at once: a third is refused before either is answered.
    expect(l.reserve("10.0.0.1", t0)).toBe(0);
    expect(l.reserve("10.0.0.1", t0)).toBe(0);
    expect(l.reserve("10.0.0.1", t0 + 1)).toBeGreaterThan(0);
    // One of the two signs in: it no longer counts, and one more attempt may go ahead.
    l.release("10.0.0.1", t0);
    expect(l.reserve("10.0.0.1", t0 + 2)).toBe(0);
    expect(l.reserve("10.0.0.1", t0 + 3)).toBeGreaterThan(0);
  });

  it("reads its limits from the environment with safe defaults", () => {
    expect(loginLimitOptions({})).toEqual({ maxFailures: 20, windowMs: 15 * 60_000 });
    expect(loginLimitOptions({ ATTEST_LOGIN_MAX_FAILURES_PER_IP: "5", ATTEST_LOGIN_WINDOW_MINUTES: "2" })).toEqual({ maxFailures: 5, windowMs: 120_000 });
    expect(loginLimitOptions({ ATTEST_LOGIN_MAX_FAILURES_PER_IP: "-1", ATTEST_LOGIN_WINDOW_MINUTES: "x" })).toEqual({ maxFailures: 20, windowMs: 15 * 60_000 });
  });
});
