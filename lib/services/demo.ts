// Demo accounts for a first look at Attest. Passwords are random, printed once when the accounts
// are created, and kept in <data dir>/demo-accounts.txt (mode 0600): demo use only. The file is
// written before any account is created, so no account ever exists whose password was not kept;
// `reset` gives the demo accounts new passwords (when the file was lost).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { createUser, setUserPassword } from "@/lib/services/users";
import { dataDir } from "@/lib/db/config";
import type { RoleName } from "@/lib/auth/permissions";

export const DEMO_ACCOUNTS: { email: string; role: RoleName; name: string }[] = [
  { email: "admin@attest.local", role: "admin", name: "Demo admin" },
  { email: "researcher@attest.local", role: "researcher", name: "Demo researcher" },
  { email: "rater1@attest.local", role: "rater", name: "Demo rater 1" },
  { email: "rater2@attest.local", role: "rater", name: "Demo rater 2" },
];

export interface DemoAccounts {
  /** Accounts created or given a new password now, with that password (to print once). */
  fresh: { email: string; role: RoleName; password: string }[];
  /** Demo accounts that existed already and keep their passwords. */
  kept: string[];
  /** Where the passwords are kept, and whether that file is there. */
  file: string;
  fileExists: boolean;
}

const HEADER = "# Attest demo accounts (demo use only; delete this file when done)";
const line = (a: { role: string; email: string; password: string }) => `${a.role.padEnd(10)} ${a.email.padEnd(26)} ${a.password}`;

/** Writes the file whole (temp file, then rename): the lines of accounts that keep their password, then the fresh ones. */
function writePasswords(file: string, fresh: DemoAccounts["fresh"]): void {
  const renewed = new Set(fresh.map((a) => a.email));
  const earlier = existsSync(file)
    ? readFileSync(file, "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#") && !renewed.has(l.trim().split(/\s+/)[1]))
    : [];
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${[HEADER, ...earlier, ...fresh.map(line)].join("\n")}\n`, { mode: 0o600 });
    renameSync(tmp, file);
  } catch (e) {
    throw new Error(`cannot keep the demo accounts' passwords in ${file} (${(e as Error).message}); no demo account was created or changed`);
  }
}

/**
 * Creates the demo accounts that do not exist yet (and with `reset`, gives the existing ones new
 * passwords). The passwords reach the file first; then the accounts are written.
 */
export async function ensureDemoAccounts(db: Db, opts: { password?: string; reset?: boolean } = {}): Promise<DemoAccounts> {
  const file = path.join(dataDir(), "demo-accounts.txt");
  const existing = new Set(
    (await db.prisma.user.findMany({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } }, select: { email: true } })).map((u) => u.email),
  );
  const renew = DEMO_ACCOUNTS.filter((a) => !existing.has(a.email) || opts.reset);
  const fresh = renew.map((a) => ({ email: a.email, role: a.role, password: opts.password ?? randomBytes(9).toString("base64url") }));
  if (fresh.length) writePasswords(file, fresh);
  for (const [i, a] of renew.entries()) {
    if (existing.has(a.email)) await setUserPassword(db, a.email, fresh[i].password);
    else await createUser(db, { ...a, password: fresh[i].password });
  }
  return { fresh, kept: DEMO_ACCOUNTS.filter((a) => existing.has(a.email) && !opts.reset).map((a) => a.email), file, fileExists: existsSync(file) };
}
