// Imports a lab's own recordings from a manifest (see ./manifest.ts) as a dataset. Everything is
// validated first — every file read and decoded, every text turned into words and phones — while
// the conversions are staged in a private folder; only when no row has a problem are the files
// moved into the content-addressed store and the items written, in one transaction. A rejected
// import leaves nothing behind; a rerun of the same manifest adds nothing twice.
import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { dataDir } from "@/lib/db/config";
import { processAlive as alive } from "@/lib/process/alive";
import { bulkInsert, type BulkColumn } from "@/lib/db/bulk-insert";
import { AppError, type Problem } from "@/lib/errors";
import { RubricSchema, SPEECHOCEAN762_RUBRIC, parseRubric, type Rubric } from "@/lib/rubric/rubric";
import { audioPath, sweepAudioTemps } from "@/lib/audio/audio-store";
import { AudioDecoders, AudioDecodeError, FORMAT_EXT, toModelWav, type AudioFormat } from "@/lib/audio/decode-any";
import { pronounce, type Pronounced } from "@/lib/g2p/dictionary";
import { readManifest, type ManifestRow } from "./manifest";
import { originalPath } from "./original-path";

export interface AudioImportOptions {
  manifest: string;
  dataset: string;
  audioRoot?: string;
  rubricFile?: string;
  onProgress?: (stage: string, done: number, total: number) => void;
  /** Where the audio store lives (tests); the data folder by default. */
  root?: string;
  /** Read, decode and check everything, then stop: the report of what an import would do (nothing written). */
  validateOnly?: boolean;
}

/** The command's answer: exactly these keys (issue 12's contract). */
export interface AudioImportSummary {
  dataset: string;
  items: number;
  words: number;
  phones: number;
  /** Words of the texts that the CMU dictionary lacks (phones estimated by the G2P model), first spelling seen. */
  oov_words: string[];
  /** Wall-clock seconds the import took. */
  seconds: number;
  problems: Problem[];
}

/** A rejected import: the problems, and the answer to print (nothing was written). */
export class AudioImportRejected extends AppError {
  constructor(message: string, problems: Problem[], readonly summary: AudioImportSummary) {
    super("INVALID_INPUT", message, problems);
  }
}

export const DATASET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

interface Recording {
  row: ManifestRow;
  uttId: string;
  sourcePath: string;
  words: Pronounced[];
  split: string;
  speaker: string;
  age: number | null;
  originalSha256: string;
  originalBytes: number;
  contentHash: string;
  /** Filled when decoded (new recordings only). */
  format?: AudioFormat;
  modelSha256?: string;
  modelBytes?: number;
  durationSec?: number;
  stagedOriginal?: string;
  stagedModel?: string;
}

const cols = (spec: string): BulkColumn[] =>
  spec.split(/\s*,\s*/).map((c) => {
    const [name, type = "text"] = c.split(":");
    return { name, type };
  });
const ITEM = cols("id, datasetId, uttId, text, split, speakerId, speakerAge:int4, speakerGender, speakerL1, audioSha256, audioSource, audioBytes:int4, durationSec:float8, sampleRate:int4, channels:int4, bitsPerSample:int4, originalSha256, originalFormat, originalBytes:int4, contentHash");
const WORD = cols("id, itemId, index:int4, text, canonicalPhones, estimated:bool");
const PHONE = cols("id, itemId, wordId, index:int4, position:int4, symbol");

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const round2 = (x: number) => Math.round(x * 100) / 100;

/** Removes staging folders of imports whose process is gone (killed mid-validation). */
async function sweepStaging(base: string): Promise<void> {
  const dirs = await readdir(base).catch(() => [] as string[]);
  for (const d of dirs) {
    const m = /^(\d+)-\d+$/.exec(d);
    if (m && !alive(Number(m[1]))) await rm(path.join(base, d), { recursive: true, force: true });
  }
}

