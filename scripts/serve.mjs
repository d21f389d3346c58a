// Serves the built app (`npm start` and `npm run serve` use it; plain `next start` must not be used:
// it cannot tell clients apart, so Attest refuses password sign-ins there). Each request is stamped
// with the address it came from (x-attest-client-ip), which `next start` cannot give a route
// handler: its x-forwarded-for is whatever the client sent, if it sent one. Sign-in limits key on
// this address.
// Behind reverse proxies, ATTEST_TRUSTED_PROXIES=n takes the address the n-th proxy from us saw
// (the n-th entry from the right of x-forwarded-for) and believes X-Forwarded-Host; 0 (the default)
// trusts no forwarding header and drops the ones a client sent.
// Listens on 127.0.0.1 unless ATTEST_HOST (or -H) names another interface (0.0.0.0: all of them).
//   node scripts/serve.mjs [-p 3000] [-H 127.0.0.1]
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import next from "next";

const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname || process.env.ATTEST_HOST || "127.0.0.1";
const trusted = Math.max(0, Number(process.env.ATTEST_TRUSTED_PROXIES || 0) | 0);
const FORWARDING = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded", "x-real-ip"];

/** The client's address: the socket's peer, or what the trusted proxies say they saw. */
function clientAddress(socketAddress, forwardedFor, hops) {
  if (!hops) return socketAddress ?? "unknown";
  const list = String(forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return list[list.length - hops] ?? list[0] ?? socketAddress ?? "unknown";
}

// Tells the app (lib/http/client-address.ts) that this process stamps every request: a process
// global, which no request can set.
globalThis[Symbol.for("attest.serve")] = Object.freeze({ trustedProxies: trusted });

// Methods Next cannot turn into a Request (TRACE; TRACK and CONNECT never get this far) would fail
// inside it with a 500: they are answered 405 here, without echoing anything of the request.
const UNSERVED_METHODS = new Set(["TRACE", "TRACK"]);

process.env.NODE_ENV = "production";
const app = next({ dev: false, dir: process.cwd(), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  if (UNSERVED_METHODS.has(req.method)) {
    res.writeHead(405, { Allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS", "Content-Type": "application/json", "X-Content-Type-Options": "nosniff" });
    res.end(JSON.stringify({ error: { code: "METHOD_NOT_ALLOWED", message: `${req.method} is not served here` } }));
    return;
  }
  const forwarded = req.headers["x-forwarded-for"];
  req.headers["x-attest-client-ip"] = clientAddress(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(",") : forwarded, trusted);
  // Without trusted proxies a client's own forwarding headers mean nothing (Next would believe its
  // X-Forwarded-Host in the server actions' origin check): drop them; x-forwarded-for is the peer.
  if (!trusted) {
    for (const h of FORWARDING) delete req.headers[h];
    req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
  }
  closeIfBodyUnread(req, res);
  void handle(req, res);
});

/**
 * A response that starts before the request body has fully arrived (a body refused as too large,
 * or a client that sends more than the app read) closes its connection: the unread rest of that
 * body would otherwise sit in front of the client's next request on the same keep-alive
 * connection, which the server would never read (the client waits until headersTimeout resets it).
 */
function closeIfBodyUnread(req, res) {
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    if (!req.complete) res.shouldKeepAlive = false; // Node sends "Connection: close" and closes after the response
    return writeHead.apply(this, args);
  };
}
server.keepAliveTimeout = 65_000;
// Where the command line finds this server (scripts/cli/remote.ts): while the server has the
// embedded database open, commands that write go through its API. Removed when the server stops.
const serverFile = path.join(path.resolve(process.env.ATTEST_DATA_DIR || "data"), "server.json");
function announce() {
  const local = hostname === "0.0.0.0" ? "127.0.0.1" : hostname === "::" ? "[::1]" : hostname.includes(":") ? `[${hostname}]` : hostname;
  try {
    mkdirSync(path.dirname(serverFile), { recursive: true });
    writeFileSync(serverFile, JSON.stringify({ url: `http://${local}:${port}`, pid: process.pid }), { mode: 0o600 });
  } catch (e) {
    console.warn(`[attest] could not write ${serverFile}: ${e.message}`);
  }
}
function withdraw() {
  try {
    if (JSON.parse(readFileSync(serverFile, "utf8")).pid === process.pid) unlinkSync(serverFile);
  } catch {
    /* gone already */
  }
}
process.once("exit", withdraw);

server.listen(port, hostname, () => {
  announce();
  const shown = hostname === "127.0.0.1" || hostname === "::1" ? "localhost" : hostname;
  console.log(`▲ Attest ready on http://${shown}:${port} (listening on ${hostname})`);
  if (!/^(127\.|::1$|localhost$)/.test(hostname)) console.log(`  Reachable from other machines on ${hostname}: set NEXTAUTH_URL to the address they use, and replace the demo accounts' passwords.`);
});

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.once(sig, () => {
    server.close();
    // Open keep-alive connections would hold the process; requests in flight get a moment.
    setTimeout(() => process.exit(0), 500).unref();
    server.closeIdleConnections?.();
  });
}
