// Who the client is, as scripts/serve.mjs established it. serve.mjs runs the app in its own process
// and marks that process (a process-global no request can set); it stamps every request with
// x-attest-client-ip from the socket's peer (or what trusted proxies saw) and drops forwarding
// headers a client sent when no proxy is trusted. Without that mark (plain `next start`), no request
// header can be believed about who the client is or which host it asked for.

interface ServeMark {
  /** ATTEST_TRUSTED_PROXIES as serve.mjs read it. */
  trustedProxies: number;
}

const MARK = Symbol.for("attest.serve");

function serveMark(): ServeMark | null {
  return ((globalThis as Record<symbol, unknown>)[MARK] as ServeMark | undefined) ?? null;
}

/** Reverse proxies in front of Attest whose forwarding headers are believed (0 without serve.mjs). */
export function trustedProxies(): number {
  return serveMark()?.trustedProxies ?? 0;
}

type HeaderSource = Headers | Record<string, unknown>;

function header(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const v = headers[name];
  return typeof v === "string" ? v : Array.isArray(v) ? v.join(",") : null;
}

/**
 * The client's address, or null when this process cannot know it (not served by serve.mjs). Under
 * `next dev` every client shares one address: development only.
 */
export function clientAddress(headers: HeaderSource): string | null {
  if (!serveMark()) return process.env.NODE_ENV === "development" ? "development" : null;
  return header(headers, "x-attest-client-ip") || null;
}

/** The host the browser asked for: the trusted proxy's X-Forwarded-Host, else Host. */
export function requestHost(headers: HeaderSource): string | null {
  const forwarded = trustedProxies() > 0 ? header(headers, "x-forwarded-host")?.split(",")[0].trim() : null;
  return forwarded || header(headers, "host");
}
