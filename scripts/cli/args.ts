// Shared command-line plumbing: --json output, progress on stderr, errors with their problems.
import { AppError, formatProblem } from "@/lib/errors";

export interface Io {
  json: boolean;
  /** Progress for people: on stderr, throttled, one line per stage when not a terminal. */
  progress(stage: string, done: number, total: number): void;
  log(msg: string): void;
  /** The command's result: one JSON object on stdout with --json, else a readable summary. */
  result(obj: Record<string, unknown>, human?: string): void;
}

export function makeIo(json: boolean): Io {
  const tty = process.stderr.isTTY;
  let lastStage = "";
  let lastPct = -1;
  return {
    json,
    progress(stage, done, total) {
      const pct = total ? Math.floor((done / total) * 100) : 100;
      if (tty) {
        process.stderr.write(`\r${stage}: ${done}/${total} (${pct}%)   ${done === total ? "\n" : ""}`);
        return;
      }
      // Not a terminal: a line every 10% per stage, so logs stay readable.
      if (stage !== lastStage) lastPct = -1;
      const step = Math.floor(pct / 10);
      if (step !== lastPct || done === total) {
        if (step !== lastPct) process.stderr.write(`${stage}: ${done}/${total} (${pct}%)\n`);
        lastPct = step;
      }
      lastStage = stage;
    },
    log(msg) {
      process.stderr.write(`${msg}\n`);
    },
    result(obj, human) {
      if (json) process.stdout.write(`${JSON.stringify(obj)}\n`);
      else process.stdout.write(`${human ?? JSON.stringify(obj, null, 2)}\n`);
    },
  };
}

export class UsageError extends Error {}

/** A command that already printed its answer (and problems) and only needs to exit with `code`. */
export class CommandFailed extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export function reportError(e: unknown, json: boolean): number {
  if (e instanceof CommandFailed) return e.code;
  if (e instanceof UsageError) {
    process.stderr.write(`usage error: ${e.message}\n`);
    if (json) process.stdout.write(`${JSON.stringify({ error: { code: "USAGE", message: e.message } })}\n`);
    return 2;
  }
  if (e instanceof AppError) {
    process.stderr.write(`error: ${e.message}\n`);
    for (const p of e.problems.slice(0, 200)) process.stderr.write(`  - ${formatProblem(p)}\n`);
    if (e.problems.length > 200) process.stderr.write(`  … and ${e.problems.length - 200} more\n`);
    if (json) process.stdout.write(`${JSON.stringify({ error: { code: e.code, message: e.message, problems: e.problems } })}\n`);
    return 1;
  }
  const err = e as Error;
  process.stderr.write(`error: ${err?.stack ?? String(e)}\n`);
  if (json) process.stdout.write(`${JSON.stringify({ error: { code: "INTERNAL", message: err?.message ?? String(e) } })}\n`);
  return 1;
}
