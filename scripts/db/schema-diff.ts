// Writes the next migration: the difference between the database that prisma/migrations builds and
// prisma/schema.prisma.
//   npx tsx scripts/db/schema-diff.ts <name>      writes prisma/migrations/<stamp>_<name>/migration.sql
//   npx tsx scripts/db/schema-diff.ts --check     prints the SQL, writes nothing, exits 2 on a change
// Every migration (hand-written SQL functions included) is applied to a fresh in-memory PGlite by
// the same runner the app uses (lib/db/migrate.ts), and Prisma's schema engine compares that database
// with the schema — what `prisma migrate diff --from-migrations … --to-schema …` does with a shadow
// database. Prisma's native schema engine cannot be installed on every machine, so we run its
// WebAssembly build (@prisma/schema-engine-wasm) through the PGlite driver adapter.
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { migrate } from "@/lib/db/migrate";

const require = createRequire(import.meta.url);

// One WebAssembly instance per process: a second one would leave the first engine's timers calling
// into the wrong instance.
let engineModule: Promise<typeof import("@prisma/schema-engine-wasm/schema_engine_bg")> | null = null;
const loadEngine = () => (engineModule ??= instantiateEngine());

async function instantiateEngine() {
  const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const bytes = await readFile(path.join(dir, "schema_engine_bg.wasm"));
  // Node 20 cannot import .wasm as an ES module: instantiate by hand with the wasm-bindgen glue.
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  return bg;
}

/**
 * The SQL that takes a database built by every migration in `migrationsDir` to `schema` (a Prisma
 * schema's text); "" when they agree. Functions, triggers and other objects Prisma does not model
 * are not compared (Prisma's diff never sees them).
 */
export async function schemaDiff(opts: { migrationsDir: string; schema: string }): Promise<string> {
  const db = new PGlite();
  try {
    const previousDir = process.env.ATTEST_MIGRATIONS_DIR;
    process.env.ATTEST_MIGRATIONS_DIR = opts.migrationsDir;
    try {
      await migrate({ exec: async (sql) => void (await db.exec(sql)), query: async (sql, params) => (await db.query(sql, params)).rows as never });
    } finally {
      if (previousDir === undefined) delete process.env.ATTEST_MIGRATIONS_DIR;
      else process.env.ATTEST_MIGRATIONS_DIR = previousDir;
    }
    const bg = await loadEngine();
    const files = [{ path: "schema.prisma", content: opts.schema }];
    const engine = await bg.SchemaEngine.new(
      { datamodels: [["schema.prisma", opts.schema]] },
      () => {},
      // The engine expects the error-wrapping binding the Prisma CLI puts around every adapter.
      bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(db)),
    );
    const result = await engine.diff({
      // The datasource is the adapter's database: the one the migrations just built.
      from: { tag: "schemaDatasource", files, configDir: process.cwd() },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const sql: string = result.stdout ?? "";
    return !sql.trim() || /This is an empty migration/.test(sql) ? "" : sql;
  } finally {
    await db.close().catch(() => {});
  }
}

async function main() {
  const arg = process.argv[2];
  const check = arg === "--check";
  if (!check && (!arg || !/^[a-z0-9_]+$/.test(arg))) {
    throw new Error("usage: npx tsx scripts/db/schema-diff.ts <name in snake_case> | --check");
  }
  const migrationsDir = path.resolve("prisma/migrations");
  const sql = await schemaDiff({ migrationsDir, schema: await readFile("prisma/schema.prisma", "utf8") });
  if (!sql) {
    console.error("No schema change: the migrations already build prisma/schema.prisma; nothing written.");
    process.exit(0);
  }
  if (check) {
    process.stdout.write(sql);
    console.error(`prisma/schema.prisma differs from what prisma/migrations builds (${sql.trim().split("\n").length} lines above).`);
    process.exit(2);
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const out = path.join(migrationsDir, `${stamp}_${arg}`);
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, "migration.sql"), sql);
  console.error(`Wrote ${path.relative(process.cwd(), out)}/migration.sql (${sql.trim().split("\n").length} lines)`);
  // The engine leaves a timer running.
  process.exit(0);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
