// Serves the built app like `next start`, and stamps each request with the address it came from
// (x-attest-client-ip), which `next start` cannot give a route handler: its x-forwarded-for is
// whatever the client sent, if it sent one. Login rate limiting keys on this address.
// Behind reverse proxies, ATTEST_TRUSTED_PROXIES=n takes the address the n-th proxy from us saw
// (the n-th entry from the right of x-forwarded-for); 0 (the default) trusts no header.
//   node scripts/serve.mjs [-p 3000] [-H 0.0.0.0]
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import next from "next";

const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname;
const trusted = Math.max(0, Number(process.env.ATTEST_TRUSTED_PROXIES || 0) | 0);

/** The client's address: the socket's peer, or what the trusted proxies say they saw. */
function clientAddress(socketAddress, forwardedFor, hops) {
  if (!hops) return socketAddress ?? "unknown";
  const list = String(forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return list[list.length - hops] ?? list[0] ?? socketAddress ?? "unknown";
}

process.env.NODE_ENV = "production";
const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  const forwarded = req.headers["x-forwarded-for"];
  req.headers["x-attest-client-ip"] = clientAddress(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(",") : forwarded, trusted);
  // Without trusted proxies a client's own x-forwarded-for means nothing: replace it with the peer.
  if (!trusted) req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
  void handle(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  console.log(`▲ Attest ready on http://${hostname ?? "localhost"}:${port}`);
});

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.once(sig, () => {
    server.close();
    // Open keep-alive connections would hold the process; requests in flight get a moment.
    setTimeout(() => process.exit(0), 500).unref();
    server.closeIdleConnections?.();
  });
}
