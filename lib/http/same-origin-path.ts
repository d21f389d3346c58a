// Where a browser may be sent after sign-in: a path on this site, never another origin. The value
// is resolved against the app's own origin with the WHATWG URL parser, exactly as the browser will
// resolve it, so backslashes, tabs, newlines, leading spaces and scheme tricks are read as the
// browser reads them; anything that lands on another origin becomes the home page.

/** The app's public origin: NEXTAUTH_URL, else http://localhost:$PORT. */
export function appOrigin(env: NodeJS.ProcessEnv = process.env): string {
  return new URL(env.NEXTAUTH_URL || `http://localhost:${env.PORT || 3000}`).origin;
}

/** `raw` as a path (with query and fragment) on `origin`, or `fallback` when it leads elsewhere. */
export function sameOriginPath(raw: string | null | undefined, origin: string = appOrigin(), fallback = "/"): string {
  if (!raw) return fallback;
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(origin).origin) return fallback;
  // "//host" as a path would be read by the browser as another host: keep one leading slash.
  return `${url.pathname.replace(/^\/{2,}/, "/")}${url.search}${url.hash}`;
}
