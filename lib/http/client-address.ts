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
 * An address as sign-in limits count it: IPv4 as is (also when written IPv4-mapped), IPv6 by its
 * /64 prefix — one subscriber usually holds a whole /64, so single IPv6 addresses cost nothing.
 */
export function addressKey(address: string): string {
  const a = address.trim().toLowerCase().replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return mapped[1];
  if (!a.includes(":")) return a;
  const [head, tail] = a.includes("::") ? a.split("::") : [a, null];
  const groups = (s: string | null) => (s ? s.split(":").flatMap((g) => (g.includes(".") ? ["0", "0"] : [g])) : []);
  const h = groups(head);
  const t = tail === null ? [] : groups(tail);
  const full = tail === null ? h : [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill("0"), ...t];
  return `${full.slice(0, 4).map((g) => (parseInt(g, 16) || 0).toString(16)).join(":")}::/64`;
}

/**
 * The client's address (as addressKey counts it), or null when this process cannot know it (not
 * served by serve.mjs). Under `next dev` every client shares one address: development only.
 */
export function clientAddress(headers: HeaderSource): string | null {
  if (!serveMark()) return process.env.NODE_ENV === "development" ? "development" : null;
  const address = header(headers, "x-attest-client-ip");
  return address ? addressKey(address) : null;
}

/** The host the browser asked for: the trusted proxy's X-Forwarded-Host, else Host. */
export function requestHost(headers: HeaderSource): string | null {
  const forwarded = trustedProxies() > 0 ? header(headers, "x-forwarded-host")?.split(",")[0].trim() : null;
  return forwarded || header(headers, "host");
}
