// Reads a ratings CSV for `agreement --csv`: a header of rater names (the first column names the
// unit id), then one row per unit; an empty cell is missing. Malformed input is refused with the
// file, line and column of every problem, never guessed at.
import { parse, CsvError } from "csv-parse/sync";
import { AppError, type Problem } from "@/lib/errors";
import type { RatingMatrix } from "@/lib/metrics";

export interface RatingsCsv {
  raters: string[];
  units: string[];
  matrix: RatingMatrix;
}

type Rec = { record: string[]; info: { lines: number } };

const MAX_PROBLEMS = 100;

export function parseRatingsCsv(text: string, file: string): RatingsCsv {
  let recs: Rec[];
  try {
    recs = parse(text.replace(/^\uFEFF/, ""), {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as Rec[];
  } catch (e) {
    if (e instanceof CsvError) {
      const line = typeof e.lines === "number" ? e.lines : undefined;
      const column = typeof e.column === "number" ? ` column ${e.column + 1}` : "";
      const p: Problem = { file, line, message: `${e.message}${column}` };
      throw new AppError("INVALID_INPUT", `${file} is not a valid CSV: ${e.message}`, [p]);
    }
    throw e;
  }
  if (recs.length === 0) throw new AppError("INVALID_INPUT", `${file} is empty: expected a header row of rater names`, [{ file, line: 1, message: "empty file" }]);
  const header = recs[0].record;
  if (header.length < 2) {
    throw new AppError("INVALID_INPUT", `${file}:${recs[0].info.lines}: the header needs a unit-id column and at least one rater column`, [
      { file, line: recs[0].info.lines, message: "header has fewer than 2 columns" },
    ]);
  }
  const raters = header.slice(1);
  const problems: Problem[] = [];
  const units: string[] = [];
  const matrix: (number | null)[][] = [];
  for (const { record, info } of recs.slice(1)) {
    const line = info.lines;
    if (record.length !== header.length) {
      problems.push({ file, line, message: `line ${line}: ${record.length} columns, the header has ${header.length} (ragged row)` });
      continue;
    }
    units.push(record[0]);
    const row: (number | null)[] = [];
    for (let c = 1; c < record.length; c++) {
      const raw = record[c];
      if (raw === "") {
        row.push(null);
        continue;
      }
      const v = Number(raw);
      if (!Number.isFinite(v) || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw)) {
        problems.push({ file, line, field: `column ${c + 1} (${raters[c - 1]})`, message: `line ${line}, column ${c + 1}: "${raw}" is not a number` });
        row.push(null);
      } else row.push(v);
    }
    matrix.push(row);
  }
  if (problems.length) {
    const first = problems[0];
    throw new AppError(
      "INVALID_INPUT",
      `${file} is not a valid ratings CSV (${problems.length} problem${problems.length === 1 ? "" : "s"}); first: ${file}:${first.line}: ${first.message}`,
      problems.slice(0, MAX_PROBLEMS),
    );
  }
  if (matrix.length === 0) throw new AppError("INVALID_INPUT", `${file} has a header but no unit rows`, [{ file, line: 2, message: "no unit rows" }]);
  return { raters, units, matrix };
}
