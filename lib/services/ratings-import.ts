// `import ratings`: scores a lab already has, in long format — one row per (item, rater, granularity,
// aspect, index) — written as submitted rater judgments of the dataset's "imported ratings" round
// (kind IMPORT), so agreement, consensus and exports count them like any other rater's. Every row
// is checked (item, word/phone index, aspect, the rubric's scale) before anything is written; a
// rerun of the same file changes nothing, and a different score for a rating already imported is
// refused rather than overwritten.
import { createHash, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { Db } from "@/lib/db/client";
import { bulkInsert, type BulkColumn } from "@/lib/db/bulk-insert";
import { AppError, type Problem } from "@/lib/errors";
import { parseRubric, SENTENCE_ASPECTS, WORD_ASPECTS, type Rubric, type Scale } from "@/lib/rubric/rubric";
import { checkScale } from "@/lib/rubric/scale";

export const RATINGS_ROUND_NAME = "imported ratings";
export const RATINGS_COLUMNS = ["item", "rater", "granularity", "aspect", "index", "score"] as const;

export interface RatingsImportSummary {
  dataset: string;
  /** Rating rows read. */
  rows: number;
  items: number;
  raters: number;
  /** (item, rater) judgments in the file; new ones written, the rest already there. */
  judgments: number;
  new_judgments: number;
  unchanged_judgments: number;
  seconds: number;
  problems: Problem[];
}

export class RatingsImportRejected extends AppError {
  constructor(message: string, problems: Problem[], readonly summary: RatingsImportSummary) {
    super("INVALID_INPUT", message, problems);
  }
}

type Field = { granularity: "sentence" | "word" | "phone"; aspect: string; target: number };

interface Pending {
  itemId: string;
  uttId: string;
  rater: string;
  sentence: Record<string, number>;
  /** word index → aspect → score */
  words: Map<number, Record<string, number>>;
  /** phone position → score */
  phones: Map<number, number>;
  lines: number[];
}

const cols = (spec: string): BulkColumn[] =>
  spec.split(/\s*,\s*/).map((c) => {
    const [name, type = "text"] = c.split(":");
    return { name, type };
  });
const ASSIGNMENT = cols('id, roundId, itemId, raterId, position:int4, status:"AssignmentStatus", finishedAt:timestamptz, updatedAt:timestamptz');
const JUDGMENT = cols('id, key, kind:"JudgmentKind", status:"JudgmentStatus", itemId, raterId, assignmentId, accuracy:float8, fluency:float8, prosody:float8, completeness:float8, total:float8, updatedAt:timestamptz, submittedAt:timestamptz');
const WORD_SCORE = cols("id, judgmentId, wordId, accuracy:float8, stress:float8, total:float8, insertedPhones:text[]");
const PHONE_SCORE = cols("id, judgmentId, phoneId, score:float8");

/** The account an imported rater's scores belong to: an existing user by e-mail, else one made for the import. */
export function importedRaterEmail(dataset: string, rater: string): string {
  const slug = rater.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "rater";
  const exact = slug === rater;
  return `${dataset}-rater-${slug}${exact ? "" : `-${createHash("sha256").update(rater).digest("hex").slice(0, 6)}`}@imported.invalid`;
}

export async function importRatings(
  db: Db,
  opts: { file: string; dataset: string; onProgress?: (stage: string, done: number, total: number) => void },
): Promise<RatingsImportSummary> {
  const t0 = performance.now();
  const problems: Problem[] = [];
  const label = opts.file;
  const summary = (over: Partial<RatingsImportSummary> = {}): RatingsImportSummary => ({
    dataset: opts.dataset, rows: 0, items: 0, raters: 0, judgments: 0, new_judgments: 0, unchanged_judgments: 0,
    seconds: Math.round((performance.now() - t0) / 10) / 100, problems, ...over,
  });
  const reject = (): never => {
    throw new RatingsImportRejected(`${label} cannot be imported: ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was imported`, problems, summary());
  };

  const ds = await db.prisma.dataset.findUnique({ where: { name: opts.dataset } });
  if (!ds) {
    problems.push({ field: "dataset", message: `no dataset named "${opts.dataset}"; import its recordings first (import audio or import speechocean762)` });
    return reject();
  }
  const rubric = parseRubric(ds.rubric);

  let text: string;
  try {
    text = (await readFile(opts.file, "utf8")).replace(/^\uFEFF/, "");
  } catch (e) {
    problems.push({ file: label, message: (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message });
    return reject();
  }
  let recs: { record: string[]; info: { lines: number } }[];
  const tsv = /\.(tsv|tab)$/i.test(opts.file);
  try {
    recs = parse(text, { delimiter: tsv ? "\t" : ",", info: true, relax_column_count: true, skip_empty_lines: true, trim: true, quote: tsv ? false : '"' }) as never;
  } catch (e) {
    problems.push({ file: label, line: (e as { lines?: number }).lines, message: `not a valid ${tsv ? "TSV" : "CSV"} file: ${(e as Error).message}` });
    return reject();
  }
  if (!recs.length) {
    problems.push({ file: label, line: 1, message: `empty file: expected a header ${RATINGS_COLUMNS.join(",")}` });
    return reject();
  }
  const header = recs[0].record.map((h) => h.trim().toLowerCase());
  const missing = RATINGS_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) {
    problems.push({ file: label, line: recs[0].info.lines, message: `the header has no column ${missing.map((m) => `"${m}"`).join(", ")} (expected ${RATINGS_COLUMNS.join(", ")})` });
    return reject();
  }
  const col = Object.fromEntries(RATINGS_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof RATINGS_COLUMNS)[number], number>;

  // The dataset's items with their word and phone counts.
  const items = await db.prisma.item.findMany({
    where: { datasetId: ds.id },
    select: { id: true, uttId: true, words: { select: { id: true, index: true }, orderBy: { index: "asc" } }, phones: { select: { id: true, position: true, wordId: true, index: true }, orderBy: { position: "asc" } } },
  });
  const byUtt = new Map(items.map((i) => [i.uttId, i]));

  const pending = new Map<string, Pending>();
  const seenField = new Map<string, number>();
  const rows = recs.slice(1);
  let done = 0;
  for (const { record, info } of rows) {
    opts.onProgress?.("validate", ++done, rows.length);
    const line = info.lines;
    const at = (field: string, message: string) => problems.push({ file: label, line, field, message });
    if (record.length !== header.length) {
      problems.push({ file: label, line, message: `${record.length} fields, the header has ${header.length}` });
      continue;
    }
    const get = (c: (typeof RATINGS_COLUMNS)[number]) => record[col[c]] ?? "";
    const before = problems.length;
    const item = byUtt.get(get("item"));
    if (!get("item")) at("item", "no item given");
    else if (!item) at("item", `no item "${get("item")}" in dataset ${opts.dataset}`);
    const rater = get("rater");
    if (!rater) at("rater", "no rater given");
    const field = parseField(get("granularity"), get("aspect"), get("index"), item, at);
    const rawScore = get("score");
    const score = Number(rawScore);
    if (rawScore === "") at("score", "no score given");
    else if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(rawScore) || !Number.isFinite(score)) at("score", `"${rawScore}" is not a number`);
    else if (field) {
      const why = checkScale(scaleOf(rubric, field), score);
      if (why) at("score", `${field.granularity} ${field.aspect}: ${why} (rubric ${rubric.name})`);
    }
    if (problems.length > before || !item || !field) continue;
    const fkey = `${item.uttId}\u0000${rater}\u0000${field.granularity}\u0000${field.aspect}\u0000${field.target}`;
    const dup = seenField.get(fkey);
    if (dup !== undefined) {
      at("score", `the same rating (item ${item.uttId}, rater ${rater}, ${field.granularity} ${field.aspect}${field.granularity === "sentence" ? "" : ` ${field.target}`}) is also on line ${dup}`);
      continue;
    }
    seenField.set(fkey, line);
    const jkey = `${item.id}\u0000${rater}`;
    let p = pending.get(jkey);
    if (!p) pending.set(jkey, (p = { itemId: item.id, uttId: item.uttId, rater, sentence: {}, words: new Map(), phones: new Map(), lines: [] }));
    p.lines.push(line);
    if (field.granularity === "sentence") p.sentence[field.aspect] = score;
    else if (field.granularity === "word") {
      const w = p.words.get(field.target) ?? {};
      w[field.aspect] = score;
      p.words.set(field.target, w);
    } else p.phones.set(field.target, score);
  }
  if (!rows.length) problems.push({ file: label, line: 2, message: "no rating rows after the header" });
  if (problems.length) return reject();

  // Raters: an existing account by e-mail, else an account made for the import (cannot sign in).
  const raterNames = [...new Set([...pending.values()].map((p) => p.rater))];
  const existingUsers = await db.prisma.user.findMany({ where: { email: { in: raterNames.flatMap((r) => [r, importedRaterEmail(opts.dataset, r)]) } }, select: { id: true, email: true } });
  const userByEmail = new Map(existingUsers.map((u) => [u.email, u.id]));
  const raterUser = (r: string) => userByEmail.get(r) ?? userByEmail.get(importedRaterEmail(opts.dataset, r));

  // What the import round already holds: identical judgments are left as they are, different ones refused.
  const round = await db.prisma.round.findUnique({ where: { datasetId_name: { datasetId: ds.id, name: RATINGS_ROUND_NAME } } });
  const existing = round
    ? await db.prisma.judgment.findMany({
        where: { assignment: { roundId: round.id } },
        select: { itemId: true, raterId: true, accuracy: true, fluency: true, prosody: true, completeness: true, total: true, wordScores: { select: { wordId: true, accuracy: true, stress: true, total: true } }, phoneScores: { select: { phoneId: true, score: true } } },
      })
    : [];
  const existingBy = new Map(existing.map((j) => [`${j.itemId}\u0000${j.raterId}`, j]));
  const itemById = new Map(items.map((i) => [i.id, i]));
  const fresh: Pending[] = [];
  let unchanged = 0;
  for (const p of pending.values()) {
    const uid = raterUser(p.rater);
    const old = uid ? existingBy.get(`${p.itemId}\u0000${uid}`) : undefined;
    if (!old) {
      fresh.push(p);
      continue;
    }
    const item = itemById.get(p.itemId)!;
    const mine = snapshot(p, item);
    const theirs = JSON.stringify({
      s: Object.fromEntries(SENTENCE_ASPECTS.filter((a) => old[a] !== null).map((a) => [a, old[a]])),
      w: old.wordScores.map((w) => [item.words.findIndex((x) => x.id === w.wordId), w.accuracy, w.stress, w.total]).sort((a, b) => (a[0] as number) - (b[0] as number)),
      p: old.phoneScores.map((s) => [item.phones.find((x) => x.id === s.phoneId)!.position, s.score]).sort((a, b) => (a[0] as number) - (b[0] as number)),
    });
    if (mine === theirs) unchanged++;
    else problems.push({ file: label, line: p.lines[0], field: "score", message: `rater ${p.rater}'s ratings of item ${p.uttId} were imported before with other scores (lines ${p.lines.join(", ")}); nothing was changed` });
  }
  if (problems.length) return reject();

  opts.onProgress?.("write", 0, fresh.length);
  const now = new Date();
  await db.prisma.$transaction(
    async (tx) => {
      const r =
        (await tx.round.findUnique({ where: { datasetId_name: { datasetId: ds.id, name: RATINGS_ROUND_NAME } } })) ??
        (await tx.round.create({ data: { datasetId: ds.id, name: RATINGS_ROUND_NAME, kind: "IMPORT", settings: { source: path.resolve(opts.file) } } }));
      for (const name of raterNames) {
        if (raterUser(name)) continue;
        const email = importedRaterEmail(opts.dataset, name);
        const u = await tx.user.create({ data: { email, name, role: "RATER", canSignIn: false, datasetId: ds.id } });
        userByEmail.set(email, u.id);
      }
      const assignments: unknown[][] = [];
      const judgments: unknown[][] = [];
      const wordScores: unknown[][] = [];
      const phoneScores: unknown[][] = [];
      fresh.forEach((p, n) => {
        const item = itemById.get(p.itemId)!;
        const assignmentId = randomUUID();
        const judgmentId = randomUUID();
        const raterId = raterUser(p.rater)!;
        assignments.push([assignmentId, r.id, p.itemId, raterId, n, "SUBMITTED", now, now]);
        const s = p.sentence;
        judgments.push([judgmentId, `a:${assignmentId}`, "RATER", "SUBMITTED", p.itemId, raterId, assignmentId,
          s.accuracy ?? null, s.fluency ?? null, s.prosody ?? null, s.completeness ?? null, s.total ?? null, now, now]);
        for (const [wi, w] of p.words) wordScores.push([randomUUID(), judgmentId, item.words[wi].id, w.accuracy ?? null, w.stress ?? null, w.total ?? null, []]);
        for (const [pos, score] of p.phones) phoneScores.push([randomUUID(), judgmentId, item.phones[pos].id, score]);
      });
      await bulkInsert(tx, "Assignment", ASSIGNMENT, assignments);
      await bulkInsert(tx, "Judgment", JUDGMENT, judgments);
      await bulkInsert(tx, "WordScore", WORD_SCORE, wordScores);
      await bulkInsert(tx, "PhoneScore", PHONE_SCORE, phoneScores);
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
  opts.onProgress?.("write", fresh.length, fresh.length);
  return summary({
    rows: rows.length,
    items: new Set([...pending.values()].map((p) => p.itemId)).size,
    raters: raterNames.length,
    judgments: pending.size,
    new_judgments: fresh.length,
    unchanged_judgments: unchanged,
  });
}

type ItemShape = { words: { id: string; index: number }[]; phones: { id: string; position: number; wordId: string; index: number }[] };

function snapshot(p: Pending, item: ItemShape): string {
  return JSON.stringify({
    s: Object.fromEntries(SENTENCE_ASPECTS.filter((a) => p.sentence[a] !== undefined).map((a) => [a, p.sentence[a]])),
    w: [...p.words].map(([wi, w]) => [wi, w.accuracy ?? null, w.stress ?? null, w.total ?? null]).sort((a, b) => (a[0] as number) - (b[0] as number)),
    p: [...p.phones].map(([pos, s]) => [item.phones[pos].position, s]).sort((a, b) => (a[0] as number) - (b[0] as number)),
  });
}

function scaleOf(rubric: Rubric, f: Field): Scale {
  if (f.granularity === "sentence") return rubric.sentence[f.aspect as keyof Rubric["sentence"]];
  if (f.granularity === "word") return rubric.word[f.aspect as keyof Rubric["word"]];
  return rubric.phone.score;
}

/**
 * Granularity, aspect and index of a row. Sentence: index empty or 0. Word: the word's 0-based
 * index. Phone: the phone's 0-based position in the item, or "<word>.<phone>" (both 0-based).
 */
function parseField(granularity: string, aspect: string, index: string, item: ItemShape | undefined, at: (field: string, message: string) => void): Field | null {
  const g = granularity.toLowerCase();
  const a = aspect.toLowerCase();
  if (g === "sentence" || g === "utterance") {
    if (!(SENTENCE_ASPECTS as readonly string[]).includes(a)) return at("aspect", `sentence aspects are ${SENTENCE_ASPECTS.join(", ")}; got "${aspect}"`), null;
    if (index !== "" && index !== "0") return at("index", `a sentence rating has no index (leave it empty or 0); got "${index}"`), null;
    return { granularity: "sentence", aspect: a, target: 0 };
  }
  if (g === "word") {
    if (!(WORD_ASPECTS as readonly string[]).includes(a)) return at("aspect", `word aspects are ${WORD_ASPECTS.join(", ")}; got "${aspect}"`), null;
    if (!/^\d+$/.test(index)) return at("index", `a word rating needs the word's 0-based index; got "${index}"`), null;
    const wi = Number(index);
    if (item && wi >= item.words.length) return at("index", `word ${wi} does not exist: the item has ${item.words.length} words (0-${item.words.length - 1})`), null;
    return { granularity: "word", aspect: a, target: wi };
  }
  if (g === "phone") {
    if (a !== "score" && a !== "accuracy") return at("aspect", `the phone aspect is "score"; got "${aspect}"`), null;
    let pos: number;
    const wp = /^(\d+)\.(\d+)$/.exec(index);
    if (wp) {
      if (!item) return null;
      const word = item.words[Number(wp[1])];
      const ph = word && item.phones.find((p) => p.wordId === word.id && p.index === Number(wp[2]));
      if (!ph) return at("index", `phone ${index} (word.phone) does not exist in the item`), null;
      pos = ph.position;
    } else if (/^\d+$/.test(index)) {
      pos = Number(index);
      if (item && pos >= item.phones.length) return at("index", `phone ${pos} does not exist: the item has ${item.phones.length} phones (0-${item.phones.length - 1})`), null;
    } else return at("index", `a phone rating needs the phone's 0-based position in the item, or <word>.<phone>; got "${index}"`), null;
    return { granularity: "phone", aspect: "score", target: pos };
  }
  at("granularity", `granularity must be sentence, word or phone; got "${granularity}"`);
  return null;
}
