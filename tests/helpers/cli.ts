// Runs the real command line (`node scripts/cli.mjs …`, as `npm run cli` does) in a child process: `runCli` blocks until it
// ends; `runCliAsync` keeps this process's event loop running meanwhile (for a fixture server in
// the test process that the command talks to).
import { spawn, spawnSync } from "node:child_process";

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  json: any;
}

const CLI = () => ["scripts/cli.mjs"];
const TIMEOUT_MS = 600_000;

function result(status: number | null, stdout: string, stderr: string): CliRun {
  let json: any = null;
  const lines = stdout.trim().split("\n").filter(Boolean);
  try {
    json = lines.length ? JSON.parse(lines[lines.length - 1]) : null;
  } catch {
    json = null;
  }
  return { status, stdout, stderr, json };
}

export function runCli(args: string[], env: Record<string, string | undefined> = {}): CliRun {
  const r = spawnSync(process.execPath, [...CLI(), ...args], {
    env: { ...process.env, ...env } as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: TIMEOUT_MS,
  });
  return result(r.status, r.stdout, r.stderr);
}

export function runCliAsync(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI(), ...args], { env: { ...process.env, ...env } as NodeJS.ProcessEnv, timeout: TIMEOUT_MS });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (status) => resolve(result(status, stdout, stderr)));
  });
}
