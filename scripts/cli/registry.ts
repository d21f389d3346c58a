// The command modules in ./commands (each exports `commands: Command[]`), loaded all at once. The
// command line does not use this (it starts from the static table in ./table.ts and imports only the
// module of the command it runs); write-table.ts and the table's test do.
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "./command";

/** The module files of ./commands, sorted: the order `help` lists them in. */
export function commandFiles(): string[] {
  const dir = path.join(import.meta.dirname, "commands");
  return readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts")).sort();
}

export async function loadCommandsByFile(): Promise<{ file: string; commands: Command[] }[]> {
  const dir = path.join(import.meta.dirname, "commands");
  const out: { file: string; commands: Command[] }[] = [];
  for (const f of commandFiles()) {
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { commands?: Command[] };
    if (!mod.commands) throw new Error(`scripts/cli/commands/${f} exports no \`commands\``);
    out.push({ file: f, commands: mod.commands });
  }
  return out;
}
