// Responses from a CSV in the SpeechLLM training columns (METRICS.md preference pairs, as Attest's
// own DPO export writes them: audio_path, transcript, target_phonemes, chosen, rejected, dpo_weight,
// flip_target). The utterance is the `utt_id` column when present, else audio_path's file stem; the
// response is `response` when present, else `chosen`. Bad rows are reported by line, never fatal;
// the many pair rows of one recording (same chosen response) collapse into one.
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { Problem } from "@/lib/errors";

export interface ResponseRow {
  line: number;
  uttId: string;
  response: string;
}

const stem = (p: string) => path.basename(p.replace(/\\/g, "/")).replace(/\.[^.]*$/, "");

export function parseResponsesCsv(text: string, fileName: string): { rows: ResponseRow[]; problems: Problem[]; merged: number } {
  const problems: Problem[] = [];
  let header: string[] = [];
  const records = parse(text, {
    columns: (h: string[]) => (header = h.map((c) => c.trim())),
    info: true,
    raw: true,
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      problems.push({ file: fileName, line: typeof err?.lines === "number" ? err.lines : undefined, message: `unreadable CSV record: ${err?.message ?? "parse error"}` });
      return undefined;
    },
  }) as { record: Record<string, string>; raw: string; info: { lines: number } }[];
  const hasUtt = header.includes("utt_id");
  const respCol = header.includes("response") ? "response" : header.includes("chosen") ? "chosen" : null;
  if (!hasUtt && !header.includes("audio_path")) problems.push({ file: fileName, line: 1, message: 'the header has neither "utt_id" nor "audio_path"' });
  if (!respCol) problems.push({ file: fileName, line: 1, message: 'the header has neither "response" nor "chosen"' });
  if (problems.some((p) => p.line === 1)) return { rows: [], problems, merged: 0 };

  const rows: ResponseRow[] = [];
  const first = new Map<string, ResponseRow>();
  let merged = 0;
  for (const { record, raw, info } of records) {
    // info.lines is the line the record ends on; a quoted response may span several lines.
    const line = info.lines - (raw.match(/\n/g)?.length ?? 0) + (raw.endsWith("\n") ? 1 : 0);
    const at = { file: fileName, line };
    const uttId = (hasUtt && record.utt_id?.trim()) || (record.audio_path?.trim() ? stem(record.audio_path.trim()) : "");
    const response = record[respCol!];
    if (!uttId) {
      problems.push({ ...at, field: hasUtt ? "utt_id" : "audio_path", message: "no utterance id (empty utt_id and audio_path)" });
      continue;
    }
    if (typeof response !== "string" || !response.trim()) {
      problems.push({ ...at, field: respCol!, message: `empty ${respCol} for "${uttId}"` });
      continue;
    }
    const prev = first.get(uttId);
    if (prev) {
      if (prev.response === response) merged++;
      else problems.push({ ...at, field: respCol!, message: `"${uttId}" already has a different response (line ${prev.line}); kept that one` });
      continue;
    }
    const row = { line, uttId, response };
    first.set(uttId, row);
    rows.push(row);
  }
  return { rows, problems, merged };
}
