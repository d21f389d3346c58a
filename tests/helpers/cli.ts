// Runs the real command line (`tsx scripts/cli.ts …`) in a child process.
import { spawnSync } from "node:child_process";
import path from "node:path";

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  json: any;
}

export function runCli(args: string[], env: Record<string, string | undefined> = {}): CliRun {
  const r = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/cli.ts", ...args], {
    env: { ...process.env, ...env } as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 600_000,
  });
  let json: any = null;
  const lines = r.stdout.trim().split("\n").filter(Boolean);
  try {
    json = lines.length ? JSON.parse(lines[lines.length - 1]) : null;
  } catch {
    json = null;
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json };
}
