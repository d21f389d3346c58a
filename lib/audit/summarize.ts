/**
 * Pools per-response audits into per-granularity rates (ratio of summed counts: every mention
 * weighs the same) with seeded bootstrap CIs over responses (lib/metrics/bootstrap).
 */
import { bootstrapCI } from "../metrics/bootstrap";
import type { AuditGranularity, GranularityAudit } from "./types";

export interface RateWithCi {
  value: number | null;
  lower: number | null;
  upper: number | null;
  n: number;
}

export interface GranularitySummary {
  plausibility: number | null;
  faithfulness: number | null;
  /** Shares of compared mentions not of the opposite polarity (METRICS.md: "non-contradicting"). */
  plausibility_non_contradicting: number | null;
  faithfulness_non_contradicting: number | null;
  recall: number | null;
  mentions: number;
  /** Denominators behind the rates: compared mentions and consensus-negative targets. */
  plausibility_n: number;
  faithfulness_n: number;
  recall_n: number;
  ci?: { plausibility: RateWithCi; faithfulness: RateWithCi; recall: RateWithCi };
}

type Counts = GranularityAudit["counts"];
const KEYS = {
  plausibility: ["plausibleAgree", "plausibleTotal"],
  faithfulness: ["faithfulAgree", "faithfulTotal"],
  recall: ["negativesMentioned", "negatives"],
  plausibility_non_contradicting: ["plausibleNonContradicting", "plausibleTotal"],
  faithfulness_non_contradicting: ["faithfulNonContradicting", "faithfulTotal"],
} as const;

function pooled(rows: readonly Counts[], idx: readonly number[] | null, [a, n]: readonly [keyof Counts, keyof Counts]): number | null {
  // Audits stored before a count existed lack it: the pooled rate is then unknown, not zero.
  if (rows.some((r) => r[a] === undefined)) return null;
  let sa = 0;
  let sn = 0;
  if (idx) for (const i of idx) (sa += rows[i][a], sn += rows[i][n]);
  else for (const r of rows) (sa += r[a], sn += r[n]);
  return sn > 0 ? sa / sn : null;
}

export function summarize(audits: readonly GranularityAudit[], options: { seed?: number; replicates?: number } = {}): GranularitySummary {
  const rows = audits.map((a) => a.counts);
  const total = (k: keyof Counts) => rows.reduce((s, r) => s + r[k], 0);
  const out: GranularitySummary = {
    plausibility: pooled(rows, null, KEYS.plausibility),
    faithfulness: pooled(rows, null, KEYS.faithfulness),
    recall: pooled(rows, null, KEYS.recall),
    plausibility_non_contradicting: pooled(rows, null, KEYS.plausibility_non_contradicting),
    faithfulness_non_contradicting: pooled(rows, null, KEYS.faithfulness_non_contradicting),
    mentions: audits.reduce((s, a) => s + a.mentions, 0),
    plausibility_n: total("plausibleTotal"),
    faithfulness_n: total("faithfulTotal"),
    recall_n: total("negatives"),
  };
  if (options.replicates && rows.length > 0) {
    const ci = (k: keyof typeof KEYS): RateWithCi => {
      const b = bootstrapCI(rows.length, (idx) => pooled(rows, idx, KEYS[k]), { seed: options.seed ?? 1, replicates: options.replicates });
      return { value: b.estimate, lower: b.lower, upper: b.upper, n: total(KEYS[k][1]) };
    };
    out.ci = { plausibility: ci("plausibility"), faithfulness: ci("faithfulness"), recall: ci("recall") };
  }
  return out;
}

export function summarizeAll(
  audits: readonly Record<AuditGranularity, GranularityAudit>[],
  options: { seed?: number; replicates?: number } = {},
): Record<AuditGranularity, GranularitySummary> {
  return {
    sentence: summarize(audits.map((a) => a.sentence), options),
    word: summarize(audits.map((a) => a.word), options),
    phone: summarize(audits.map((a) => a.phone), options),
  };
}
