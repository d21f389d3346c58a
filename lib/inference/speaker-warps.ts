// Per-speaker VTLN warps for the built-in Sphinx model, stored in the database (SpeakerWarp, one
// row per dataset, speaker and acoustic model) and reused: a speaker's warp is chosen once, from
// the first few of the speaker's recordings in the dataset (by utterance id) and their canonical
// texts — never from scores — and every later inference of that speaker reads it back.
import { readFile } from "node:fs/promises";
import { audioPath } from "@/lib/audio/audio-store";
import { loadAudio16k } from "@/lib/audio/load-audio";
import type { Db } from "@/lib/db/client";
import { sphinxModel } from "./sphinx/acoustic-model";
import { chooseWarp, WARP_UTTERANCES } from "./sphinx/speaker-warp";

export const SPHINX_ACOUSTIC = "sphinx-en-us";

export async function speakerWarps(
  db: Db,
  datasetId: string,
  speakers: string[],
  onProgress?: (done: number, total: number) => Promise<void> | void,
): Promise<Map<string, number>> {
  const want = [...new Set(speakers)].sort();
  const stored = await db.prisma.speakerWarp.findMany({ where: { datasetId, acoustic: SPHINX_ACOUSTIC, speakerId: { in: want } } });
  const out = new Map(stored.map((r) => [r.speakerId, r.warp]));
  const todo = want.filter((s) => !out.has(s));
  let done = 0;
  for (const speakerId of todo) {
    const items = await db.prisma.item.findMany({
      where: { datasetId, speakerId },
      orderBy: { uttId: "asc" },
      take: WARP_UTTERANCES,
      include: { words: { orderBy: { index: "asc" } } },
    });
    const utts = await Promise.all(
      items.map(async (it) => ({
        samples: loadAudio16k(await readFile(audioPath(it.audioSha256))).samples,
        words: it.words.map((w) => ({ phones: w.canonicalPhones.split(/\s+/).filter(Boolean) })),
      })),
    );
    const { warp } = await chooseWarp(sphinxModel(), utts);
    await db.prisma.speakerWarp.createMany({ data: [{ datasetId, speakerId, acoustic: SPHINX_ACOUSTIC, warp, utterances: utts.length }], skipDuplicates: true });
    out.set(speakerId, warp);
    await onProgress?.(++done, todo.length);
  }
  return out;
}
