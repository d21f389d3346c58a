// Runs the built Attest app (`next start`) on a free port against a database of the test's
// choosing: embedded PGlite in a temp data dir, or a fresh PostgreSQL database.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase, type Db } from "@/lib/db/client";
import { createPostgresDatabase, type TestDatabase } from "./databases";

export interface RunningApp {
  base: string;
  dataDir: string;
  /** The PostgreSQL database the app uses (undefined on PGlite, which only the app may open). */
  databaseUrl?: string;
  /** What the server printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/** A TCP port that is free on the loopback interface right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/**
 * Prepares a database with `seed`, then serves the app on it. For PGlite the seeding process
 * closes the database before the server opens it (PGlite is single-process).
 */
export interface StartOptions {
  /**
   * Another way to start the server, given the port (default: `node scripts/serve.mjs` on
   * 127.0.0.1). It runs in a process group of its own, which stop() ends as a whole.
   */
  command?: (port: number) => { file: string; args: string[] };
  /** Extra environment for the server. */
  env?: Record<string, string>;
}

export async function startApp(t: TestDatabase, seed: (db: Db) => Promise<void>, options: StartOptions = {}): Promise<RunningApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "attest-app-"));
  process.env.ATTEST_DATA_DIR = dataDir; // the seed stores audio where the server will look
  let databaseUrl: string | undefined;
  let drop = async () => {};
  let db: Db;
  if (t.name === "postgres") {
    const created = await createPostgresDatabase(process.env.TEST_DATABASE_URL!);
    databaseUrl = created.url;
    drop = created.drop;
    db = await openDatabase({ kind: "postgres", url: created.url });
  } else {
    db = await openDatabase({ kind: "pglite", dir: path.join(dataDir, "pglite") });
  }
  await db.migrate();
  await seed(db);
  await db.close();

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, ATTEST_DATA_DIR: dataDir, NEXTAUTH_URL: base, PORT: String(port), NODE_ENV: "production", ...options.env };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const custom = options.command?.(port);
  const { file, args } = custom ?? { file: process.execPath, args: [...nodeArgs(), path.resolve("scripts/serve.mjs"), "-p", String(port), "-H", "127.0.0.1"] };
  const child: ChildProcess = spawn(file, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: !!custom });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`the app did not become healthy in 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    dataDir,
    databaseUrl,
    output: () => output,
    async stop() {
      const exited = new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
      if (!custom) child.kill("SIGTERM");
      else
        try {
          process.kill(-child.pid!, "SIGTERM");
        } catch {
          /* the group has ended already */
        }
      await exited;
      await drop();
    },
  };
}

export interface SignInResult {
  response: Response;
  /** The Cookie header of everything both answers set. */
  cookie: string;
  signedIn: boolean;
}

/**
 * The first half of a sign-in through next-auth's credentials flow: fetches the CSRF token (with
 * extra request headers) and returns the second half, the credentials POST, so that many sign-ins
 * can be prepared first and then fired together.
 */
export async function prepareSignIn(base: string, headers: Record<string, string> = {}): Promise<(email: string, password: string) => Promise<SignInResult>> {
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  keep(csrf);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  return async (email, password) => {
    const response = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
      body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    });
    keep(response);
    return { response, cookie: cookie(), signedIn: [...jar.keys()].some((k) => k.includes("session-token")) };
  };
}

/** One sign-in through next-auth's credentials flow (CSRF token first), with extra request headers. */
export async function postSignIn(base: string, email: string, password: string, headers: Record<string, string> = {}): Promise<SignInResult> {
  return (await prepareSignIn(base, headers))(email, password);
}

/** Signs in through next-auth's credentials flow; returns the Cookie header for later requests. */
export async function signIn(base: string, email: string, password: string): Promise<string | null> {
  const r = await postSignIn(base, email, password);
  return r.signedIn ? r.cookie : null;
}

/** Extra Node flags for the server process (e.g. ATTEST_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"). */
function nodeArgs(): string[] {
  return (process.env.ATTEST_SERVER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
}
