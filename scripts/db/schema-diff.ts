// Writes a new migration from the difference between the schema snapshot of the latest migration
// and prisma/schema.prisma. Prisma's native schema engine cannot be installed on every machine
// (ENVIRONMENT.md), so we run its WebAssembly build (@prisma/schema-engine-wasm) against an
// in-memory PGlite: a schema-to-schema diff needs no real database.
//   npx tsx scripts/db/schema-diff.ts <name>
import { readFile, writeFile, mkdir, readdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);

async function loadEngine() {
  const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const bytes = await readFile(path.join(dir, "schema_engine_bg.wasm"));
  // Node 20 cannot import .wasm as an ES module: instantiate by hand with the wasm-bindgen glue.
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  return bg;
}

async function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: schema-diff.ts <name in snake_case>");
  const migrationsDir = path.resolve("prisma/migrations");
  await mkdir(migrationsDir, { recursive: true });
  const existing = (await readdir(migrationsDir)).filter((d) => /^\d{14}_/.test(d)).sort();
  // The newest snapshot: migrations written by hand (SQL functions) carry none.
  const last = existing.filter((d) => existsSync(path.join(migrationsDir, d, "schema.prisma"))).at(-1);
  const current = await readFile("prisma/schema.prisma", "utf8");
  const previous = last ? await readFile(path.join(migrationsDir, last, "schema.prisma"), "utf8") : null;

  const bg = await loadEngine();
  const db = new PGlite();
  const engine = await bg.SchemaEngine.new(
    { datamodels: [["schema.prisma", current]] },
    () => {},
    // The engine expects the error-wrapping binding the Prisma CLI puts around every adapter.
    bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(db)),
  );
  const files = (content: string) => ({ files: [{ path: "schema.prisma", content }] });
  const result = await engine.diff({
    from: previous ? { tag: "schemaDatamodel", ...files(previous) } : { tag: "empty" },
    to: { tag: "schemaDatamodel", ...files(current) },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  const sql: string = result.stdout ?? "";
  if (!sql.trim() || /This is an empty migration/.test(sql)) {
    console.error("No schema change: nothing written.");
    process.exit(0);
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const out = path.join(migrationsDir, `${stamp}_${name}`);
  await mkdir(out);
  await writeFile(path.join(out, "migration.sql"), sql);
  await writeFile(path.join(out, "schema.prisma"), current);
  console.error(`Wrote ${path.relative(process.cwd(), out)}/migration.sql (${sql.split("\n").length} lines)`);
  // The engine leaves a timer running.
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
