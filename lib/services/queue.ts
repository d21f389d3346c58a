import type { Db } from "@/lib/db/client";

/** A rater's own assignments (never anyone else's), in queue order. */
export async function listQueue(db: Db, raterId: string) {
  const rows = await db.prisma.assignment.findMany({
    where: { raterId, round: { kind: { not: "IMPORT" }, closedAt: null } },
    orderBy: [{ round: { createdAt: "asc" } }, { position: "asc" }],
    select: { id: true, status: true, round: { select: { name: true } }, item: { select: { text: true } } },
  });
  return {
    total: rows.length,
    done: rows.filter((r) => r.status === "SUBMITTED" || r.status === "SKIPPED").length,
    rows: rows.map((r) => ({ id: r.id, status: r.status, round: r.round.name, text: r.item.text })),
  };
}
