// The command line starts from the static table in scripts/cli/table.ts: it must list every command
// of every module in scripts/cli/commands, with the same words, usage and summary, in help's order.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COMMAND_TABLE } from "./table";
import { commandFiles, loadCommandsByFile } from "./registry";
import { tableSource, TABLE_FILE } from "./write-table";

describe("CLI command table", () => {
  it("is what write-table.ts writes from scripts/cli/commands (run `npx tsx scripts/cli/write-table.ts` if not)", async () => {
    const modules = await loadCommandsByFile();
    expect(readFileSync(TABLE_FILE, "utf8")).toBe(tableSource(modules));
  });

  it("lists every file in scripts/cli/commands, and each entry's module runs that command", async () => {
    const modules = await loadCommandsByFile();
    expect(modules.map((m) => m.file)).toEqual(commandFiles());
    expect(COMMAND_TABLE.map((e) => e.path.join(" "))).toEqual(modules.flatMap((m) => m.commands.map((c) => c.path.join(" "))));
    for (const entry of COMMAND_TABLE) {
      const cmd = (await entry.load()).commands.find((c) => c.path.join(" ") === entry.path.join(" "));
      expect(cmd, entry.path.join(" ")).toBeDefined();
      expect({ usage: cmd!.usage, summary: cmd!.summary }).toEqual({ usage: entry.usage, summary: entry.summary });
    }
    expect(new Set(COMMAND_TABLE.map((e) => e.path.join(" "))).size).toBe(COMMAND_TABLE.length);
  });
});
