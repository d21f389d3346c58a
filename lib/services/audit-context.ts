// What an audit needs from the database for each item of a dataset: the utterance (words and
// canonical phones), the human consensus labels and each rater's scores. Consensus = the rubric's
// centre (median by default) over RATER judgments; the published consensus when there are none.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { centre, indexUtterance, labelsFromScores, type LabelSet, type RaterScores, type UtteranceIndex } from "@/lib/audit";
import { parseRubric } from "@/lib/rubric/rubric";

export interface AuditItem {
  itemId: string;
  uttId: string;
  split: string;
  utterance: UtteranceIndex;
  /** Phones in IPA for response parsing; ARPAbet symbols are in utterance.phones. */
  consensus: LabelSet;
  consensusSource: "raters" | "published" | "none";
  raters: RaterScores;
}

type JudgmentRow = {
  kind: string;
  accuracy: number | null;
  fluency: number | null;
  prosody: number | null;
  wordScores: { wordId: string; accuracy: number | null }[];
  phoneScores: { phoneId: string; score: number | null }[];
};

export async function getDatasetByNameOrThrow(db: Db, name: string) {
  const d = await db.prisma.dataset.findUnique({ where: { name } });
  if (!d) throw new AppError("NOT_FOUND", `no dataset named "${name}"`, [{ field: "dataset", message: `unknown dataset "${name}"` }]);
  return d;
}

/** Every item of the dataset (optionally one split, or some ids) ready for auditing, by uttId. */
export async function loadAuditItems(db: Db, datasetId: string, opts: { split?: string; itemIds?: string[] } = {}): Promise<Map<string, AuditItem>> {
  const dataset = await db.prisma.dataset.findUniqueOrThrow({ where: { id: datasetId } });
  let how: "median" | "mean" = "median";
  try {
    how = parseRubric(dataset.rubric).consensus;
  } catch {
    // A dataset with a rubric lib/rubric cannot read still gets the default consensus.
  }
  const items = await db.prisma.item.findMany({
    where: { datasetId, ...(opts.split ? { split: opts.split } : {}), ...(opts.itemIds ? { id: { in: opts.itemIds } } : {}) },
    select: {
      id: true, uttId: true, split: true,
      words: { orderBy: { index: "asc" }, select: { id: true, text: true } },
      phones: { orderBy: { position: "asc" }, select: { id: true, symbol: true, wordId: true } },
      judgments: {
        where: { kind: { in: ["RATER", "PUBLISHED_CONSENSUS"] }, status: "SUBMITTED" },
        select: {
          kind: true, accuracy: true, fluency: true, prosody: true,
          wordScores: { select: { wordId: true, accuracy: true } },
          phoneScores: { select: { phoneId: true, score: true } },
        },
      },
    },
    orderBy: { uttId: "asc" },
  });
  const out = new Map<string, AuditItem>();
  for (const it of items) {
    const wordIndex = new Map(it.words.map((w, i) => [w.id, i]));
    const raters = it.judgments.filter((j) => j.kind === "RATER") as JudgmentRow[];
    const published = it.judgments.find((j) => j.kind === "PUBLISHED_CONSENSUS") as JudgmentRow | undefined;
    const grid = (rows: JudgmentRow[]): RaterScores => ({
      sentence: { accuracy: rows.map((r) => r.accuracy), fluency: rows.map((r) => r.fluency), prosody: rows.map((r) => r.prosody) },
      words: it.words.map((w) => rows.map((r) => r.wordScores.find((s) => s.wordId === w.id)?.accuracy ?? null)),
      phones: it.phones.map((p) => rows.map((r) => r.phoneScores.find((s) => s.phoneId === p.id)?.score ?? null)),
    });
    const raterScores = grid(raters);
    const source = raters.length > 0 ? "raters" : published ? "published" : "none";
    const basis = source === "raters" ? raterScores : grid(published ? [published] : []);
    const c = (v: (number | null)[] | undefined) => centre(v ?? [], how);
    const consensus = labelsFromScores({
      sentence: { accuracy: c(basis.sentence.accuracy), fluency: c(basis.sentence.fluency), prosody: c(basis.sentence.prosody) },
      words: basis.words.map((v) => c(v)),
      // METRICS.md bins phonemes on the mean over raters (1.8 = Good), whatever the rubric's centre.
      phones: basis.phones.map((v) => centre(v ?? [], "mean")),
    });
    out.set(it.uttId, {
      itemId: it.id,
      uttId: it.uttId,
      split: it.split,
      utterance: indexUtterance({
        words: it.words.map((w) => w.text),
        phones: it.phones.map((p) => ({ symbol: p.symbol, wordIndex: wordIndex.get(p.wordId) ?? 0 })),
      }),
      consensus,
      consensusSource: source,
      raters: raterScores,
    });
  }
  return out;
}
