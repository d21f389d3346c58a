// Which errors mean "the database is not reachable" (→ 503, retry) and which do not (→ their own
// status or 500), on errors raised by the real drivers. The restarts themselves (57P01 admin
// shutdown, "Connection terminated unexpectedly") are in tests/faults/postgres-restart.test.ts.
import { describe, it, expect } from "vitest";
import { createServer } from "node:net";
import { openDatabase } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isDatabaseUnavailable } from "./unavailable";
import pg from "pg";
import { createPostgresDatabase } from "../../tests/helpers/databases";

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const failure = (p: Promise<unknown>) => p.then(() => expect.fail("expected an error"), (e: unknown) => e);

describe("isDatabaseUnavailable", () => {
  it("is true for a PostgreSQL server that refuses connections, through Prisma's model and raw queries", async () => {
    const db = await openDatabase({ kind: "postgres", url: `postgresql://postgres@127.0.0.1:${await closedPort()}/none` });
    try {
      expect(isDatabaseUnavailable(await failure(db.prisma.user.count()))).toBe(true);
      expect(isDatabaseUnavailable(await failure(db.prisma.$queryRawUnsafe("SELECT 1")))).toBe(true);
      expect(isDatabaseUnavailable(await failure(db.runner.query("SELECT 1")))).toBe(true);
    } finally {
      await db.close();
    }
  });

  it("is false for errors of the request or the code: constraint violations, SQL errors, AppError, anything else", async () => {
    const db = await openDatabase({ kind: "pglite", dir: null });
    try {
      await db.runner.exec("CREATE TABLE t (id int PRIMARY KEY)");
      await db.prisma.$executeRawUnsafe("INSERT INTO t VALUES (1)");
      expect(isDatabaseUnavailable(await failure(db.prisma.$executeRawUnsafe("INSERT INTO t VALUES (1)")))).toBe(false);
      expect(isDatabaseUnavailable(await failure(db.prisma.$queryRawUnsafe("SELEC 1")))).toBe(false);
      expect(isDatabaseUnavailable(await failure(db.prisma.$queryRawUnsafe("SELECT 1/0")))).toBe(false);
    } finally {
      await db.close();
    }
    expect(isDatabaseUnavailable(new AppError("NOT_FOUND", "no such assignment"))).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe.runIf(!!process.env.TEST_DATABASE_URL)("a PostgreSQL connection the server closes while idle", () => {
  it("does not end the process; the next query opens a new connection", async () => {
    const created = await createPostgresDatabase(process.env.TEST_DATABASE_URL!);
    const db = await openDatabase({ kind: "postgres", url: created.url });
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    try {
      // Only the driver path (no Prisma query), so no listener of Prisma's adapter is on the pool.
      const [{ pid }] = await db.runner.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      const uncaught: unknown[] = [];
      const onUncaught = (e: unknown) => uncaught.push(e);
      process.on("uncaughtException", onUncaught);
      try {
        await admin.query("SELECT pg_terminate_backend($1)", [pid]);
        await new Promise((r) => setTimeout(r, 300));
      } finally {
        process.off("uncaughtException", onUncaught);
      }
      expect(uncaught).toEqual([]);
      const [{ pid: again }] = await db.runner.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      expect(again).not.toBe(pid);
    } finally {
      await admin.end();
      await db.close();
      await created.drop();
    }
  });
});
