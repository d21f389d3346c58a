// Serving an item's recording: only to users allowed to see the item, with HTTP Range support.
import { open, stat } from "node:fs/promises";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { audioPath } from "@/lib/audio/audio-store";
import { FORMAT_MIME, type AudioFormat } from "@/lib/audio/formats";
import { originalPath } from "@/lib/services/audio-import/original-path";
import { can, type RoleName } from "@/lib/auth/permissions";

export async function getAudioFileForUserOrThrow(db: Db, user: { id: string; role: RoleName; tokenScopes?: readonly string[] | null }, itemId: string) {
  const item = await db.prisma.item.findUnique({ where: { id: itemId }, select: { id: true, audioSha256: true, audioBytes: true, originalSha256: true, originalFormat: true } });
  // A rater may hear an item only through an assignment of theirs (not an import round's).
  const allowed =
    item &&
    (can(user, "items:read-all") ||
      (can(user, "audio:read-assigned") &&
        (await db.prisma.assignment.count({ where: { itemId, raterId: user.id, round: { kind: { not: "IMPORT" } } } })) > 0));
  // The same answer for "no such item" and "not yours": ids are not to be probed.
  if (!item || !allowed) throw new AppError("NOT_FOUND", "no such recording");
  // The recording as uploaded when it was imported in another format (FLAC, MP3, Ogg), else the WAV.
  const format = item.originalSha256 && item.originalFormat && item.originalFormat in FORMAT_MIME ? (item.originalFormat as AudioFormat) : null;
  const sha = format ? item.originalSha256! : item.audioSha256;
  const file = format ? originalPath(sha, format) : audioPath(sha);
  const s = await stat(file).catch(() => null);
  if (!s) throw new AppError("NOT_FOUND", "the recording's audio file is missing from the data folder");
  return { file, size: s.size, etag: `"${sha}"`, contentType: format ? FORMAT_MIME[format] : "audio/wav" };
}

export type ByteRange = { start: number; end: number };

/**
 * Parses a single "bytes=a-b" / "bytes=a-" / "bytes=-n" range (RFC 9110 §14): null when there is
 * none or when it is to be ignored — a unit other than bytes, or several ranges (we send no
 * multipart answers) — so the whole file is sent; "invalid" when the byte range is malformed or
 * unsatisfiable (416).
 */
export function parseRange(header: string | null, size: number): ByteRange | null | "invalid" {
  if (!header) return null;
  const h = header.trim();
  const unit = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)=/.exec(h);
  if (!unit || unit[1].toLowerCase() !== "bytes") return null;
  const spec = h.slice(unit[0].length);
  if (spec.includes(",")) return null;
  const m = /^\s*(\d*)-(\d*)\s*$/.exec(spec);
  if (!m || (m[1] === "" && m[2] === "")) return "invalid";
  let start: number;
  let end: number;
  if (m[1] === "") {
    const n = Number(m[2]);
    if (n === 0) return "invalid";
    start = Math.max(size - n, 0);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start > end || start >= size) return "invalid";
  return { start, end };
}

export async function readRange(file: string, range: ByteRange): Promise<Uint8Array> {
  const fh = await open(file, "r");
  try {
    const buf = Buffer.alloc(range.end - range.start + 1);
    await fh.read(buf, 0, buf.length, range.start);
    return buf;
  } finally {
    await fh.close();
  }
}
