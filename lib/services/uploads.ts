// Web uploads of recordings for `import audio` (issue 12 part 2): an upload is a private folder
// under the data dir (uploads/<id>/files) that one researcher or admin fills file by file — each
// request body streamed to disk, never held whole in memory, within configurable limits — or with
// a zip that is unpacked there. Then the manifest in it is validated (nothing written), and the
// import runs as a job ("import.audio") with progress.
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";
import type { Db } from "@/lib/db/client";
import { dataDir } from "@/lib/db/config";
import { AppError, type Problem } from "@/lib/errors";
import { can, type RoleName } from "@/lib/auth/permissions";
import { createJob } from "@/lib/jobs/jobs";
// The job kind must be known wherever an import is started (routes run without the worker's registry).
import "@/lib/jobs/handlers/audio-import";
import { importAudio, AudioImportRejected, DATASET_NAME, type AudioImportSummary } from "./audio-import/import";

export interface UploadLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
  maxFiles: number;
}

const MB = 1024 * 1024;
const envNumber = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

/** ATTEST_UPLOAD_MAX_FILE_MB (default 200), ATTEST_UPLOAD_MAX_TOTAL_MB (2048), ATTEST_UPLOAD_MAX_FILES (20000). */
export function uploadLimits(): UploadLimits {
  return {
    maxFileBytes: Math.round(envNumber("ATTEST_UPLOAD_MAX_FILE_MB", 200) * MB),
    maxTotalBytes: Math.round(envNumber("ATTEST_UPLOAD_MAX_TOTAL_MB", 2048) * MB),
    maxFiles: Math.round(envNumber("ATTEST_UPLOAD_MAX_FILES", 20000)),
  };
}

type User = { id: string; role: RoleName };
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const uploadsDir = () => path.join(dataDir(), "uploads");
const mb = (b: number) => `${(b / MB).toFixed(b < 10 * MB ? 1 : 0)} MB`;

export async function createUpload(user: User): Promise<{ id: string; limits: UploadLimits }> {
  if (!can(user.role, "datasets:write")) throw new AppError("FORBIDDEN", "only researchers and admins upload recordings");
  const id = randomUUID();
  const dir = path.join(uploadsDir(), id);
  await mkdir(path.join(dir, "files"), { recursive: true });
  await writeFile(path.join(dir, "upload.json"), JSON.stringify({ owner: user.id, createdAt: new Date().toISOString() }));
  return { id, limits: uploadLimits() };
}

/** The upload's folder of files, for its owner (or an admin); the same 404 for others and for none. */
export async function uploadFilesDir(user: User, id: string): Promise<string> {
  if (!can(user.role, "datasets:write") || !ID.test(id)) throw new AppError("NOT_FOUND", "no such upload");
  const dir = path.join(uploadsDir(), id);
  const meta = await readFile(path.join(dir, "upload.json"), "utf8").then((t) => JSON.parse(t) as { owner: string }, () => null);
  if (!meta || (meta.owner !== user.id && user.role !== "admin")) throw new AppError("NOT_FOUND", "no such upload");
  return path.join(dir, "files");
}

/** A name as stored: its last path part, only letters, digits, '.', '_', '-', ' '. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[^\w.\- ]+/g, "_").replace(/^[.\s]+/, "").slice(0, 200);
  if (!clean) throw new AppError("BAD_REQUEST", `"${name}" cannot be a file name`);
  return clean;
}

async function usage(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (!e.name.endsWith(".part")) {
        files++;
        bytes += (await stat(p)).size;
      }
    }
  };
  await walk(dir);
  return { files, bytes };
}

/** Counts bytes through a stream and fails it when they pass `max`. */
function limiter(max: number, what: () => string): Transform {
  let n = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      n += chunk.length;
      if (n > max) cb(new AppError("PAYLOAD_TOO_LARGE", what()));
      else cb(null, chunk);
    },
  });
}

/**
 * Streams one file of an upload to disk. A zip is unpacked into the upload (and not kept).
 * Returns the names now in the upload that this request added.
 */
