// Content-addressed audio under the data dir: audio/<sha[0:2]>/<sha>.wav. Files are written to a
// temporary name and renamed, so a failed write never leaves a half-written file under its name,
// and writing the same recording twice is a no-op.
import { mkdir, readdir, writeFile, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { dataDir } from "@/lib/db/config";
import { processAlive as alive } from "@/lib/process/alive";

export function audioPath(sha256: string, root = dataDir()): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return path.join(root, "audio", sha256.slice(0, 2), `${sha256}.wav`);
}

/** A writer's temporary file: the final name, the writer's pid and a timestamp (see sweepAudioTemps). */
const tempName = (file: string) => `${file}.${process.pid}.${Date.now()}.tmp`;
const TEMP_NAME = /^[0-9a-f]{64}\.wav\.(\d+)\.\d+\.tmp$/;

export async function storeAudio(sha256: string, bytes: Uint8Array, root = dataDir()): Promise<string> {
  const file = audioPath(sha256, root);
  try {
    const s = await stat(file);
    if (s.isFile() && s.size === bytes.byteLength) return file;
  } catch {
    /* not stored yet */
  }
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = tempName(file);
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
  return file;
}

/**
 * Removes temporary files that a killed writer left under audio/ (`<sha>.wav.<pid>.<ms>.tmp` whose
 * process is gone). Files of live writers are left alone. Returns how many were removed.
 */
export async function sweepAudioTemps(root = dataDir()): Promise<number> {
  const base = path.join(root, "audio");
  let removed = 0;
  let dirs: string[];
  try {
    dirs = await readdir(base);
  } catch {
    return 0; // nothing stored yet
  }
  for (const d of dirs) {
    let files: string[];
    try {
      files = await readdir(path.join(base, d));
    } catch {
      continue; // not a folder
    }
    for (const f of files) {
      const m = TEMP_NAME.exec(f);
      if (!m || alive(Number(m[1]))) continue;
      await unlink(path.join(base, d, f)).catch(() => {});
      removed++;
    }
  }
  return removed;
}
