// Read model and the one write of the audit page's judge comparison: for a model version × dataset
// and a second judge that read it (JudgeAudit rows), the judge's rates, its agreement with the
// rules (RationaleAudit rows) and their disagreements side by side; a researcher settles a
// disagreement by choosing one reading, stored (JudgeSettlement) and written to the audit log.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseResponse } from "@/lib/inference/response/parse-response";
import { summarize, type Flag, type GranularityAudit, type GranularitySummary, type MentionAudit } from "@/lib/audit";
import { compareReadings, judgeAgreement, type Disagreement, type JudgeAgreement, type JudgeSide, type Reading } from "@/lib/audit/compare-judges";

const GRANS = ["sentence", "word", "phone"] as const;
type Gran = (typeof GRANS)[number];

interface StoredGranularity {
  items: MentionAudit[];
  counts: GranularityAudit["counts"];
  mentions: number;
  flags: Flag[];
}
type StoredReading = Record<Gran, StoredGranularity> & { overall: string; warnings: string[] };

export interface Settlement {
  choice: JudgeSide;
  by: string | null;
  at: Date;
}

export interface DisagreementRow extends Disagreement {
  predictionId: string;
  itemId: string;
  uttId: string;
  /** The rationale as audited (spans index into it). */
  rationale: string;
  settled: Settlement | null;
}

export interface JudgeComparisonReport {
  /** Judges that read this model's rationales on this dataset. */
  judges: { id: string; name: string; read: number }[];
  judge: { id: string; name: string } | null;
  answered: number;
  failed: number;
  failures: { uttId: string; message: string }[];
  summary: Record<Gran, GranularitySummary> | null;
  agreement: JudgeAgreement | null;
  disagreements: DisagreementRow[];
  totalDisagreements: number;
  settled: Record<JudgeSide, number>;
}

const granularity = (s: StoredGranularity, g: Gran): GranularityAudit => ({ granularity: g, plausibility: null, faithfulness: null, recall: null, mentions: s.mentions, counts: s.counts, flags: s.flags, items: s.items });

async function readings(db: Db, judgeId: string, where: { predictionId?: string; modelId?: string; datasetId?: string }) {
  const rows = await db.prisma.judgeAudit.findMany({
    where: { judgeId, ...(where.predictionId ? { predictionId: where.predictionId } : { prediction: { modelVersionId: where.modelId, item: { datasetId: where.datasetId } } }) },
    select: {
      reading: true, error: true,
      prediction: {
        select: {
          id: true, response: true, item: { select: { id: true, uttId: true } },
          audits: { select: { granularity: true, mentions: true, flags: true } },
          judgeSettlements: { where: { judgeId }, select: { key: true, choice: true, updatedAt: true, user: { select: { email: true } } } },
        },
      },
    },
    orderBy: { prediction: { item: { uttId: "asc" } } },
  });
  return rows.map((r) => {
    const rules: Reading = { items: [], flags: [] };
    for (const a of r.prediction.audits) {
      rules.items.push(...((a.mentions as { items?: MentionAudit[] } | null)?.items ?? []));
      rules.flags.push(...((a.flags as unknown as Flag[]) ?? []));
    }
    rules.items.sort((x, y) => x.start - y.start);
    const stored = r.reading as unknown as StoredReading | null;
    const judge: Reading | null = stored ? { items: GRANS.flatMap((g) => stored[g].items).sort((x, y) => x.start - y.start), flags: GRANS.flatMap((g) => stored[g].flags) } : null;
    return { row: r, rules, judge, stored, hasRules: r.prediction.audits.length > 0 };
  });
}

