// Imports a speechocean762-layout folder as a dataset: validate everything first, then write the
// whole import in one transaction (all or nothing). Re-importing identical content is a no-op;
// re-importing an utterance whose content changed is refused rather than silently overwritten.
import { createHash, randomUUID } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { SPEECHOCEAN762_RUBRIC, parseRubric } from "@/lib/rubric/rubric";
import { storeAudio, sweepAudioTemps } from "@/lib/audio/audio-store";
import { readSpeechocean762, type CorpusUtterance, type Split } from "./read-corpus";
import { writeUtterances } from "./write-utterances";

export interface ImportOptions {
  dir: string;
  dataset?: string;
  split?: Split | "all";
  limit?: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface ImportSummary {
  dataset: string;
  items: number;
  words: number;
  phones: number;
  raters: number;
  judgments: number;
  seconds: number;
  new_items: number;
  unchanged_items: number;
}

export const IMPORT_ROUND_NAME = "speechocean762 experts";

export function expertName(dataset: string, i: number): string {
  return `${dataset}-expert-${i}`;
}

export async function importSpeechocean762(db: Db, opts: ImportOptions): Promise<ImportSummary> {
  const t0 = performance.now();
  const datasetName = opts.dataset ?? "speechocean762";
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(datasetName)) {
    throw new AppError("INVALID_INPUT", `dataset name "${datasetName}" must be 1-64 letters, digits, '.', '_' or '-'`);
  }
  if (opts.limit !== undefined && (!Number.isInteger(opts.limit) || opts.limit < 1)) {
    throw new AppError("INVALID_INPUT", `--limit must be a positive whole number, got ${opts.limit}`);
  }
  const st = await stat(opts.dir).catch(() => null);
  if (!st?.isDirectory()) {
    throw new AppError("NOT_FOUND", `${opts.dir} is not a folder. Point the importer at a copy of speechocean762 (OpenSLR resource 101) in its released layout.`);
  }
  const existingDataset = await db.prisma.dataset.findUnique({ where: { name: datasetName } });
  const rubric = existingDataset ? parseRubric(existingDataset.rubric) : SPEECHOCEAN762_RUBRIC;

  const read = await readSpeechocean762(opts.dir, {
    split: opts.split ?? "all",
    limit: opts.limit,
    rubric,
    onProgress: (d, t) => opts.onProgress?.("validate", d, t),
  });
  if (read.problems.length) {
    throw new AppError(
      "INVALID_INPUT",
      `${opts.dir} is not a valid speechocean762 dataset: ${read.problems.length} problem${read.problems.length === 1 ? "" : "s"}; nothing was imported`,
      read.problems,
    );
  }

  const existing = existingDataset
    ? await db.prisma.item.findMany({ where: { datasetId: existingDataset.id }, select: { uttId: true, contentHash: true } })
    : [];
  const known = new Map(existing.map((i) => [i.uttId, i.contentHash]));
  const changed = read.utterances.filter((u) => known.has(u.uttId) && known.get(u.uttId) !== u.contentHash);
  if (changed.length) {
    throw new AppError(
      "CONFLICT",
      `${changed.length} utterance(s) are already in dataset ${datasetName} with different content; nothing was imported. Import into a new dataset name instead.`,
      changed.slice(0, 50).map((u) => ({ utterance: u.uttId, message: "already imported with different text, audio or scores" })),
    );
  }
  const fresh = read.utterances.filter((u) => !known.has(u.uttId));

  // Audio first: content-addressed, so a failure here leaves no database record behind. Temporary
  // files of an earlier import that was killed mid-write are cleared first.
  await sweepAudioTemps();
  let stored = 0;
  // Audio buffers are not kept from validation (a corpus can be gigabytes): read each file again.
  for (const u of fresh) {
    const bytes = await readFile(u.wavPath);
    if (createHash("sha256").update(bytes).digest("hex") !== u.audioSha256) {
      throw new AppError("CONFLICT", `${u.wavPath} changed during the import; nothing was imported`, [{ file: u.wavPath, utterance: u.uttId, message: "audio changed after validation" }]);
    }
    try {
      await storeAudio(u.audioSha256, bytes);
    } catch (e) {
      // A disk fault (full, read-only, a file in the way): say which recording and that the
      // database was not touched; recordings already stored are whole and reused by a rerun.
      const why = e instanceof Error ? e.message : String(e);
      throw new AppError(
        "INTERNAL",
        `could not store the audio of utterance ${u.uttId}: ${why}; no records were written`,
        [{ file: u.wavPath, utterance: u.uttId, field: "audio", message: `could not store: ${why}` }],
      );
    }
    opts.onProgress?.("audio", ++stored, fresh.length);
  }

  opts.onProgress?.("write", 0, fresh.length);
  await db.prisma.$transaction(
    async (tx) => {
      const dataset =
        (await tx.dataset.findUnique({ where: { name: datasetName } })) ??
        (await tx.dataset.create({
          data: { name: datasetName, rubric, sourceFormat: "speechocean762", sourcePath: opts.dir },
        }));
      const raterIds: string[] = [];
      for (let i = 1; i <= read.raterCount; i++) {
        const name = expertName(datasetName, i);
        const user = await tx.user.upsert({
          where: { email: `${name}@experts.invalid` },
          update: {},
          create: { email: `${name}@experts.invalid`, name, role: "RATER", canSignIn: false, datasetId: dataset.id },
        });
        raterIds.push(user.id);
      }
      const round =
        (await tx.round.findUnique({ where: { datasetId_name: { datasetId: dataset.id, name: IMPORT_ROUND_NAME } } })) ??
        (await tx.round.create({
          data: { datasetId: dataset.id, name: IMPORT_ROUND_NAME, kind: "IMPORT", settings: { source: opts.dir } },
        }));
      await writeUtterances(tx, { datasetId: dataset.id, roundId: round.id, raterIds, utterances: fresh, newId: randomUUID });
      // Items imported before Attest recorded where recordings came from learn it now (nothing else changes).
      const unchanged = read.utterances.filter((u) => known.has(u.uttId));
      if (unchanged.length) {
        await tx.$executeRawUnsafe(
          `UPDATE "Item" i SET "audioSource" = s.path FROM unnest($2::text[], $3::text[]) AS s(utt, path)
           WHERE i."datasetId" = $1 AND i."uttId" = s.utt AND i."audioSource" IS NULL`,
          dataset.id, unchanged.map((u) => u.uttId), unchanged.map((u) => u.wavPath),
        );
      }
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
  opts.onProgress?.("write", fresh.length, fresh.length);

  return summarize(datasetName, read.utterances, read.raterCount, fresh.length, (performance.now() - t0) / 1000);
}

function summarize(dataset: string, us: CorpusUtterance[], raters: number, fresh: number, seconds: number): ImportSummary {
  let words = 0;
  let phones = 0;
  let judgments = 0;
  for (const u of us) {
    words += u.words.length;
    phones += u.words.reduce((n, w) => n + w.phones.length, 0);
    judgments += u.raters.filter((r) => r.sentence || (r.words && r.words.length)).length;
  }
  return {
    dataset,
    items: us.length,
    words,
    phones,
    raters,
    judgments,
    seconds: Math.round(seconds * 100) / 100,
    new_items: fresh,
    unchanged_items: us.length - fresh,
  };
}
