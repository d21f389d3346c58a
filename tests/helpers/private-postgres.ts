// A private PostgreSQL cluster for fault tests: initdb into a temp dir (as the postgres user, trust
// auth), served on a free port on 127.0.0.1 only, which a test may stop, start and restart at will
// without touching the machine's own cluster. teardown() stops it and removes the directory; a
// process exit without teardown still stops it (no stray postmaster is left behind).
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, appendFileSync, readFileSync, rmSync } from "node:fs";
import { freePort } from "./server";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

export interface PrivatePostgres {
  port: number;
  /** postgresql://postgres@127.0.0.1:<port>/postgres — tests create their own databases on it. */
  url: string;
  dir: string;
  /** Stops the server: "fast" ends sessions cleanly, "immediate" kills it as a crash would. */
  stop(mode?: "fast" | "immediate"): Promise<void>;
  /** Starts it again and waits until it accepts connections. */
  start(): Promise<void>;
  /** `pg_ctl restart -m <mode>` and waits until it accepts connections. */
  restart(mode?: "fast" | "immediate"): Promise<void>;
  /** The server log (for failure messages). */
  log(): string;
  teardown(): Promise<void>;
}

/** The newest PostgreSQL server binaries on the machine (Debian layout), e.g. /usr/lib/postgresql/15/bin. */
export function postgresBinDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin", "initdb"))) : [];
  if (!versions.length) throw new Error(`no PostgreSQL server binaries under ${root} (apt-get install postgresql)`);
  return path.join(root, versions.sort((a, b) => Number(b) - Number(a))[0], "bin");
}


export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(path.join(tmpdir(), "attest-pg-"));
  const data = path.join(dir, "data");
  const logFile = path.join(dir, "server.log");
  chownSync(dir, uid("postgres"), gid("postgres"));
  // Asynchronous, so that a test's clients keep running while the server goes down and comes back.
  const asPostgres = (cmd: string, args: string[]) =>
    new Promise<void>((resolve, reject) =>
      execFile("runuser", ["-u", "postgres", "--", path.join(bin, cmd), ...args], { encoding: "utf8" }, (err, stdout, stderr) =>
        err ? reject(new Error(`${cmd} ${args.join(" ")} failed (${err.code}):\n${stdout}${stderr}\n${readLog()}`)) : resolve(),
      ),
    );
  const readLog = () => (existsSync(logFile) ? readFileSync(logFile, "utf8").slice(-4000) : "");
  await asPostgres("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions"]);
  const port = await freePort();
  // TCP on loopback only; the Unix socket in our own directory, away from the system cluster's.
  appendFileSync(
    path.join(data, "postgresql.conf"),
    `\nport = ${port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${dir}'\nmax_connections = 50\nshared_buffers = 32MB\n`,
  );
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  let running = false;
  const ctl = (args: string[]) => asPostgres("pg_ctl", ["-D", data, "-l", logFile, ...args]);

  const ready = async () => {
    // pg_ctl -w already waited for the postmaster; make sure a client really gets through.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const c = new pg.Client({ connectionString: url });
      try {
        await c.connect();
        await c.query("SELECT 1");
        await c.end();
        return;
      } catch (e) {
        await c.end().catch(() => {});
        if (Date.now() > deadline) throw new Error(`private PostgreSQL did not come up: ${(e as Error).message}\n${readLog()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  const stop = async (mode: "fast" | "immediate") => {
    await ctl(["stop", "-w", "-m", mode]);
    running = false;
  };
  const onExit = () => {
    if (running) spawnSync("runuser", ["-u", "postgres", "--", path.join(bin, "pg_ctl"), "-D", data, "stop", "-m", "immediate"]);
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", onExit);

  await ctl(["start", "-w", "-t", "60"]);
  running = true;
  await ready();

  return {
    port,
    url,
    dir,
    stop: (mode = "fast") => stop(mode),
    async start() {
      await ctl(["start", "-w", "-t", "60"]);
      running = true;
      await ready();
    },
    async restart(mode = "fast") {
      await ctl(["restart", "-w", "-t", "60", "-m", mode]);
      running = true;
      await ready();
    },
    log: readLog,
    async teardown() {
      process.removeListener("exit", onExit);
      if (running) await stop("immediate");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const uid = (user: string) => Number(execFileSync("id", ["-u", user], { encoding: "utf8" }).trim());
const gid = (user: string) => Number(execFileSync("id", ["-g", user], { encoding: "utf8" }).trim());
