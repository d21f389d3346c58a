// Demo accounts for a first look at Attest. Passwords are random, printed once when the accounts
// are created, and kept in <data dir>/demo-accounts.txt (mode 0600): demo use only.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { createUser } from "@/lib/services/users";
import { dataDir } from "@/lib/db/config";
import type { RoleName } from "@/lib/auth/permissions";

export const DEMO_ACCOUNTS: { email: string; role: RoleName; name: string }[] = [
  { email: "admin@attest.local", role: "admin", name: "Demo admin" },
  { email: "researcher@attest.local", role: "researcher", name: "Demo researcher" },
  { email: "rater1@attest.local", role: "rater", name: "Demo rater 1" },
  { email: "rater2@attest.local", role: "rater", name: "Demo rater 2" },
];

/** Creates the demo accounts that do not exist yet; returns the new ones with their passwords. */
export async function ensureDemoAccounts(db: Db, fixedPassword?: string): Promise<{ email: string; role: RoleName; password: string }[]> {
  const created: { email: string; role: RoleName; password: string }[] = [];
  for (const a of DEMO_ACCOUNTS) {
    if (await db.prisma.user.findUnique({ where: { email: a.email } })) continue;
    const password = fixedPassword ?? randomBytes(9).toString("base64url");
    await createUser(db, { ...a, password });
    created.push({ email: a.email, role: a.role, password });
  }
  if (created.length) {
    const file = path.join(dataDir(), "demo-accounts.txt");
    const lines = created.map((c) => `${c.role.padEnd(10)} ${c.email.padEnd(26)} ${c.password}`);
    writeFileSync(file, `# Attest demo accounts (demo use only; delete this file when done)\n${lines.join("\n")}\n`, { mode: 0o600, flag: "a" });
  }
  return created;
}
