// The databases every integration test runs against: embedded PGlite always, and a PostgreSQL
// server when TEST_DATABASE_URL is set (each test file gets a fresh database of its own there).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Db } from "@/lib/db/client";

export interface TestDatabase {
  name: "pglite" | "postgres";
  open(): Promise<Db>;
}

/** A fresh PostgreSQL database on the TEST_DATABASE_URL server, for a server process to use. */
export async function createPostgresDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `attest_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: baseUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}

async function freshPostgres(baseUrl: string): Promise<Db> {
  const created = await createPostgresDatabase(baseUrl);
  const db = await openDatabase({ kind: "postgres", url: created.url });
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    await created.drop();
  };
  return db;
}

export const TEST_DATABASES: TestDatabase[] = [
  { name: "pglite", open: () => openDatabase({ kind: "pglite", dir: null }) },
  ...(process.env.TEST_DATABASE_URL
    ? [{ name: "postgres" as const, open: () => freshPostgres(process.env.TEST_DATABASE_URL!) }]
    : []),
];

/** A database migrated to the latest schema. */
export async function openMigrated(t: TestDatabase): Promise<Db> {
  const db = await t.open();
  await db.migrate();
  return db;
}
