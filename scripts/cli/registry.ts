// Loads every command module in ./commands (each exports `commands: Command[]`).
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "./command";

export async function loadCommands(): Promise<Command[]> {
  const dir = path.join(import.meta.dirname, "commands");
  const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts")).sort();
  const out: Command[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { commands?: Command[] };
    if (!mod.commands) throw new Error(`scripts/cli/commands/${f} exports no \`commands\``);
    out.push(...mod.commands);
  }
  return out;
}
