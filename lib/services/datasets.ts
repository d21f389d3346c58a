// Read models for the research pages: datasets with counts, a dataset's items with consensus and
// rater spread, one item with every rater's scores side by side.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { SENTENCE_ASPECTS, type SentenceAspect } from "@/lib/rubric/rubric";

export interface DatasetSummary {
  id: string;
  name: string;
  sourceFormat: string;
  items: number;
  splits: Record<string, number>;
  speakers: number;
  raters: number;
  judgments: number;
  hours: number;
  createdAt: Date;
}

export async function listDatasets(db: Db): Promise<DatasetSummary[]> {
  const datasets = await db.prisma.dataset.findMany({ orderBy: { createdAt: "asc" } });
  const out: DatasetSummary[] = [];
  for (const d of datasets) {
    const [splits, speakers, duration, raters, judgments] = await Promise.all([
      db.prisma.item.groupBy({ by: ["split"], where: { datasetId: d.id }, _count: { _all: true } }),
      db.prisma.item.groupBy({ by: ["speakerId"], where: { datasetId: d.id } }),
      db.prisma.item.aggregate({ where: { datasetId: d.id }, _sum: { durationSec: true } }),
      db.prisma.judgment.groupBy({ by: ["raterId"], where: { kind: "RATER", item: { datasetId: d.id } } }),
      db.prisma.judgment.count({ where: { kind: "RATER", item: { datasetId: d.id } } }),
    ]);
    const splitCounts = Object.fromEntries(splits.map((s) => [s.split, s._count._all]));
    out.push({
      id: d.id,
      name: d.name,
      sourceFormat: d.sourceFormat,
      items: Object.values(splitCounts).reduce((a, b) => a + b, 0),
      splits: splitCounts,
      speakers: speakers.length,
      raters: raters.filter((r) => r.raterId).length,
      judgments,
      hours: (duration._sum.durationSec ?? 0) / 3600,
      createdAt: d.createdAt,
    });
  }
  return out;
}

export async function getDatasetOrThrow(db: Db, id: string) {
  const d = await db.prisma.dataset.findUnique({ where: { id } });
  if (!d) throw new AppError("NOT_FOUND", `no dataset ${id}`);
  return d;
}

export type SentenceScores = Record<SentenceAspect, number | null>;

export interface ItemRow {
  id: string;
  uttId: string;
  text: string;
  split: string;
  speakerId: string;
  speakerAge: number | null;
  durationSec: number;
  consensus: SentenceScores | null;
  /** Per aspect: the range (max − min) over the raters who scored it, and how many did. */
  spread: Record<SentenceAspect, { range: number | null; n: number }>;
}

export interface ItemPage {
  rows: ItemRow[];
  total: number;
  page: number;
  pageSize: number;
}

const pick = (j: { accuracy: number | null; fluency: number | null; prosody: number | null; completeness: number | null; total: number | null }): SentenceScores => ({
  accuracy: j.accuracy,
  fluency: j.fluency,
  prosody: j.prosody,
  completeness: j.completeness,
  total: j.total,
});

