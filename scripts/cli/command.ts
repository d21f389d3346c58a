// One CLI command: its words, usage, options and what it does. Each file in ./commands exports
// `commands: Command[]`; ./table.ts (written by write-table.ts) lists them all with the module to
// import, so the CLI loads only the command it runs.
import type { Db } from "@/lib/db/client";
import type { Io } from "./args";
import type { Api } from "./remote";
import { UsageError } from "./args";

export type Values = Record<string, string | boolean | undefined>;
export type OptionSpec = Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }>;

export interface Command {
  path: string[];
  usage: string;
  summary: string;
  options: OptionSpec;
  /** Commands that manage migrations themselves. */
  noAutoMigrate?: boolean;
  run(ctx: { values: Values; positionals: string[]; io: Io; db: Db | null }): Promise<void>;
  /**
   * The same through a running server's API (scripts/cli/remote.ts): used with --server/--token,
   * and when the embedded database is open in the server. Commands without it refuse then.
   */
  remote?(ctx: { values: Values; positionals: string[]; io: Io; api: Api }): Promise<void>;
}

/** A line of ./table.ts: what `help` prints and where the command's code is. */
export interface CommandEntry {
  path: readonly string[];
  usage: string;
  summary: string;
  /** Its module in scripts/cli/commands. */
  file: string;
  load(): Promise<{ commands: Command[] }>;
}

export const str = (v: Values, k: string): string | undefined => (typeof v[k] === "string" ? (v[k] as string) : undefined);

export const need = (v: Values, k: string, usage: string): string => {
  const s = str(v, k);
  if (!s) throw new UsageError(`--${k} is required\n  usage: npm run cli -- ${usage}`);
  return s;
};

/** A positive whole number option, or undefined when absent. */
export const positiveInt = (v: Values, k: string): number | undefined => {
  const raw = str(v, k);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!(Number.isInteger(n) && n > 0)) throw new UsageError(`--${k} must be a positive whole number, got "${raw}"`);
  return n;
};
