// Every export is logged: who (null for the command line, which has no signed-in user), when, what.
import type { Db } from "@/lib/db/client";
import { writeAudit } from "@/lib/services/audit-log";

export async function logExport(db: Db, userId: string | null, action: string, details: Record<string, unknown>): Promise<void> {
  await writeAudit(db, userId, action, details);
}
