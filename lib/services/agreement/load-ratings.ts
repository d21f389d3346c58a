// Loads a dataset's submitted rater judgments as rating matrices (units × raters, null = missing)
// at the three granularities, with the filters the research pages offer. Raw SQL through the
// Db runner: a 5,000-item dataset has ~10⁶ phone scores, too many for Prisma's object mapping.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseRubric, SENTENCE_ASPECTS, WORD_ASPECTS, type Rubric, type SentenceAspect, type WordAspect } from "@/lib/rubric/rubric";

/** speechocean762's speakers are 6-15 or 19-33 years old; under 18 counts as a child. */
export const CHILD_MAX_AGE = 17;
export type SpeakerGroup = "child" | "adult";

export interface RatingFilters {
  split?: string;
  group?: SpeakerGroup;
  /** Only judgments made in this round (its name or id). */
  round?: string;
}

type Cells = (number | null)[][];

export interface LoadedRatings {
  dataset: { id: string; name: string; rubric: Rubric };
  raters: { id: string; name: string }[];
  items: { id: string; uttId: string; split: string; speakerAge: number | null }[];
  words: { id: string; item: number; index: number; text: string }[];
  phones: { id: string; item: number; position: number; symbol: string }[];
  sentence: Record<SentenceAspect, Cells>;
  word: Record<WordAspect, Cells>;
  phone: Cells;
  /** Per rater: the item indices they judged, in working order (submittedAt, then createdAt, then utterance). */
  order: number[][];
  /** Published (or, where present, adjudicated) consensus, by unit index. */
  reference: {
    sentence: Map<number, Record<SentenceAspect, number | null>>;
    word: Map<number, Record<WordAspect, number | null>>;
    phone: Map<number, number | null>;
  };
}

export async function getDatasetByNameOrIdOrThrow(db: Db, nameOrId: string) {
  const d = await db.prisma.dataset.findFirst({ where: { OR: [{ name: nameOrId }, { id: nameOrId }] } });
  if (!d) throw new AppError("NOT_FOUND", `no dataset "${nameOrId}"`);
  return d;
}

/** Items per query when reading a dataset's judgments. */
const ITEM_BATCH = 100;

const grid = (rows: number, cols: number): Cells => Array.from({ length: rows }, () => new Array<number | null>(cols).fill(null));