/** Moves a staged file to its content-addressed name (kept when a whole copy is already there). */
async function place(staged: string, final: string, bytes: number): Promise<void> {
  const s = await stat(final).catch(() => null);
  if (s?.isFile() && s.size === bytes) return;
  await mkdir(path.dirname(final), { recursive: true });
  await rename(staged, final);
}

export async function importAudio(db: Db, opts: AudioImportOptions): Promise<AudioImportSummary> {
  const t0 = performance.now();
  const root = opts.root ?? dataDir();
  const problems: Problem[] = [];
  const empty = (): AudioImportSummary => ({ dataset: opts.dataset, items: 0, words: 0, phones: 0, oov_words: [], seconds: round2((performance.now() - t0) / 1000), problems });
  const reject = (message: string): never => {
    throw new AudioImportRejected(`${message}: ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was imported`, problems, empty());
  };

  if (!DATASET_NAME.test(opts.dataset)) {
    problems.push({ field: "dataset", message: `dataset name "${opts.dataset}" must be 1-64 letters, digits, '.', '_' or '-'` });
  }
  let rubric: Rubric | null = null;
  if (opts.rubricFile) rubric = await readRubric(opts.rubricFile, problems);
  if (opts.audioRoot && !(await stat(opts.audioRoot).catch(() => null))?.isDirectory()) {
    problems.push({ field: "audio-root", message: `${opts.audioRoot} is not a folder` });
  }
  const manifest = await readManifest(opts.manifest, problems);
  if (problems.length || !manifest) return reject(`${opts.manifest} cannot be imported`);

  const existingDataset = await db.prisma.dataset.findUnique({ where: { name: opts.dataset } });
  if (existingDataset && rubric && JSON.stringify(parseRubric(existingDataset.rubric)) !== JSON.stringify(rubric)) {
    problems.push({ file: opts.rubricFile, message: `dataset ${opts.dataset} already exists with rubric "${parseRubric(existingDataset.rubric).name}", different from this one; import into a new dataset or leave out --rubric` });
  }
  const known = new Map(
    existingDataset
      ? (await db.prisma.item.findMany({ where: { datasetId: existingDataset.id }, select: { uttId: true, contentHash: true } })).map((i) => [i.uttId, i.contentHash])
      : [],
  );

  // Pass 1: rows, texts and files, without decoding.
  const base = opts.audioRoot ? path.resolve(opts.audioRoot) : manifest.baseDir;
  const recordings: Recording[] = [];
  const seen = new Map<string, number>();
  const at = (row: ManifestRow, field: string, message: string) => problems.push({ file: manifest.label, line: row.line, field, message });
  // Ids from file names: the name without extension, or with it where two files share a stem ("a.wav", "a.flac").
  const stemCount = new Map<string, number>();
  for (const row of manifest.rows) if (!row.id && row.file) stemCount.set(stemOf(row.file), (stemCount.get(stemOf(row.file)) ?? 0) + 1);
  let done = 0;
  for (const row of manifest.rows) {
    opts.onProgress?.("read", ++done, manifest.rows.length);
    const before = problems.length;
    if (!row.file) at(row, "file", "no audio file named");
    const text = row.text.replace(/\s+/g, " ").trim();
    const tokens = text ? text.split(" ").map((w) => w.replace(/^[^A-Za-z0-9']+|[^A-Za-z0-9']+$/g, "")).filter((w) => /[A-Za-z]/.test(w)) : [];
    if (!text) at(row, "text", "the text is empty");
    else if (!tokens.length) at(row, "text", `the text "${text}" has no words`);
    const uttId = row.id ?? (row.file ? idFromFile(row.file, stemCount) : "");
    if (row.file && !/^[^\s/\\]{1,128}$/.test(uttId)) at(row, "id", `"${uttId}" cannot be an item id (1-128 characters, no spaces or slashes)`);
    const dup = seen.get(uttId);
    if (uttId && dup !== undefined) at(row, row.id ? "id" : "file", `item id "${uttId}" is also on line ${dup}`);
    seen.set(uttId, row.line);
    let age: number | null = null;
    if (row.age !== undefined) {
      if (/^\d{1,3}$/.test(row.age)) age = Number(row.age);
      else at(row, "age", `age must be a whole number of years, got "${row.age}"`);
    }
    const sourcePath = row.file ? path.resolve(base, row.file) : "";
    let bytes: Buffer | null = null;
    if (row.file) {
      try {
        bytes = await readFile(sourcePath);
        if (!bytes.length) at(row, "file", `${row.file}: the file is empty`);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        at(row, "file", `${row.file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "a folder, not an audio file" : (e as Error).message}${code === "ENOENT" ? ` (looked for ${sourcePath})` : ""}`);
      }
    }
    if (problems.length > before || !bytes) continue;
    const words = tokens.map((t) => ({ ...pronounce(t.toUpperCase()), raw: t }));
    for (const w of words) if (!w.phones.length) at(row, "text", `no pronunciation could be made for "${w.raw}"`);
    if (problems.length > before) continue;
    const split = row.split ?? "test";
    const speaker = row.speaker ?? "unknown";
    const originalSha256 = sha(bytes);
    const contentHash = sha(
      new TextEncoder().encode(JSON.stringify([text, split, speaker, age, row.gender ?? null, row.l1 ?? null, originalSha256, words.map((w) => [w.text, w.phones, w.estimated])])),
    );
    recordings.push({ row: { ...row, text }, uttId, sourcePath, words: words.map(({ raw: _raw, ...w }) => w), split, speaker, age, originalSha256, originalBytes: bytes.length, contentHash });
    const k = known.get(uttId);
    if (k !== undefined && k !== contentHash) at(row, "id", `item "${uttId}" is already in dataset ${opts.dataset} with a different recording, text or speaker; import into a new dataset name instead`);
  }
  if (problems.length) return reject(`${manifest.label} cannot be imported`);

  // Pass 2: decode what is new, staging the original and its 16 kHz conversion.
  const fresh = recordings.filter((r) => !known.has(r.uttId));
  const stagingBase = path.join(root, "audio-staging");
  await sweepStaging(stagingBase);
  const staging = path.join(stagingBase, `${process.pid}-${Date.now()}`);
  await mkdir(staging, { recursive: true });
  const decoders = new AudioDecoders();
  try {
    done = 0;
    // The next file is read while this one decodes.
    let next: Promise<Buffer | Error> | null = fresh.length ? readFile(fresh[0].sourcePath).catch((e: Error) => e) : null;
    for (let i = 0; i < fresh.length; i++) {
      const r = fresh[i];
      const bytes = await next!;
      next = i + 1 < fresh.length ? readFile(fresh[i + 1].sourcePath).catch((e: Error) => e) : null;
      opts.onProgress?.("decode", ++done, fresh.length);
      if (bytes instanceof Error) {
        at(r.row, "file", `${r.row.file}: ${bytes.message}`);
        continue;
      }
      if (sha(bytes) !== r.originalSha256) {
        at(r.row, "file", `${r.row.file} changed during the import`);
        continue;
      }
      try {
        const decoded = await decoders.decode(bytes);
        const wav = toModelWav(decoded);
        r.format = decoded.format;
        r.modelSha256 = sha(wav);
        r.modelBytes = wav.length;
        r.durationSec = Math.round((((wav.length - 44) / 2) / 16000) * 1e4) / 1e4;
        r.stagedModel = path.join(staging, `${i}.wav`);
        await writeFile(r.stagedModel, wav);
        if (r.modelSha256 !== r.originalSha256) {
          r.stagedOriginal = path.join(staging, `${i}.orig`);
          await writeFile(r.stagedOriginal, bytes);
        }
      } catch (e) {
        if (e instanceof AudioDecodeError) at(r.row, "file", `${r.row.file} cannot be decoded: ${e.message}`);
        else throw e;
      }
    }
    decoders.free();
    if (problems.length) return reject(`${manifest.label} cannot be imported`);
    if (opts.validateOnly) return summarize(opts.dataset, recordings, t0);

    // Validated: move the files into the store, then write the records in one transaction.
    await sweepAudioTemps(root);
    done = 0;
    for (const r of fresh) {
      await place(r.stagedModel!, audioPath(r.modelSha256!, root), r.modelBytes!);
      if (r.stagedOriginal) await place(r.stagedOriginal, originalPath(r.originalSha256, r.format!, root), r.originalBytes);
      opts.onProgress?.("store", ++done, fresh.length);
    }
    opts.onProgress?.("write", 0, fresh.length);
    await db.prisma.$transaction(
      async (tx) => {
        const dataset =
          (await tx.dataset.findUnique({ where: { name: opts.dataset } })) ??
          (await tx.dataset.create({
            data: { name: opts.dataset, rubric: rubric ?? SPEECHOCEAN762_RUBRIC, sourceFormat: "audio-manifest", sourcePath: path.resolve(opts.manifest) },
          }));
        const items: unknown[][] = [];
        const words: unknown[][] = [];
        const phones: unknown[][] = [];
        for (const r of fresh) {
          const itemId = randomUUID();
          const orig = r.stagedOriginal !== undefined;
          items.push([itemId, dataset.id, r.uttId, r.row.text, r.split, r.speaker, r.age, r.row.gender ?? null, r.row.l1 ?? null, r.modelSha256, r.sourcePath,
            r.modelBytes, r.durationSec, 16000, 1, 16, orig ? r.originalSha256 : null, orig ? r.format : null, orig ? r.originalBytes : null, r.contentHash]);
          let position = 0;
          r.words.forEach((w, wi) => {
            const wordId = randomUUID();
            words.push([wordId, itemId, wi, w.text, w.phones.join(" "), w.estimated]);
            w.phones.forEach((symbol, pi) => phones.push([randomUUID(), itemId, wordId, pi, position++, symbol]));
          });
        }
        await bulkInsert(tx, "Item", ITEM, items);
        await bulkInsert(tx, "Word", WORD, words);
        await bulkInsert(tx, "Phone", PHONE, phones);
      },
      { timeout: 30 * 60_000, maxWait: 60_000 },
    );
    opts.onProgress?.("write", fresh.length, fresh.length);
  } finally {
    decoders.free();
    await rm(staging, { recursive: true, force: true });
  }

  return summarize(opts.dataset, recordings, t0);
}