export async function listItems(
  db: Db,
  datasetId: string,
  opts: { split?: string; q?: string; page?: number; pageSize?: number } = {},
): Promise<ItemPage> {
  await getDatasetOrThrow(db, datasetId);
  const pageSize = Math.min(Math.max(opts.pageSize ?? 50, 1), 500);
  const page = Math.max(opts.page ?? 1, 1);
  const where = {
    datasetId,
    ...(opts.split ? { split: opts.split } : {}),
    ...(opts.q
      ? { OR: [{ text: { contains: opts.q.toUpperCase() } }, { uttId: { startsWith: opts.q } }, { speakerId: opts.q }] }
      : {}),
  };
  const [total, items] = await Promise.all([
    db.prisma.item.count({ where }),
    db.prisma.item.findMany({
      where,
      orderBy: { uttId: "asc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
      include: { judgments: { where: { status: "SUBMITTED" }, select: { kind: true, accuracy: true, fluency: true, prosody: true, completeness: true, total: true } } },
    }),
  ]);
  const rows = items.map((it) => {
    const raters = it.judgments.filter((j) => j.kind === "RATER").map(pick);
    const published = it.judgments.find((j) => j.kind === "ADJUDICATED") ?? it.judgments.find((j) => j.kind === "PUBLISHED_CONSENSUS");
    const spread = Object.fromEntries(
      SENTENCE_ASPECTS.map((a) => {
        const vals = raters.map((r) => r[a]).filter((v): v is number => v !== null);
        return [a, { range: vals.length ? Math.max(...vals) - Math.min(...vals) : null, n: vals.length }];
      }),
    ) as ItemRow["spread"];
    return {
      id: it.id,
      uttId: it.uttId,
      text: it.text,
      split: it.split,
      speakerId: it.speakerId,
      speakerAge: it.speakerAge,
      durationSec: it.durationSec,
      consensus: published ? pick(published) : null,
      spread,
    };
  });
  return { rows, total, page, pageSize };
}

export interface ItemDetail {
  id: string;
  uttId: string;
  text: string;
  split: string;
  speakerId: string;
  speakerAge: number | null;
  speakerGender: string | null;
  durationSec: number;
  sampleRate: number;
  dataset: { id: string; name: string };
  words: { id: string; index: number; text: string; phones: { id: string; symbol: string }[] }[];
  /** One column per judgment: expert raters first (by name), then consensus. */
  columns: {
    label: string;
    kind: "RATER" | "PUBLISHED_CONSENSUS" | "ADJUDICATED";
    sentence: SentenceScores;
    words: Record<string, { accuracy: number | null; stress: number | null; total: number | null; inserted: string[] }>;
    phones: Record<string, { score: number | null; pronounced: string | null }>;
  }[];
}

export async function getItemDetailOrThrow(db: Db, itemId: string): Promise<ItemDetail> {
  const it = await db.prisma.item.findUnique({
    where: { id: itemId },
    include: {
      dataset: { select: { id: true, name: true } },
      words: { orderBy: { index: "asc" }, include: { phones: { orderBy: { index: "asc" } } } },
      judgments: {
        where: { status: "SUBMITTED" },
        include: { rater: { select: { name: true, email: true } }, wordScores: true, phoneScores: true },
      },
    },
  });
  if (!it) throw new AppError("NOT_FOUND", `no item ${itemId}`);
  const columns = it.judgments
    .map((j) => ({
      label: j.kind === "RATER" ? (j.rater?.name ?? j.rater?.email ?? "rater") : j.kind === "PUBLISHED_CONSENSUS" ? "published consensus" : "adjudicated",
      kind: j.kind,
      sentence: pick(j),
      words: Object.fromEntries(j.wordScores.map((w) => [w.wordId, { accuracy: w.accuracy, stress: w.stress, total: w.total, inserted: w.insertedPhones }])),
      phones: Object.fromEntries(j.phoneScores.map((p) => [p.phoneId, { score: p.score, pronounced: p.pronounced }])),
    }))
    .sort((a, b) => (a.kind === b.kind ? a.label.localeCompare(b.label, undefined, { numeric: true }) : a.kind === "RATER" ? -1 : 1));
  return {
    id: it.id,
    uttId: it.uttId,
    text: it.text,
    split: it.split,
    speakerId: it.speakerId,
    speakerAge: it.speakerAge,
    speakerGender: it.speakerGender,
    durationSec: it.durationSec,
    sampleRate: it.sampleRate,
    dataset: it.dataset,
    words: it.words.map((w) => ({ id: w.id, index: w.index, text: w.text, phones: w.phones.map((p) => ({ id: p.id, symbol: p.symbol })) })),
    columns,
  };
}
