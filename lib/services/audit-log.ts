// The audit log: who (null for the command line, which has no signed-in user), when, what.
import type { Db } from "@/lib/db/client";

export async function writeAudit(db: Db, userId: string | null, action: string, details: Record<string, unknown>): Promise<void> {
  await db.prisma.auditLog.create({ data: { userId, action, details: details as object } });
}