function summarize(dataset: string, recordings: Recording[], t0: number): AudioImportSummary {
  const oov: string[] = [];
  const oovSeen = new Set<string>();
  let nWords = 0;
  let nPhones = 0;
  for (const r of recordings) {
    const raw = r.row.text.split(" ").map((w) => w.replace(/^[^A-Za-z0-9']+|[^A-Za-z0-9']+$/g, "")).filter((w) => /[A-Za-z]/.test(w));
    r.words.forEach((w, i) => {
      nWords++;
      nPhones += w.phones.length;
      if (w.estimated && !oovSeen.has(w.text)) {
        oovSeen.add(w.text);
        oov.push(raw[i] ?? w.text);
      }
    });
  }
  return { dataset, items: recordings.length, words: nWords, phones: nPhones, oov_words: oov, seconds: round2((performance.now() - t0) / 1000), problems: [] };
}

const stemOf = (file: string) => file.replace(/\\/g, "/").replace(/\.[^./]*$/, "").replace(/^\.\//, "").replace(/\//g, "_");

function idFromFile(file: string, stemCount: Map<string, number>): string {
  const stem = stemOf(file);
  return (stemCount.get(stem) ?? 0) > 1 ? file.replace(/\\/g, "/").replace(/^\.\//, "").replace(/\//g, "_") : stem;
}

async function readRubric(file: string, problems: Problem[]): Promise<Rubric | null> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    problems.push({ file, message: code === "ENOENT" ? "no such rubric file" : `not valid JSON: ${(e as Error).message}` });
    return null;
  }
  const r = RubricSchema.safeParse(json);
  if (!r.success) {
    for (const iss of r.error.issues.slice(0, 20)) problems.push({ file, field: iss.path.join(".") || undefined, message: iss.message });
    return null;
  }
  return parseRubric(r.data);
}
