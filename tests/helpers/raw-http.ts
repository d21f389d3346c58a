// HTTP over a plain TCP socket, for requests fetch will not send (TRACE, a body cut off midway)
// and for reading exactly what the server answers on one connection of its own.
import net from "node:net";

export interface RawExchange {
  /** Everything the server sent before it closed the connection (or before we gave up). */
  text: string;
  /** The status code of the first response line, or null when none arrived. */
  status: number | null;
}

/**
 * Opens a new connection to `base`, writes `request` (a whole HTTP/1.1 message, or the start of
 * one), and reads until the server closes. With `hangUpAfterMs` the client closes the connection
 * itself that long after writing (a client that drops off mid-body). Gives up after `timeoutMs`.
 */
export function rawRequest(base: string, request: string, opts: { hangUpAfterMs?: number; timeoutMs?: number } = {}): Promise<RawExchange> {
  const u = new URL(base);
  return new Promise((resolve) => {
    let text = "";
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(giveUp);
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ text, status: m ? Number(m[1]) : null });
    };
    const socket = net.connect(Number(u.port), u.hostname, () => {
      socket.write(request);
      if (opts.hangUpAfterMs !== undefined) setTimeout(() => socket.destroy(), opts.hangUpAfterMs);
    });
    const giveUp = setTimeout(() => {
      socket.destroy();
      finish();
    }, opts.timeoutMs ?? 60_000);
    socket.on("data", (d) => (text += d.toString("latin1")));
    socket.on("close", finish);
    socket.on("error", finish);
  });
}

/** Waits (polling, up to `timeoutMs`) until `read()` matches `pattern`; returns whether it did. */
export async function waitFor(read: () => string, pattern: RegExp, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (pattern.test(read())) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return pattern.test(read());
}
