// Applies prisma/migrations/*/migration.sql in order and records them in `_prisma_migrations`
// exactly as `prisma migrate deploy` does, so a server database stays compatible with Prisma's
// own tooling. We apply the SQL ourselves because Prisma's schema engine is a native binary that
// cannot be installed on every machine, and its WebAssembly build fails against adapter-pg.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";

/** The two things a migration needs from a connection: run a script, and run a query. */
export interface SqlRunner {
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationsDir(): string {
  // Resolved from the project root: works from the CLI (tsx), vitest and `next start`.
  return path.resolve(/*turbopackIgnore: true*/ process.env.ATTEST_MIGRATIONS_DIR || path.join(process.cwd(), "prisma", "migrations"));
}

export function listMigrations(dir = migrationsDir()): Migration[] {
  if (!existsSync(dir)) throw new Error(`No migrations folder at ${dir}`);
  return readdirSync(dir)
    .filter((d) => /^\d{14}_[a-z0-9_]+$/.test(d) && existsSync(path.join(dir, d, "migration.sql")))
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any constant works; it only has to be the same for every Attest process on one server.
const ADVISORY_LOCK_KEY = 7_263_514_001;

export interface MigrateResult {
  applied: string[];
  upToDate: string[];
}

/**
 * Brings the database up to date. Each migration runs in its own transaction with its history
 * row, so a failure leaves the database at the previous migration. On a server, an advisory lock
 * keeps two processes from migrating at once.
 */
export async function migrate(
  runner: SqlRunner,
  opts: { useAdvisoryLock: boolean; onProgress?: (msg: string) => void } = { useAdvisoryLock: false },
): Promise<MigrateResult> {
  const migrations = listMigrations();
  if (opts.useAdvisoryLock) await runner.query(`SELECT pg_advisory_lock(${ADVISORY_LOCK_KEY})`);
  try {
    await runner.exec(HISTORY_TABLE);
    const rows = await runner.query<{ migration_name: string; checksum: string; finished_at: unknown }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const done = new Map(rows.filter((r) => r.finished_at).map((r) => [r.migration_name, r.checksum]));
    const known = new Set(migrations.map((m) => m.name));
    const unknown = [...done.keys()].filter((n) => !known.has(n));
    if (unknown.length) {
      throw new Error(
        `The database has migrations this code does not know (${unknown.join(", ")}): it was migrated by a newer version of Attest.`,
      );
    }
    const applied: string[] = [];
    const upToDate: string[] = [];
    for (const m of migrations) {
      const checksum = done.get(m.name);
      if (checksum !== undefined) {
        if (checksum !== m.checksum) {
          throw new Error(`Migration ${m.name} was changed after it was applied (checksum differs); add a new migration instead.`);
        }
        upToDate.push(m.name);
        continue;
      }
      opts.onProgress?.(`applying migration ${m.name}`);
      const id = randomUUID();
      await runner.exec("BEGIN");
      try {
        await runner.exec(m.sql);
        await runner.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [id, m.checksum, m.name],
        );
        await runner.exec("COMMIT");
      } catch (e) {
        await runner.exec("ROLLBACK").catch(() => {});
        throw new Error(`Migration ${m.name} failed: ${(e as Error).message}`);
      }
      applied.push(m.name);
    }
    return { applied, upToDate };
  } finally {
    if (opts.useAdvisoryLock) await runner.query(`SELECT pg_advisory_unlock(${ADVISORY_LOCK_KEY})`);
  }
}
