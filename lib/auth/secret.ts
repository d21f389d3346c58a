// The secret that signs session tokens: NEXTAUTH_SECRET/AUTH_SECRET when configured, else one
// generated on first start into the data dir (mode 0600) and reused — never committed.
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import path from "node:path";
import { dataDir } from "@/lib/db/config";

let cached: string | null = null;

export function authSecret(): string {
  if (cached) return cached;
  const configured = process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET;
  if (configured) return (cached = configured);
  const file = path.join(dataDir(), "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e; // another process won the race
    }
  }
  cached = readFileSync(file, "utf8").trim();
  return cached;
}
