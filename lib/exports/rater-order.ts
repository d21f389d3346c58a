// The order of raters in per-rater arrays: imported experts by their corpus index (rater 1 first,
// as in the released file), then everyone else who rated the dataset, by email.
import type { Db } from "@/lib/db/client";

export async function datasetRaterOrder(db: Db, datasetId: string): Promise<Map<string, number>> {
  const rows = await db.prisma.judgment.findMany({
    where: { kind: "RATER", status: "SUBMITTED", item: { datasetId }, raterId: { not: null } },
    distinct: ["raterId"],
    select: { raterId: true, rater: { select: { email: true, datasetId: true } } },
  });
  const rank = (r: (typeof rows)[number]) => {
    const m = /-expert-(\d+)@experts\.invalid$/.exec(r.rater?.email ?? "");
    return m && r.rater?.datasetId === datasetId ? Number(m[1]) : Number.MAX_SAFE_INTEGER;
  };
  rows.sort((a, b) => rank(a) - rank(b) || (a.rater?.email ?? "").localeCompare(b.rater?.email ?? ""));
  return new Map(rows.map((r, k) => [r.raterId!, k]));
}
