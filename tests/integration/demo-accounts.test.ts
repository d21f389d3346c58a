// The demo accounts `npm start` creates, on every test database: their passwords reach
// demo-accounts.txt before the accounts exist (a data folder that is not there yet is made; one that
// cannot be written to stops everything before any account is created), a rerun says where the
// passwords are, and a reset gives the accounts new ones when the file is gone.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TEST_DATABASES, openMigrated } from "../helpers/databases";
import type { Db } from "@/lib/db/client";
import { authenticate } from "@/lib/services/users";
import { ensureDemoAccounts, DEMO_ACCOUNTS } from "@/lib/services/demo";

const HERE = "127.0.0.1";

describe.each(TEST_DATABASES)("demo accounts on $name", (t) => {
  let db: Db;
  let root: string;
  const saved = process.env.ATTEST_DATA_DIR;
  beforeEach(async () => {
    db = await openMigrated(t);
    root = await mkdtemp(path.join(tmpdir(), "attest-demo-"));
  });
  afterEach(async () => {
    await db?.close();
    await rm(root, { recursive: true, force: true });
    if (saved === undefined) delete process.env.ATTEST_DATA_DIR;
    else process.env.ATTEST_DATA_DIR = saved;
  });

  it("makes a data folder that does not exist yet and keeps the passwords there", async () => {
    process.env.ATTEST_DATA_DIR = path.join(root, "not", "there", "yet");
    const first = await ensureDemoAccounts(db);
    expect(first.fresh.map((a) => a.email)).toEqual(DEMO_ACCOUNTS.map((a) => a.email));
    expect(first.file).toBe(path.join(root, "not", "there", "yet", "demo-accounts.txt"));
    const text = await readFile(first.file, "utf8");
    for (const a of first.fresh) {
      expect(text).toContain(a.password);
      expect(await authenticate(db, a.email, a.password, HERE)).toMatchObject({ email: a.email, role: a.role });
    }
    // A rerun creates nothing, prints no password, and knows where they are.
    const again = await ensureDemoAccounts(db);
    expect(again.fresh).toEqual([]);
    expect(again.kept).toEqual(DEMO_ACCOUNTS.map((a) => a.email));
    expect(again.fileExists).toBe(true);
    expect(await readFile(first.file, "utf8")).toBe(text);
  });

  it("creates no account when the passwords cannot be written", async () => {
    const blocker = path.join(root, "a-file");
    await writeFile(blocker, "not a folder");
    process.env.ATTEST_DATA_DIR = blocker;
    await expect(ensureDemoAccounts(db)).rejects.toThrow(new RegExp(`${blocker.replace(/[/.]/g, "\\$&")}`));
    expect(await db.prisma.user.count({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } } })).toBe(0);
    // Fixed, the next run creates them all.
    process.env.ATTEST_DATA_DIR = path.join(root, "data");
    expect((await ensureDemoAccounts(db)).fresh).toHaveLength(DEMO_ACCOUNTS.length);
  });

  it("gives the accounts new passwords on request when the file is gone", async () => {
    process.env.ATTEST_DATA_DIR = path.join(root, "data");
    const first = await ensureDemoAccounts(db);
    await rm(first.file);
    const rerun = await ensureDemoAccounts(db);
    expect(rerun.fresh).toEqual([]);
    expect(rerun.fileExists).toBe(false);
    const reset = await ensureDemoAccounts(db, { reset: true });
    expect(reset.fresh.map((a) => a.email)).toEqual(DEMO_ACCOUNTS.map((a) => a.email));
    expect(existsSync(reset.file)).toBe(true);
    const text = await readFile(reset.file, "utf8");
    for (const [i, a] of reset.fresh.entries()) {
      expect(text).toContain(a.password);
      expect(a.password).not.toBe(first.fresh[i].password);
      expect(await authenticate(db, a.email, a.password, HERE)).not.toBeNull();
      expect(await authenticate(db, a.email, first.fresh[i].password, HERE)).toBeNull();
    }
  });
});
