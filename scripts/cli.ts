// Attest's command line: `npm run cli -- <command> …`. Every command brings the database up to
// date first, so a fresh ATTEST_DATA_DIR just works. --json prints one JSON object on stdout.
import { parseArgs } from "node:util";
import { getDb, closeDb } from "@/lib/db/client";
import { makeIo, reportError, UsageError, type Io } from "./cli/args";
import { loadCommands } from "./cli/registry";
import type { Command } from "./cli/command";

const help = (commands: Command[]) => `Attest command line

usage: npm run cli -- <command> [options] [--json]

${commands.map((c) => `  ${c.usage}\n      ${c.summary}`).join("\n")}

Environment: ATTEST_DATA_DIR (default ./data), DATABASE_URL=postgresql://… for a PostgreSQL server.`;

async function main(argv: string[]): Promise<number> {
  const json = argv.includes("--json");
  const io: Io = makeIo(json);
  try {
    const COMMANDS = await loadCommands();
    if (!argv.length || argv[0] === "help" || argv[0] === "--help" || argv[0] === "-h") {
      process.stdout.write(`${help(COMMANDS)}\n`);
      return 0;
    }
    const cmd = COMMANDS.find((c) => c.path.every((p, i) => argv[i] === p));
    if (!cmd) throw new UsageError(`unknown command "${argv.slice(0, 2).join(" ")}"; run \`npm run cli -- help\``);
    let parsed;
    try {
      parsed = parseArgs({
        args: argv.slice(cmd.path.length),
        options: { json: { type: "boolean" }, ...cmd.options },
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      throw new UsageError(`${(e as Error).message}\n  usage: npm run cli -- ${cmd.usage}`);
    }
    const db = cmd.noAutoMigrate ? null : await getDb();
    await cmd.run({ values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals, io, db });
    return 0;
  } catch (e) {
    return reportError(e, json);
  } finally {
    await closeDb().catch(() => {});
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
