// Content Security Policy with a fresh nonce per page request (issue 16.9d): scripts run only when
// they carry this response's nonce ('strict-dynamic': what they load is trusted in turn) — no
// 'unsafe-inline' for scripts. Next reads the nonce from the request's Content-Security-Policy
// header and puts it on its own inline and chunk scripts; every page is rendered per request (the
// root layout reads the session), so each page gets its own nonce.
// Styles keep 'unsafe-inline': React style attributes cannot carry a nonce.
// API responses get a fixed policy that allows nothing to run (next.config.js).
import { NextResponse, type NextRequest } from "next/server";

export function pagePolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = pagePolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Pages only: not the API (its own policy), Next's static files or prefetches.
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
