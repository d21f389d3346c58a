// Attest's command line: `npm run cli -- <command> …`. Every command brings the database up to
// date first (unless it says otherwise), so a fresh ATTEST_DATA_DIR just works. --json prints one
// JSON object on stdout.
// Start-up stays small: the command table (./cli/table.ts) holds every command's words, usage and
// summary, so `help` imports no command, and a command imports its own module (and the database
// client) only when it runs.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { makeIo, reportError, UsageError, type Io } from "./cli/args";
import { COMMAND_TABLE } from "./cli/table";
import type { CommandEntry } from "./cli/command";
import { AppError } from "@/lib/errors";
import { apiForBusyDatabase, explicitApi } from "./cli/remote";

const help = (commands: readonly CommandEntry[]) => `Attest command line

usage: npm run cli -- <command> [options] [--json]

${commands.map((c) => `  ${c.usage}\n      ${c.summary}`).join("\n")}

Through a running server (user commands; needed while it has the embedded database open):
  --server URL --token T, or ATTEST_SERVER / ATTEST_TOKEN; without them the server of this data
  folder and a token saved with \`token save\` are used when the database is busy.

Environment: ATTEST_DATA_DIR (default ./data), DATABASE_URL=postgresql://… for a PostgreSQL server.`;

const samePath = (path: readonly string[], argv: string[]) => path.every((p, i) => argv[i] === p);

/**
 * A command the table does not know may be one added to scripts/cli/commands since the table was
 * written (a new module, or a new command in a module of the same first word): then the table is
 * stale, and the error says how to refresh it instead of calling the command unknown.
 */
async function assertTableIsCurrent(argv: string[]) {
  const stale = (what: string) => new Error(`scripts/cli/table.ts does not list ${what}: run \`npx tsx scripts/cli/write-table.ts\``);
  const dir = path.join(process.cwd(), "scripts", "cli", "commands");
  const listed = new Set(COMMAND_TABLE.map((c) => c.file));
  const missing = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !listed.has(f)) : [];
  if (missing.length) throw stale(`scripts/cli/commands/${missing.join(", ")}`);
  for (const file of new Set(COMMAND_TABLE.filter((c) => c.path[0] === argv[0]).map((c) => c.file))) {
    const mod = await COMMAND_TABLE.find((c) => c.file === file)!.load();
    if (mod.commands.some((c) => samePath(c.path, argv))) throw stale(`the command "${argv.slice(0, 2).join(" ")}" of scripts/cli/commands/${file}`);
  }
}

/** lib/db/client keeps the process's database on globalThis under this key (see getDb there). */
const dbOpened = () => Boolean((globalThis as Record<symbol, unknown>)[Symbol.for("attest.db")]);

async function main(argv: string[]): Promise<number> {
  const json = argv.includes("--json");
  const io: Io = makeIo(json);
  try {
    if (!argv.length || argv[0] === "help" || argv[0] === "--help" || argv[0] === "-h") {
      process.stdout.write(`${help(COMMAND_TABLE)}\n`);
      return 0;
    }
    const entry = COMMAND_TABLE.find((c) => samePath(c.path, argv));
    if (!entry) {
      await assertTableIsCurrent(argv);
      throw new UsageError(`unknown command "${argv.slice(0, 2).join(" ")}"; run \`npm run cli -- help\``);
    }
    const cmd = (await entry.load()).commands.find((c) => c.path.join(" ") === entry.path.join(" "));
    if (!cmd) throw new Error(`scripts/cli/table.ts is out of date: no command "${entry.path.join(" ")}" in its module (run npx tsx scripts/cli/write-table.ts)`);
    let parsed;
    try {
      parsed = parseArgs({
        args: argv.slice(cmd.path.length),
        options: { json: { type: "boolean" }, server: { type: "string" }, token: { type: "string" }, ...cmd.options },
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      throw new UsageError(`${(e as Error).message}\n  usage: npm run cli -- ${cmd.usage}`);
    }
    const values = parsed.values as Record<string, string | boolean | undefined>;
    const words = `npm run cli -- ${cmd.path.join(" ")}`;
    const api = explicitApi(values);
    if (api) {
      if (!cmd.remote) throw new UsageError(`\`${words}\` cannot go through a server: run it without --server/--token (and without ATTEST_SERVER/ATTEST_TOKEN)`);
      await cmd.remote({ values, positionals: parsed.positionals, io, api });
      return 0;
    }
    let db = null;
    if (!cmd.noAutoMigrate) {
      try {
        db = await (await import("@/lib/db/client")).getDb();
      } catch (e) {
        if (!(e instanceof AppError && e.code === "DB_BUSY")) throw e;
        const viaServer = apiForBusyDatabase(e, words, !!cmd.remote);
        io.log(`The embedded database is open in the server at ${viaServer.base}: going through its API.`);
        await cmd.remote!({ values, positionals: parsed.positionals, io, api: viaServer });
        return 0;
      }
    }
    await cmd.run({ values, positionals: parsed.positionals, io, db });
    return 0;
  } catch (e) {
    return reportError(e, json);
  } finally {
    // Commands that opened the process's database (themselves or above) close it; others never load it.
    if (dbOpened()) await (await import("@/lib/db/client")).closeDb().catch(() => {});
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