export async function saveUploadFile(user: User, id: string, name: string, body: ReadableStream<Uint8Array> | null): Promise<{ files: string[]; bytes: number }> {
  const dir = await uploadFilesDir(user, id);
  if (!body) throw new AppError("BAD_REQUEST", "no file in the request body");
  const limits = uploadLimits();
  const file = safeFileName(name);
  const used = await usage(dir);
  if (used.files + 1 > limits.maxFiles) throw new AppError("PAYLOAD_TOO_LARGE", `an upload holds at most ${limits.maxFiles} files (ATTEST_UPLOAD_MAX_FILES)`);
  const room = Math.min(limits.maxFileBytes, limits.maxTotalBytes - used.bytes);
  const tmp = path.join(dir, `${file}.${randomUUID().slice(0, 8)}.part`);
  try {
    await pipeline(
      Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>),
      limiter(room, () =>
        room === limits.maxFileBytes
          ? `${file} is larger than the ${mb(limits.maxFileBytes)} a file may have (ATTEST_UPLOAD_MAX_FILE_MB)`
          : `${file} would take the upload past its ${mb(limits.maxTotalBytes)} (ATTEST_UPLOAD_MAX_TOTAL_MB)`,
      ),
      createWriteStream(tmp),
    );
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
  const bytes = (await stat(tmp)).size;
  if (/\.zip$/i.test(file)) {
    try {
      return { files: await unzipInto(tmp, dir, limits, used), bytes };
    } finally {
      await unlink(tmp).catch(() => {});
    }
  }
  await rename(tmp, path.join(dir, file));
  return { files: [file], bytes };
}

/** Unpacks a zip into `dir` entry by entry (streamed), within the upload's limits. */
async function unzipInto(zipPath: string, dir: string, limits: UploadLimits, used: { files: number; bytes: number }): Promise<string[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
  } catch (e) {
    throw new AppError("INVALID_INPUT", `not a readable zip file: ${(e as Error).message}`);
  }
  const added: string[] = [];
  let files = used.files;
  let bytes = used.bytes;
  try {
    for (;;) {
      const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
        zip.once("entry", resolve);
        zip.once("end", () => resolve(null));
        zip.once("error", reject);
        zip.readEntry();
      }).catch((e: Error) => {
        throw new AppError("INVALID_INPUT", `the zip file is damaged: ${e.message}`);
      });
      zip.removeAllListeners("entry").removeAllListeners("end").removeAllListeners("error");
      if (!entry) break;
      const name = entry.fileName.replace(/\\/g, "/");
      // Folders, macOS resource forks and hidden files carry no recordings.
      if (name.endsWith("/") || name.split("/").some((p) => p.startsWith(".") || p === "__MACOSX")) continue;
      const parts = name.split("/").map((p) => safeFileName(p));
      if (parts.some((p) => p === "..")) throw new AppError("INVALID_INPUT", `the zip names a file outside itself: ${name}`);
      if (++files > limits.maxFiles) throw new AppError("PAYLOAD_TOO_LARGE", `the zip holds more than the ${limits.maxFiles} files an upload may have (ATTEST_UPLOAD_MAX_FILES)`);
      if (entry.uncompressedSize > limits.maxFileBytes) throw new AppError("PAYLOAD_TOO_LARGE", `${name} in the zip is larger than the ${mb(limits.maxFileBytes)} a file may have (ATTEST_UPLOAD_MAX_FILE_MB)`);
      if (bytes + entry.uncompressedSize > limits.maxTotalBytes) throw new AppError("PAYLOAD_TOO_LARGE", `the zip unpacks to more than the upload's ${mb(limits.maxTotalBytes)} (ATTEST_UPLOAD_MAX_TOTAL_MB)`);
      const out = path.join(dir, ...parts);
      await mkdir(path.dirname(out), { recursive: true });
      const stream = await zip.openReadStreamPromise(entry);
      await pipeline(stream, limiter(Math.min(limits.maxFileBytes, limits.maxTotalBytes - bytes), () => `${name} unpacks to more than the limits allow`), createWriteStream(out));
      bytes += (await stat(out)).size;
      added.push(parts.join("/"));
    }
  } finally {
    zip.close();
  }
  if (!added.length) throw new AppError("INVALID_INPUT", "the zip holds no files");
  return added;
}

