// Where a pair export's rows point for their recording, so a trainer on another machine finds it:
//   copy   (default) the recordings travel with the pairs: <folder of the pairs file>/audio/<utt_id>.wav,
//          and each row's audio path is "audio/<utt_id>.wav", relative to that folder;
//   source the absolute path each recording was imported from (for a trainer that sees the corpus).
// Copies are written to a temporary name and renamed; a failed or cancelled export removes the
// recordings it added, so nothing half-written stays.
import { createHash } from "node:crypto";
import { constants } from "node:fs";
import { copyFile, mkdir, readFile, rename, rmdir, unlink } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { PairRow } from "@/lib/preferences/types";

export const PAIR_AUDIO_MODES = ["copy", "source"] as const;
export type PairAudioMode = (typeof PAIR_AUDIO_MODES)[number];

/** Folder, inside the export's folder, that holds the copied recordings. */
export const AUDIO_SUBDIR = "audio";

/** A file name for an utterance id, refused when the id could name another place. */
export function recordingName(uttId: string): string {
  if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(uttId)) {
    throw new AppError("INVALID_INPUT", `utterance id "${uttId}" cannot be used as a file name; export with audio "source" instead`, [{ utterance: uttId, field: "utt_id", message: "not a safe file name" }]);
  }
  return `${uttId}.wav`;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export class PairAudio {
  /** Recordings this export wrote (removed again on abort). */
  private added: string[] = [];
  private placed = new Map<string, string>();
  private sources = new Map<string, string | null>();
  recordings = 0;

  private constructor(
    private readonly db: Db,
    readonly mode: PairAudioMode,
    private readonly folder: string,
  ) {}

  /** `pairsFile`: the CSV/JSONL the rows go to; copies go beside it. */
  static async open(db: Db, mode: PairAudioMode, pairsFile: string): Promise<PairAudio> {
    const folder = path.dirname(path.resolve(pairsFile));
    if (mode === "copy") await mkdir(path.join(folder, AUDIO_SUBDIR), { recursive: true });
    return new PairAudio(db, mode, folder);
  }

  /** The rows with `audio` pointing where this export puts (or finds) each recording. */
  async place(rows: PairRow[]): Promise<PairRow[]> {
    if (this.mode === "source") await this.loadSources(rows);
    const out: PairRow[] = [];
    for (const r of rows) out.push({ ...r, audio: this.mode === "copy" ? await this.copy(r) : this.sourceOf(r) });
    return out;
  }

  private async copy(r: PairRow): Promise<string> {
    const done = this.placed.get(r.uttId);
    if (done) return done;
    const name = recordingName(r.uttId);
    const target = path.join(this.folder, AUDIO_SUBDIR, name);
    const existing = await readFile(target).catch(() => null);
    if (existing) {
      // A rerun into the same folder keeps the recording; another recording under that name is not overwritten.
      const want = sha256(await readFile(r.audio));
      if (sha256(existing) !== want) {
        throw new AppError("CONFLICT", `${target} already holds another recording; export into an empty folder`, [{ file: target, utterance: r.uttId, message: "another recording under this name" }]);
      }
    } else {
      const tmp = `${target}.partial`;
      try {
        await copyFile(r.audio, tmp, constants.COPYFILE_FICLONE);
        await rename(tmp, target);
      } catch (e) {
        await unlink(tmp).catch(() => {});
        throw new AppError("INTERNAL", `could not copy the recording of utterance ${r.uttId} to ${target}: ${e instanceof Error ? e.message : String(e)}`, [{ file: target, utterance: r.uttId, message: "copy failed" }]);
      }
      this.added.push(target);
      this.recordings++;
    }
    const rel = `${AUDIO_SUBDIR}/${name}`;
    this.placed.set(r.uttId, rel);
    return rel;
  }

  private async loadSources(rows: PairRow[]): Promise<void> {
    const ids = [...new Set(rows.map((r) => r.itemId))].filter((id) => !this.sources.has(id));
    if (!ids.length) return;
    const found = await this.db.prisma.item.findMany({ where: { id: { in: ids } }, select: { id: true, uttId: true, audioSource: true } });
    const missing = found.filter((i) => !i.audioSource);
    if (missing.length) {
      throw new AppError(
        "CONFLICT",
        `${missing.length} recording(s) have no import path recorded (imported before Attest kept it); import the dataset again from its folder — that records the paths and changes nothing else — or export with audio "copy"`,
        missing.slice(0, 20).map((i) => ({ utterance: i.uttId, field: "audio", message: "import path unknown" })),
      );
    }
    for (const i of found) this.sources.set(i.id, i.audioSource);
  }

  private sourceOf(r: PairRow): string {
    const s = this.sources.get(r.itemId);
    if (!s) throw new AppError("NOT_FOUND", `item of utterance ${r.uttId} is gone`);
    return s;
  }

  /** Removes the recordings this export added (and the audio folder when it is left empty). */
  async abort(): Promise<void> {
    for (const f of this.added) await unlink(f).catch(() => {});
    this.added = [];
    if (this.mode === "copy") await rmdir(path.join(this.folder, AUDIO_SUBDIR)).catch(() => {});
  }
}
