// Admin work while the server runs. PGlite is single-process: while `npm run serve` has the
// embedded database open, the command line cannot open it too. Commands that can (user create,
// list and set) then go through the running server's API with a personal API token instead:
//   --server URL   or ATTEST_SERVER, or found: the server writes <data>/server.json when it listens
//   --token T      or ATTEST_TOKEN, or <data>/cli-token (saved with `npm run cli -- token save`,
//                  mode 0600: readable only by its owner; refused when others may read it)
// With --server or --token given, the command always goes through the API (also on PostgreSQL).
import { existsSync, readFileSync, statSync, writeFileSync, mkdirSync, chmodSync } from "node:fs";
import path from "node:path";
import { dataDir } from "@/lib/db/config";
import { processAlive as alive } from "@/lib/process/alive";
import { AppError, type ErrorCode, ERROR_STATUS } from "@/lib/errors";
import { UsageError } from "./args";
import type { Values } from "./command";

export interface Api {
  base: string;
  /** Calls the API; an error answer becomes the AppError it was on the server. */
  call<T = Record<string, unknown>>(method: string, route: string, body?: unknown): Promise<T>;
}

export const serverFile = () => path.join(dataDir(), "server.json");
export const tokenFile = () => path.join(dataDir(), "cli-token");

/** The URL of the server serving this data folder, when one is running. */
export function runningServer(): string | null {
  const file = serverFile();
  if (!existsSync(file)) return null;
  try {
    const { url, pid } = JSON.parse(readFileSync(file, "utf8")) as { url?: string; pid?: number };
    return url && pid && alive(pid) ? url : null;
  } catch {
    return null;
  }
}

/** The saved token, refused (with what to do) when anyone but its owner may read the file. */
export function savedToken(): string | null {
  const file = tokenFile();
  if (!existsSync(file)) return null;
  const st = statSync(file);
  if (st.mode & 0o077) {
    throw new AppError("FORBIDDEN", `${file} may be read by others (mode ${(st.mode & 0o777).toString(8)}); run \`chmod 600 ${file}\` or save the token again`);
  }
  if (typeof process.getuid === "function" && st.uid !== process.getuid()) throw new AppError("FORBIDDEN", `${file} belongs to another user`);
  return readFileSync(file, "utf8").trim() || null;
}

export function saveToken(token: string): string {
  const file = tokenFile();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${token.trim()}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // an existing file keeps its old mode otherwise
  return file;
}

export function makeApi(base: string, token: string): Api {
  const root = base.replace(/\/+$/, "");
  return {
    base: root,
    async call<T>(method: string, route: string, body?: unknown): Promise<T> {
      let res: Response;
      try {
        res = await fetch(`${root}${route}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { "content-type": "application/json" }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (e) {
        throw new AppError("DB_BUSY", `could not reach the Attest server at ${root} (${(e as Error).message})`);
      }
      const text = await res.text();
      let json: { error?: { code?: string; message?: string; problems?: [] } } & Record<string, unknown>;
      try {
        json = JSON.parse(text);
      } catch {
        throw new AppError("INTERNAL", `the server at ${root} answered ${method} ${route} with ${res.status} and no JSON (is it an Attest server?)`);
      }
      if (!res.ok) {
        const code = (json.error?.code && json.error.code in ERROR_STATUS ? json.error.code : "INTERNAL") as ErrorCode;
        throw new AppError(code, `the server at ${root} refused: ${json.error?.message ?? res.status}`, json.error?.problems ?? []);
      }
      return json as T;
    },
  };
}

/** --server/--token (or ATTEST_SERVER/ATTEST_TOKEN) given: the API to use; else null. */
export function explicitApi(values: Values): Api | null {
  const server = (typeof values.server === "string" && values.server) || process.env.ATTEST_SERVER || null;
  const token = (typeof values.token === "string" && values.token) || process.env.ATTEST_TOKEN || null;
  if (!server && !token) return null;
  const base = server ?? runningServer();
  if (!base) throw new UsageError("--token given but no server: add --server http://host:port (no running server was found for this data folder)");
  const t = token ?? savedToken();
  if (!t) throw new UsageError(`--server given but no token: add --token <an API token> (create one on ${base}/tokens), or save one with \`npm run cli -- token save\``);
  return makeApi(base, t);
}

/**
 * The embedded database is open in another process: the running server's API when it and a saved
 * token are found, else an error that says exactly how to go on.
 */
export function apiForBusyDatabase(busy: AppError, commandWords: string, canRemote: boolean): Api {
  const server = runningServer();
  if (!canRemote) {
    throw new AppError(
      "DB_BUSY",
      `${busy.message}\n\`${commandWords}\` cannot go through the running server. Run it while the server is stopped, or use a PostgreSQL server (DATABASE_URL) so the server and the command line share the database.`,
    );
  }
  const token = savedToken();
  if (server && token) return makeApi(server, token);
  const where = server ?? "http://localhost:3000";
  throw new AppError(
    "DB_BUSY",
    `The embedded database is open in the running Attest server${server ? ` (${server})` : ""}, so \`${commandWords}\` goes through its API with an API token:\n` +
      `  1. sign in as an admin and create a token with scope users:write on ${where}/tokens\n` +
      `  2. run again with --token <token>${server ? "" : " --server <the server's URL>"}, or save the token once for this data folder: npm run cli -- token save  (reads it from stdin; stored in ${tokenFile()}, mode 0600)`,
  );
}
