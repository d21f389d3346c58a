// Sign-in rate limiting by client address, on top of the account lock (lib/auth/lockout.ts): the
// lock stops guessing one account's password, this stops one address from trying many accounts
// (password spraying). Each attempt takes a place before its password is checked, so attempts that
// arrive together cannot overrun the limit; a successful sign-in gives its place back, so only
// failures stay counted and a class of raters behind one NAT can all sign in (at most the limit of
// them at the very same moment). State is per server process (Attest runs one; PGlite allows no other).
export interface LoginLimitOptions {
  /** Failed sign-ins allowed per address within the window. */
  maxFailures: number;
  windowMs: number;
}

export function loginLimitOptions(env: Record<string, string | undefined> = process.env): LoginLimitOptions {
  const n = Number(env.ATTEST_LOGIN_MAX_FAILURES_PER_IP);
  const m = Number(env.ATTEST_LOGIN_WINDOW_MINUTES);
  return { maxFailures: Number.isFinite(n) && n > 0 ? Math.floor(n) : 20, windowMs: (Number.isFinite(m) && m > 0 ? m : 15) * 60_000 };
}

export class LoginLimiter {
  private failures = new Map<string, number[]>();
  constructor(private readonly opts: LoginLimitOptions) {}

  private recent(address: string, now: number): number[] {
    const list = (this.failures.get(address) ?? []).filter((t) => now - t < this.opts.windowMs);
    if (list.length) this.failures.set(address, list);
    else this.failures.delete(address);
    return list;
  }

  /** Milliseconds until this address may try again, or 0 when it may try now. */
  retryAfterMs(address: string, now = Date.now()): number {
    const list = this.recent(address, now);
    if (list.length < this.opts.maxFailures) return 0;
    return list[list.length - this.opts.maxFailures] + this.opts.windowMs - now;
  }

  /**
   * Counts one attempt from this address as a failure until release() says it succeeded; returns 0
   * when the attempt may go ahead, else the milliseconds to wait (and nothing is counted).
   */
  reserve(address: string, now = Date.now()): number {
    const wait = this.retryAfterMs(address, now);
    if (wait > 0) return wait;
    const list = this.recent(address, now);
    list.push(now);
    this.failures.set(address, list);
    // Bounded memory: forget the oldest addresses first.
    if (this.failures.size > 50_000) this.failures.delete(this.failures.keys().next().value!);
    return 0;
  }

  /** The attempt reserved at `at` succeeded: it no longer counts. */
  release(address: string, at: number): void {
    const list = this.failures.get(address);
    const i = list?.lastIndexOf(at) ?? -1;
    if (i >= 0) list!.splice(i, 1);
  }
}