export async function loadRatings(db: Db, datasetNameOrId: string, filters: RatingFilters = {}): Promise<LoadedRatings> {
  const ds = await getDatasetByNameOrIdOrThrow(db, datasetNameOrId);
  const rubric = parseRubric(ds.rubric);
  let roundId: string | undefined;
  if (filters.round) {
    const round = await db.prisma.round.findFirst({ where: { datasetId: ds.id, OR: [{ name: filters.round }, { id: filters.round }] } });
    if (!round) throw new AppError("NOT_FOUND", `dataset ${ds.name} has no round "${filters.round}"`);
    roundId = round.id;
  }
  const q = db.runner.query.bind(db.runner);
  const allItems = await q<{ id: string; uttId: string; split: string; speakerAge: number | null }>(
    `SELECT id, "uttId", split, "speakerAge" FROM "Item" WHERE "datasetId" = $1 ORDER BY "uttId"`,
    [ds.id],
  );
  const items = allItems.filter(
    (i) =>
      (!filters.split || i.split === filters.split) &&
      (!filters.group || (i.speakerAge !== null && (filters.group === "child") === i.speakerAge <= CHILD_MAX_AGE)),
  );
  const itemIdx = new Map(items.map((it, i) => [it.id, i]));
  // Everything below is read for the chosen items, a batch at a time: on the embedded database
  // (which runs on the request thread) other requests get their turn between two batches.
  const batches: string[][] = [];
  for (let i = 0; i < items.length; i += ITEM_BATCH) batches.push(items.slice(i, i + ITEM_BATCH).map((it) => it.id));
  const inItems = async <T>(sql: string, params: unknown[]): Promise<T[]> => {
    const out: T[] = [];
    for (const ids of batches) {
      const rows = await q<T>(`${sql} AND i.id = ANY($${params.length + 1}::text[])`, [...params, ids]);
      for (const r of rows) out.push(r);
      // The embedded database answers through promises alone: without a turn of the event loop
      // here, requests that arrived meanwhile would not reach it before the last batch.
      await new Promise((r) => setImmediate(r));
    }
    return out;
  };

  const wordRows = await inItems<{ id: string; itemId: string; index: number; text: string }>(
    `SELECT w.id, w."itemId", w.index, w.text FROM "Word" w JOIN "Item" i ON i.id = w."itemId" WHERE i."datasetId" = $1`,
    [ds.id],
  );
  const words = wordRows
    .filter((w) => itemIdx.has(w.itemId))
    .map((w) => ({ id: w.id, item: itemIdx.get(w.itemId)!, index: w.index, text: w.text }))
    .sort((a, b) => a.item - b.item || a.index - b.index);
  const wordIdx = new Map(words.map((w, i) => [w.id, i]));
  const phoneRows = await inItems<{ id: string; itemId: string; position: number; symbol: string }>(
    `SELECT p.id, p."itemId", p.position, p.symbol FROM "Phone" p JOIN "Item" i ON i.id = p."itemId" WHERE i."datasetId" = $1`,
    [ds.id],
  );
  const phones = phoneRows
    .filter((p) => itemIdx.has(p.itemId))
    .map((p) => ({ id: p.id, item: itemIdx.get(p.itemId)!, position: p.position, symbol: p.symbol }))
    .sort((a, b) => a.item - b.item || a.position - b.position);
  const phoneIdx = new Map(phones.map((p, i) => [p.id, i]));

  // Rater judgments: kind RATER, status SUBMITTED, optionally of one round.
  const roundClause = roundId ? `AND a."roundId" = $2` : "";
  const params = roundId ? [ds.id, roundId] : [ds.id];
  const from = `FROM "Judgment" j JOIN "Item" i ON i.id = j."itemId" LEFT JOIN "Assignment" a ON a.id = j."assignmentId"
    WHERE i."datasetId" = $1 AND j.kind = 'RATER' AND j.status = 'SUBMITTED' AND j."raterId" IS NOT NULL ${roundClause}`;
  const judgments = await inItems<{
    itemId: string; raterId: string; accuracy: number | null; fluency: number | null; prosody: number | null;
    completeness: number | null; total: number | null; submittedAt: Date | null; createdAt: Date;
  }>(`SELECT j."itemId", j."raterId", j.accuracy, j.fluency, j.prosody, j.completeness, j.total, j."submittedAt", j."createdAt" ${from}`, params);
  const raterIds = [...new Set(judgments.filter((j) => itemIdx.has(j.itemId)).map((j) => j.raterId))];
  const users = await db.prisma.user.findMany({ where: { id: { in: raterIds } }, select: { id: true, name: true, email: true } });
  const raters = users
    .map((u) => ({ id: u.id, name: u.name ?? u.email }))
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  const raterIdx = new Map(raters.map((r, i) => [r.id, i]));
  const k = raters.length;

  const sentence = Object.fromEntries(SENTENCE_ASPECTS.map((a) => [a, grid(items.length, k)])) as Record<SentenceAspect, Cells>;
  const timed: { item: number; at: number; created: number }[][] = raters.map(() => []);
  for (const j of judgments) {
    const u = itemIdx.get(j.itemId);
    if (u === undefined) continue;
    const r = raterIdx.get(j.raterId)!;
    for (const a of SENTENCE_ASPECTS) sentence[a][u][r] = j[a];
    timed[r].push({ item: u, at: new Date(j.submittedAt ?? j.createdAt).getTime(), created: new Date(j.createdAt).getTime() });
  }
  const order = timed.map((t) => t.sort((a, b) => a.at - b.at || a.created - b.created || a.item - b.item).map((x) => x.item));

  const word = Object.fromEntries(WORD_ASPECTS.map((a) => [a, grid(words.length, k)])) as Record<WordAspect, Cells>;
  const ws = await inItems<{ wordId: string; raterId: string; accuracy: number | null; stress: number | null; total: number | null }>(
    `SELECT s."wordId", j."raterId", s.accuracy, s.stress, s.total FROM "WordScore" s JOIN "Judgment" j ON j.id = s."judgmentId"
     JOIN "Item" i ON i.id = j."itemId" LEFT JOIN "Assignment" a ON a.id = j."assignmentId"
     WHERE i."datasetId" = $1 AND j.kind = 'RATER' AND j.status = 'SUBMITTED' AND j."raterId" IS NOT NULL ${roundClause}`,
    params,
  );
  for (const s of ws) {
    const u = wordIdx.get(s.wordId);
    const r = raterIdx.get(s.raterId);
    if (u === undefined || r === undefined) continue;
    for (const a of WORD_ASPECTS) word[a][u][r] = s[a];
  }
  const phone = grid(phones.length, k);
  const ps = await inItems<{ phoneId: string; raterId: string; score: number | null }>(
    `SELECT s."phoneId", j."raterId", s.score FROM "PhoneScore" s JOIN "Judgment" j ON j.id = s."judgmentId"
     JOIN "Item" i ON i.id = j."itemId" LEFT JOIN "Assignment" a ON a.id = j."assignmentId"
     WHERE i."datasetId" = $1 AND j.kind = 'RATER' AND j.status = 'SUBMITTED' AND j."raterId" IS NOT NULL ${roundClause}`,
    params,
  );
  for (const s of ps) {
    const u = phoneIdx.get(s.phoneId);
    const r = raterIdx.get(s.raterId);
    if (u === undefined || r === undefined) continue;
    phone[u][r] = s.score;
  }

  const reference = await loadReference(inItems, ds.id, itemIdx, wordIdx, phoneIdx);
  return { dataset: { id: ds.id, name: ds.name, rubric }, raters, items, words, phones, sentence, word, phone, order, reference };
}

