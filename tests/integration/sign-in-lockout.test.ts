// The account lock at the service layer on every test database: attempts reserve their place in the
// count atomically before the password is checked (so concurrent guesses cannot overrun the limit),
// the lock applies to the account from one address, and every answer costs one hash verification,
// locked or not, so response time does not tell that an account exists and is locked.
import { describe, it, expect, beforeAll, afterAll, vi } from "vitest";
import { TEST_DATABASES, openMigrated } from "../helpers/databases";
import type { Db } from "@/lib/db/client";
import { createUser, authenticate } from "@/lib/services/users";
import { LOCKOUT_AFTER } from "@/lib/auth/lockout";

const verified = vi.hoisted(() => [] as string[]);
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/password")>();
  return {
    ...real,
    verifyPassword: async (hashed: string, password: string) => {
      verified.push(hashed);
      return real.verifyPassword(hashed, password);
    },
  };
});

const PW = "correct horse battery";

describe.each(TEST_DATABASES)("account lock on $name", (t) => {
  let db: Db;
  const hashOf = async (email: string) => (await db.prisma.user.findUniqueOrThrow({ where: { email } })).passwordHash!;

  beforeAll(async () => {
    db = await openMigrated(t);
    for (const n of [1, 2, 3]) await createUser(db, { email: `u${n}@example.org`, password: PW, role: "rater" });
  });
  afterAll(async () => db?.close());

  it("checks at most the allowed number of passwords when 19 wrong ones arrive together", async () => {
    verified.length = 0;
    const results = await Promise.all(Array.from({ length: 19 }, (_, i) => authenticate(db, "u1@example.org", `wrong ${i}`, "198.51.100.7")));
    expect(results.every((r) => r === null)).toBe(true);
    const real = await hashOf("u1@example.org");
    expect(verified.filter((h) => h === real)).toHaveLength(LOCKOUT_AFTER);
    // Every attempt cost one verification, the refused ones against a stand-in hash.
    expect(verified).toHaveLength(19);
    // Locked for that address, even with the right password; not for another address.
    expect(await authenticate(db, "u1@example.org", PW, "198.51.100.7")).toBeNull();
    expect(await authenticate(db, "u1@example.org", PW, "203.0.113.20")).toMatchObject({ email: "u1@example.org" });
  });

  it("verifies a hash for a wrong password on a locked account, as for any other", async () => {
    for (let i = 0; i < LOCKOUT_AFTER; i++) expect(await authenticate(db, "u2@example.org", `wrong ${i}`, "198.51.100.8")).toBeNull();
    verified.length = 0;
    expect(await authenticate(db, "u2@example.org", "wrong again", "198.51.100.8")).toBeNull();
    expect(verified).toHaveLength(1);
    verified.length = 0;
    expect(await authenticate(db, "nobody@example.org", "wrong again", "198.51.100.8")).toBeNull();
    expect(verified).toHaveLength(1);
  });

  it("forgets an address's failures on a right password, and only that address's", async () => {
    for (let i = 0; i < LOCKOUT_AFTER - 1; i++) {
      expect(await authenticate(db, "u3@example.org", `wrong ${i}`, "198.51.100.9")).toBeNull();
      expect(await authenticate(db, "u3@example.org", `wrong ${i}`, "198.51.100.10")).toBeNull();
    }
    expect(await authenticate(db, "u3@example.org", PW, "198.51.100.9")).not.toBeNull();
    // .9 starts afresh: another LOCKOUT_AFTER - 1 failures do not lock it …
    for (let i = 0; i < LOCKOUT_AFTER - 1; i++) expect(await authenticate(db, "u3@example.org", `again ${i}`, "198.51.100.9")).toBeNull();
    expect(await authenticate(db, "u3@example.org", PW, "198.51.100.9")).not.toBeNull();
    // … while .10 is one failure from its lock.
    expect(await authenticate(db, "u3@example.org", "last guess", "198.51.100.10")).toBeNull();
    expect(await authenticate(db, "u3@example.org", PW, "198.51.100.10")).toBeNull();
  });
});