export async function getJudgeComparison(db: Db, modelId: string, datasetId: string, opts: { judge?: string; limit?: number; open?: boolean } = {}): Promise<JudgeComparisonReport> {
  const counted = await db.prisma.judgeAudit.groupBy({ by: ["judgeId"], where: { prediction: { modelVersionId: modelId, item: { datasetId } } }, _count: { _all: true } });
  const versions = await db.prisma.modelVersion.findMany({ where: { id: { in: counted.map((c) => c.judgeId) } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  const judges = versions.map((v) => ({ ...v, read: counted.find((c) => c.judgeId === v.id)!._count._all }));
  const chosen = judges.find((j) => j.name === opts.judge) ?? judges[0];
  const empty: JudgeComparisonReport = { judges, judge: null, answered: 0, failed: 0, failures: [], summary: null, agreement: null, disagreements: [], totalDisagreements: 0, settled: { rules: 0, judge: 0 } };
  if (!chosen) return empty;
  const rows = await readings(db, chosen.id, { modelId, datasetId });
  const answered = rows.filter((r) => r.judge && r.hasRules);
  const comparisons = answered.map((r) => ({ r, c: compareReadings(r.rules, r.judge!) }));
  const all: DisagreementRow[] = comparisons.flatMap(({ r, c }) => {
    const p = r.row.prediction;
    const settled = new Map(p.judgeSettlements.map((s) => [s.key, { choice: s.choice as JudgeSide, by: s.user?.email ?? null, at: s.updatedAt }]));
    const rationale = parseResponse(p.response).rationale;
    return c.disagreements.map((d) => ({ ...d, predictionId: p.id, itemId: p.item.id, uttId: p.item.uttId, rationale, settled: settled.get(d.key) ?? null }));
  });
  const settled = { rules: all.filter((d) => d.settled?.choice === "rules").length, judge: all.filter((d) => d.settled?.choice === "judge").length };
  const shown = opts.open ? all.filter((d) => !d.settled) : all;
  return {
    judges,
    judge: { id: chosen.id, name: chosen.name },
    answered: answered.length,
    failed: rows.filter((r) => !r.judge).length,
    failures: rows.filter((r) => r.row.error).slice(0, 20).map((r) => ({ uttId: r.row.prediction.item.uttId, message: r.row.error! })),
    summary: Object.fromEntries(GRANS.map((g) => [g, summarize(answered.map((r) => granularity(r.stored![g], g)))])) as Record<Gran, GranularitySummary>,
    agreement: judgeAgreement(comparisons.map(({ c }) => c)),
    disagreements: shown.slice(0, opts.limit ?? 100),
    totalDisagreements: all.length,
    settled,
  };
}

/** Stores a researcher's choice for one current disagreement (replacing an earlier one) and logs it. */
export async function settleDisagreement(db: Db, userId: string, input: { predictionId: string; judgeId: string; key: string; choice: JudgeSide }) {
  if (input.choice !== "rules" && input.choice !== "judge") throw new AppError("INVALID_INPUT", `choice must be "rules" or "judge", got "${input.choice}"`, [{ field: "choice", message: "rules or judge" }]);
  const [found] = await readings(db, input.judgeId, { predictionId: input.predictionId });
  if (!found?.judge || !found.hasRules) throw new AppError("NOT_FOUND", "no reading of this rationale by both judges", [{ field: "predictionId", message: "not read by both judges" }]);
  if (!compareReadings(found.rules, found.judge).disagreements.some((d) => d.key === input.key)) {
    throw new AppError("CONFLICT", `the judges no longer disagree about "${input.key}" (re-run the audit?)`, [{ field: "key", message: "no such disagreement" }]);
  }
  const judge = await db.prisma.modelVersion.findUniqueOrThrow({ where: { id: input.judgeId }, select: { name: true } });
  return db.prisma.$transaction(async (tx) => {
    const s = await tx.judgeSettlement.upsert({
      where: { predictionId_judgeId_key: { predictionId: input.predictionId, judgeId: input.judgeId, key: input.key } },
      create: { ...input, userId },
      update: { choice: input.choice, userId },
    });
    await tx.auditLog.create({ data: { userId, action: "audit.settle", details: { predictionId: input.predictionId, uttId: found.row.prediction.item.uttId, judge: judge.name, key: input.key, choice: input.choice } } });
    return s;
  });
}
