import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { LoginLimiter, loginLimitOptions } from "@/lib/auth/login-limit";
import { clientAddress } from "@/lib/http/client-address";

// next-auth's handler is built per request so the options (secret from the data dir) load lazily.
type Ctx = { params: Promise<{ nextauth: string[] }> };
async function handler(req: Request, ctx: Ctx) {
  return NextAuth(req as never, { params: await ctx.params } as never, authOptions());
}

const limiter = new LoginLimiter(loginLimitOptions());

/**
 * Credential sign-ins are limited per client address (set by scripts/serve.mjs from the socket, or
 * from trusted proxies; a server it did not start refuses them): past the limit the answer is 429
 * with Retry-After, before the password is checked (each attempt takes its place first, so attempts
 * arriving together cannot overrun it), and the account lock cannot be driven from one address
 * across many accounts either.
 */
async function post(req: Request, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") !== "callback/credentials") return handler(req, ctx);
  const address = clientAddress(req.headers);
  if (!address) {
    // Plain `next start`: no way to tell clients apart, so no way to limit guessing per client.
    console.error("[attest] password sign-in refused: the server was not started by scripts/serve.mjs, so the client's address is unknown");
    const url = new URL("/login", req.url);
    url.searchParams.set("error", "Configuration");
    return NextResponse.json(
      { url: url.toString(), error: { code: "CLIENT_ADDRESS_UNKNOWN", message: "password sign-in is off: this server cannot tell clients apart to limit guessing; serve Attest with scripts/serve.mjs (npm start or npm run serve), not next start" } },
      { status: 503 },
    );
  }
  const now = Date.now();
  const wait = limiter.reserve(address, now);
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60_000);
    const url = new URL("/login", req.url);
    url.searchParams.set("error", "RateLimited");
    return NextResponse.json(
      { url: url.toString(), error: { code: "RATE_LIMITED", message: `too many failed sign-ins from your address; try again in ${minutes} minute${minutes === 1 ? "" : "s"}` } },
      { status: 429, headers: { "retry-after": String(Math.ceil(wait / 1000)) } },
    );
  }
  const res = await handler(req, ctx);
  if (res.headers.getSetCookie().some((c: string) => /session-token=[^;]/.test(c))) limiter.release(address, now);
  return res;
}

export { handler as GET, post as POST };