/** PUBLISHED_CONSENSUS, overridden by ADJUDICATED where a researcher adjudicated the item. */
async function loadReference(
  q: <T>(sql: string, params: unknown[]) => Promise<T[]>,
  datasetId: string,
  itemIdx: Map<string, number>,
  wordIdx: Map<string, number>,
  phoneIdx: Map<string, number>,
): Promise<LoadedRatings["reference"]> {
  const where = `WHERE i."datasetId" = $1 AND j.kind IN ('PUBLISHED_CONSENSUS', 'ADJUDICATED') AND j.status = 'SUBMITTED'`;
  // ADJUDICATED rows come last and win.
  const adjudicatedLast = <T extends { kind: string }>(rows: T[]) => rows.sort((a, b) => Number(a.kind === "ADJUDICATED") - Number(b.kind === "ADJUDICATED"));
  const js = await q<{ kind: string; itemId: string } & Record<SentenceAspect, number | null>>(
    `SELECT j.kind, j."itemId", j.accuracy, j.fluency, j.prosody, j.completeness, j.total FROM "Judgment" j JOIN "Item" i ON i.id = j."itemId" ${where}`,
    [datasetId],
  );
  const sentence = new Map<number, Record<SentenceAspect, number | null>>();
  for (const j of adjudicatedLast(js)) {
    const u = itemIdx.get(j.itemId);
    if (u !== undefined) sentence.set(u, Object.fromEntries(SENTENCE_ASPECTS.map((a) => [a, j[a]])) as Record<SentenceAspect, number | null>);
  }
  const ws = await q<{ kind: string; wordId: string } & Record<WordAspect, number | null>>(
    `SELECT j.kind, s."wordId", s.accuracy, s.stress, s.total FROM "WordScore" s JOIN "Judgment" j ON j.id = s."judgmentId" JOIN "Item" i ON i.id = j."itemId" ${where}`,
    [datasetId],
  );
  const word = new Map<number, Record<WordAspect, number | null>>();
  for (const s of adjudicatedLast(ws)) {
    const u = wordIdx.get(s.wordId);
    if (u !== undefined) word.set(u, { accuracy: s.accuracy, stress: s.stress, total: s.total });
  }
  const ps = await q<{ kind: string; phoneId: string; score: number | null }>(
    `SELECT j.kind, s."phoneId", s.score FROM "PhoneScore" s JOIN "Judgment" j ON j.id = s."judgmentId" JOIN "Item" i ON i.id = j."itemId" ${where}`,
    [datasetId],
  );
  const phone = new Map<number, number | null>();
  for (const s of adjudicatedLast(ps)) {
    const u = phoneIdx.get(s.phoneId);
    if (u !== undefined) phone.set(u, s.score);
  }
  return { sentence, word, phone };
}
