// Content-addressed audio under the data dir: audio/<sha[0:2]>/<sha>.wav. Files are written to a
// temporary name and renamed, so a failed write never leaves a half-written file under its name,
// and writing the same recording twice is a no-op.
import { mkdir, writeFile, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { dataDir } from "@/lib/db/config";

export function audioPath(sha256: string, root = dataDir()): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return path.join(root, "audio", sha256.slice(0, 2), `${sha256}.wav`);
}

export async function storeAudio(sha256: string, bytes: Uint8Array, root = dataDir()): Promise<string> {
  const file = audioPath(sha256, root);
  try {
    const s = await stat(file);
    if (s.isFile() && s.size === bytes.byteLength) return file;
  } catch {
    /* not stored yet */
  }
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
  return file;
}
