// The one Prisma client. Embedded PGlite by default (a directory under ATTEST_DATA_DIR), or a
// PostgreSQL server when DATABASE_URL=postgresql://… — the code above this file is the same.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/db/generated/client";
import { databaseTarget, type DatabaseTarget } from "@/lib/db/config";
import { migrate, type SqlRunner, type MigrateResult } from "@/lib/db/migrate";
import { lockPgliteDir } from "@/lib/db/pglite-lock";

export type Prisma = InstanceType<typeof PrismaClient>;

export interface Db {
  prisma: Prisma;
  kind: "pglite" | "postgres";
  /** Raw SQL for migrations and maintenance. */
  runner: SqlRunner;
  migrate(onProgress?: (msg: string) => void): Promise<MigrateResult>;
  close(): Promise<void>;
}

function pgliteRunner(db: PGlite): SqlRunner {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
  };
}

export async function openDatabase(target: DatabaseTarget = databaseTarget()): Promise<Db> {
  if (target.kind === "pglite") {
    const release = target.dir ? lockPgliteDir(target.dir) : () => {};
    let pglite: PGlite;
    try {
      pglite = target.dir ? await PGlite.create(target.dir) : await PGlite.create();
    } catch (e) {
      release();
      throw e;
    }
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    const runner = pgliteRunner(pglite);
    return {
      prisma,
      kind: "pglite",
      runner,
      migrate: (onProgress) => migrate(runner, { useAdvisoryLock: false, onProgress }),
      async close() {
        await prisma.$disconnect();
        await pglite.close();
        release();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: Number(process.env.ATTEST_DB_POOL || 10) });
  // An idle connection that the server closes (a restart, a failover, a dropped database) is an
  // 'error' event on the pool; unheard, it would end the process. The pool discards that client and
  // opens a new one on demand; requests in flight get their own error (503 in routes).
  pool.on("error", (e) => console.warn(`[attest] database connection lost: ${e.message}`));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  // Migrations hold an advisory lock, which belongs to a session: run them on one dedicated client.
  const migrateOnOneClient = async (onProgress?: (msg: string) => void) => {
    const client = await pool.connect();
    try {
      const runner: SqlRunner = {
        async exec(sql) {
          await client.query(sql);
        },
        async query<T>(sql: string, params: unknown[] = []) {
          return (await client.query(sql, params)).rows as T[];
        },
      };
      return await migrate(runner, { useAdvisoryLock: true, onProgress });
    } finally {
      client.release();
    }
  };
  return {
    prisma,
    kind: "postgres",
    runner: {
      async exec(sql) {
        await pool.query(sql);
      },
      async query<T>(sql: string, params: unknown[] = []) {
        return (await pool.query(sql, params)).rows as T[];
      },
    },
    migrate: migrateOnOneClient,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

// Next.js may load this module once per route bundle; the database must still be opened once per
// process (PGlite in particular cannot be opened twice), so the handle lives on globalThis.
const GLOBAL_KEY = Symbol.for("attest.db");
type GlobalWithDb = typeof globalThis & { [GLOBAL_KEY]?: Promise<Db> };

/** The process-wide database, migrated to the latest schema on first use. */
export function getDb(): Promise<Db> {
  const g = globalThis as GlobalWithDb;
  if (!g[GLOBAL_KEY]) {
    g[GLOBAL_KEY] = (async () => {
      const db = await openDatabase();
      await db.migrate();
      return db;
    })();
    g[GLOBAL_KEY].catch(() => {
      delete g[GLOBAL_KEY];
    });
  }
  return g[GLOBAL_KEY];
}

export async function getPrisma(): Promise<Prisma> {
  return (await getDb()).prisma;
}

/** Closes the process-wide database (CLI commands call this before exiting). */
export async function closeDb(): Promise<void> {
  const g = globalThis as GlobalWithDb;
  const p = g[GLOBAL_KEY];
  delete g[GLOBAL_KEY];
  if (p) await (await p).close();
}