/** The manifest in an upload: metadata.csv/.jsonl (audiofolder) or the one .csv/.tsv/.jsonl, at the top or in its only folder. */
async function findManifest(dir: string): Promise<string> {
  let d = dir;
  for (let depth = 0; depth < 3; depth++) {
    const entries = (await readdir(d, { withFileTypes: true })).filter((e) => !e.name.endsWith(".part"));
    if (entries.some((e) => e.isFile() && /^metadata\.(csv|jsonl)$/.test(e.name))) return d;
    const manifests = entries.filter((e) => e.isFile() && /\.(csv|tsv|jsonl)$/i.test(e.name)).map((e) => e.name);
    if (manifests.length === 1) return path.join(d, manifests[0]);
    if (manifests.length > 1) throw new AppError("INVALID_INPUT", `several manifests: ${manifests.join(", ")}; upload exactly one .csv, .tsv or .jsonl`, [{ message: `several manifests: ${manifests.join(", ")}` }]);
    const dirs = entries.filter((e) => e.isDirectory());
    if (dirs.length !== 1 || entries.some((e) => e.isFile())) break;
    d = path.join(d, dirs[0].name);
  }
  throw new AppError("INVALID_INPUT", "no manifest: add a .csv, .tsv or .jsonl file (columns file, text) or an audiofolder metadata.csv", [
    { message: "no manifest (a .csv, .tsv or .jsonl with columns file and text, or metadata.csv with file_name and text)" },
  ]);
}

/** Problems name files relative to the upload, not the server's folders. */
function relative(dir: string, problems: Problem[]): Problem[] {
  const hide = (text: string) => text.split(`${dir}${path.sep}`).join("");
  return problems.map((p) => ({ ...p, ...(p.file ? { file: path.isAbsolute(p.file) ? path.relative(dir, p.file) || p.file : p.file } : {}), message: hide(p.message) }));
}

export interface UploadReport extends AudioImportSummary {
  /** Files in the upload. */
  files: number;
  bytes: number;
}

/** Validates the upload's manifest and every recording as `import audio` would; nothing is written. */
export async function validateUpload(db: Db, user: User, id: string, dataset: string): Promise<UploadReport> {
  const dir = await uploadFilesDir(user, id);
  const u = await usage(dir);
  const empty = (problems: Problem[]): UploadReport => ({ dataset, items: 0, words: 0, phones: 0, oov_words: [], seconds: 0, problems, ...u });
  if (!DATASET_NAME.test(dataset)) return empty([{ field: "dataset", message: `dataset name "${dataset}" must be 1-64 letters, digits, '.', '_' or '-'` }]);
  let manifest: string;
  try {
    manifest = await findManifest(dir);
  } catch (e) {
    if (e instanceof AppError) return empty(e.problems);
    throw e;
  }
  try {
    const s = await importAudio(db, { manifest, dataset, validateOnly: true });
    return { ...s, files: u.files, bytes: u.bytes };
  } catch (e) {
    if (e instanceof AudioImportRejected) return { ...e.summary, problems: relative(dir, e.problems), files: u.files, bytes: u.bytes };
    throw e;
  }
}

/** Starts the import of a validated upload as a job; progress via GET /api/jobs/<id>. */
export async function startUploadImport(db: Db, user: User, id: string, dataset: string): Promise<{ job: string }> {
  const dir = await uploadFilesDir(user, id);
  const manifest = await findManifest(dir);
  if (!DATASET_NAME.test(dataset)) throw new AppError("INVALID_INPUT", `dataset name "${dataset}" must be 1-64 letters, digits, '.', '_' or '-'`);
  const job = await createJob(db, { kind: "import.audio", params: { manifest, dataset }, createdById: user.id });
  return { job: job.id };
}

/** Removes an upload's folder (after an import, or abandoned). */
export async function removeUpload(user: User, id: string): Promise<void> {
  const dir = await uploadFilesDir(user, id);
  await rm(path.dirname(dir), { recursive: true, force: true });
}
