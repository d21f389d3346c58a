// Serving an item's recording: only to users allowed to see the item, with HTTP Range support.
import { open, stat } from "node:fs/promises";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { audioPath } from "@/lib/audio/audio-store";
import { can, type RoleName } from "@/lib/auth/permissions";

export async function getAudioFileForUserOrThrow(db: Db, user: { id: string; role: RoleName }, itemId: string) {
  const item = await db.prisma.item.findUnique({ where: { id: itemId }, select: { id: true, audioSha256: true, audioBytes: true } });
  // A rater may hear an item only through an assignment of theirs (not an import round's).
  const allowed =
    item &&
    (can(user.role, "items:read-all") ||
      (can(user.role, "audio:read-assigned") &&
        (await db.prisma.assignment.count({ where: { itemId, raterId: user.id, round: { kind: { not: "IMPORT" } } } })) > 0));
  // The same answer for "no such item" and "not yours": ids are not to be probed.
  if (!item || !allowed) throw new AppError("NOT_FOUND", "no such recording");
  const file = audioPath(item.audioSha256);
  const s = await stat(file).catch(() => null);
  if (!s) throw new AppError("NOT_FOUND", "the recording's audio file is missing from the data folder");
  return { file, size: s.size, etag: `"${item.audioSha256}"` };
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
