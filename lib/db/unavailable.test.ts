// Which errors mean "the database is not reachable" (→ 503, retry) and which do not (→ their own
// status or 500), on errors raised by the real drivers. The restarts themselves (57P01 admin
// shutdown, "Connection terminated unexpectedly") are in tests/faults/postgres-restart.test.ts.
import { describe, it, expect } from "vitest";
import { createServer } from "node:net";
import { openDatabase } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isDatabaseUnavailable } from "./unavailable";

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
