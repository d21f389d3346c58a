// Row formats for preference pairs. TRL's preference JSONL (prompt/chosen/rejected plus what
// Bounded DPO needs), and the SpeechLLM training CSV with exactly its seven columns.
import { stringify } from "csv-stringify/sync";
import type { PairRow } from "@/lib/preferences/types";

export const DPO_FORMATS = ["trl", "csv"] as const;
export type DpoFormat = (typeof DPO_FORMATS)[number];

export const CSV_COLUMNS = ["audio_path", "transcript", "target_phonemes", "chosen", "rejected", "dpo_weight", "flip_target"] as const;

/**
 * JSON text of a string, remembering the last few: a batch's rows share one prompt, gold response,
 * audio path and utterance id per item, and escaping a 1 KB prompt a million times is most of the
 * cost of a large export.
 */
function memoJson(): (s: string | null) => string {
  let lastIn: string | null = null;
  let lastOut = "null";
  return (s) => {
    if (s === lastIn) return lastOut;
    lastIn = s;
    lastOut = JSON.stringify(s);
    return lastOut;
  };
}
const jPrompt = memoJson();
const jChosen = memoJson();
const jAudio = memoJson();
const jUtt = memoJson();
const jSplit = memoJson();

/** One JSON object per line; keys in a fixed order so the same pairs give the same bytes. */
export function trlLine(r: PairRow): string {
  // Same bytes as JSON.stringify of {prompt, chosen, rejected, audio, utt_id, split, source,
  // flip_target, distance, dpo_weight}, assembled from memoised parts.
  return (
    `{"prompt":${jPrompt(r.prompt)},"chosen":${jChosen(r.chosen)},"rejected":${JSON.stringify(r.rejected)},` +
    `"audio":${jAudio(r.audio)},"utt_id":${jUtt(r.uttId)},"split":${jSplit(r.split)},"source":${JSON.stringify(r.source)},` +
    `"flip_target":${JSON.stringify(r.flipTarget)},"distance":${JSON.stringify(r.distance)},"dpo_weight":${JSON.stringify(r.dpoWeight)}}\n`
  );
}

export function csvHeader(): string {
  return stringify([[...CSV_COLUMNS]]);
}

/** A batch of CSV records (RFC 4180 quoting by csv-stringify: responses contain newlines and commas). */
export function csvRows(rows: PairRow[]): string {
  return stringify(
    rows.map((r) => [r.audio, r.transcript, r.targetPhonemes.join(" "), r.chosen, r.rejected, String(r.dpoWeight), r.flipTarget ?? ""]),
  );
}
