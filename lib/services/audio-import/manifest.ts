// Reads a recordings manifest: CSV or TSV with a header, JSON Lines, or a Hugging Face audiofolder
// (a folder with metadata.csv or metadata.jsonl whose column `file_name` names the audio). Nothing
// is checked against the disk here; rows come back with their line numbers for problems.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { Problem } from "@/lib/errors";

export interface ManifestRow {
  line: number;
  file: string;
  text: string;
  id?: string;
  speaker?: string;
  split?: string;
  age?: string;
  gender?: string;
  l1?: string;
}

export interface Manifest {
  /** The manifest file as the user named it (for problems). */
  label: string;
  /** Where relative audio paths start (the manifest's folder). */
  baseDir: string;
  rows: ManifestRow[];
}

const OPTIONAL = ["id", "speaker", "split", "age", "gender", "l1"] as const;

function fromRecord(rec: Record<string, unknown>, line: number, fileKey: string, label: string, problems: Problem[]): ManifestRow | null {
  const s = (k: string): string | undefined => {
    const v = rec[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v === "string") return v.trim();
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    problems.push({ file: label, line, field: k, message: `expected text, got ${Array.isArray(v) ? "a list" : typeof v}` });
    return undefined;
  };
  const row: ManifestRow = { line, file: s(fileKey) ?? "", text: s("text") ?? "" };
  for (const k of OPTIONAL) {
    const v = s(k);
    if (v) row[k] = v;
  }
  return row;
}

async function readText(file: string, label: string, problems: Problem[]): Promise<string | null> {
  try {
    const t = await readFile(file, "utf8");
    return t.charCodeAt(0) === 0xfeff ? t.slice(1) : t;
  } catch (e) {
    problems.push({ file: label, message: `cannot read the manifest: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}` });
    return null;
  }
}

function readDelimited(text: string, delimiter: string, label: string, fileKey: string, problems: Problem[]): ManifestRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, info: true, bom: true, quote: delimiter === "\t" ? false : '"' }) as never;
  } catch (e) {
    const err = e as Error & { lines?: number };
    problems.push({ file: label, line: err.lines, message: `not a valid ${delimiter === "\t" ? "TSV" : "CSV"} file: ${err.message}` });
    return [];
  }
  if (!records.length) {
    problems.push({ file: label, line: 1, message: "the manifest is empty (expected a header line and one line per recording)" });
    return [];
  }
  const header = records[0].record.map((h) => h.trim());
  const headerLine = records[0].info.lines;
  const missing = [fileKey, "text"].filter((c) => !header.includes(c));
  if (missing.length) {
    problems.push({ file: label, line: headerLine, message: `the header has no column ${missing.map((m) => `"${m}"`).join(" or ")} (it has ${header.map((h) => `"${h}"`).join(", ")})` });
    return [];
  }
  const rows: ManifestRow[] = [];
  for (const { record, info } of records.slice(1)) {
    if (record.length > header.length) {
      problems.push({ file: label, line: info.lines, message: `${record.length} fields for ${header.length} columns` });
      continue;
    }
    const rec: Record<string, string> = {};
    header.forEach((h, i) => {
      if (record[i] !== undefined) rec[h] = record[i];
    });
    const row = fromRecord(rec, info.lines, fileKey, label, problems);
    if (row) rows.push(row);
  }
  return rows;
}

function readJsonl(text: string, label: string, fileKey: string, problems: Problem[]): ManifestRow[] {
  const rows: ManifestRow[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let rec: unknown;
    try {
      rec = JSON.parse(raw);
    } catch (e) {
      problems.push({ file: label, line, message: `not valid JSON: ${(e as Error).message}` });
      return;
    }
    if (!rec || typeof rec !== "object" || Array.isArray(rec)) {
      problems.push({ file: label, line, message: "expected a JSON object per line" });
      return;
    }
    const row = fromRecord(rec as Record<string, unknown>, line, fileKey, label, problems);
    if (row) rows.push(row);
  });
  if (!rows.length && !problems.length) problems.push({ file: label, message: "the manifest has no recordings" });
  return rows;
}

/** Reads the manifest a user named (file or audiofolder). Problems are appended to `problems`. */
export async function readManifest(given: string, problems: Problem[]): Promise<Manifest | null> {
  const abs = path.resolve(given);
  const st = await stat(abs).catch(() => null);
  if (!st) {
    problems.push({ file: given, message: "no such file or folder" });
    return null;
  }
  if (st.isDirectory()) {
    // Hugging Face audiofolder: metadata.csv or metadata.jsonl beside the audio, column file_name.
    for (const name of ["metadata.csv", "metadata.jsonl"]) {
      const file = path.join(abs, name);
      if (!(await stat(file).catch(() => null))?.isFile()) continue;
      const label = path.join(given, name);
      const text = await readText(file, label, problems);
      if (text === null) return null;
      const rows = name.endsWith(".csv") ? readDelimited(text, ",", label, "file_name", problems) : readJsonl(text, label, "file_name", problems);
      return { label, baseDir: abs, rows };
    }
    problems.push({ file: given, message: "a folder given as manifest must be a Hugging Face audiofolder with metadata.csv or metadata.jsonl" });
    return null;
  }
  const text = await readText(abs, given, problems);
  if (text === null) return null;
  const ext = path.extname(abs).toLowerCase();
  const baseDir = path.dirname(abs);
  if (ext === ".jsonl" || ext === ".ndjson") return { label: given, baseDir, rows: readJsonl(text, given, "file", problems) };
  if (ext === ".tsv" || ext === ".tab") return { label: given, baseDir, rows: readDelimited(text, "\t", given, "file", problems) };
  if (ext === ".csv") return { label: given, baseDir, rows: readDelimited(text, ",", given, "file", problems) };
  problems.push({ file: given, message: `unknown manifest type "${ext || "(no extension)"}": use .csv, .tsv or .jsonl, or an audiofolder` });
  return null;
}
