// `audit-eval`: runs the audit over a labelled set of rationales (../shared/audit-eval format) and
// scores extraction, polarity and flags against the gold annotations (lib/audit/eval/score.ts says
// how things are matched). The utterances come from a speechocean762 folder, not the database.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { parseLabelledSet, type LabelledRecord } from "@/lib/audit/eval/labelled-set";
import { scoreAudit, type EvalError, type EvalFigures, type ScoredRecord } from "@/lib/audit/eval/score";
import { loadCorpusUtterances } from "./corpus-utterances";
import { auditOne } from "../audit-run";

export type Split = "train" | "test";

export interface AuditEvalOptions {
  set: string;
  corpus: string;
  split?: Split;
  judge?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface AuditEvalResult extends EvalFigures {
  set: string;
  judge: string;
  split: Split | null;
  /** The same figures per corpus split (when no --split was asked for). */
  splits?: Partial<Record<Split, EvalFigures>>;
  errors: (EvalError & { split: Split | null })[];
}

async function readSet(file: string): Promise<LabelledRecord[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new AppError("NOT_FOUND", `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, [{ file, message: "cannot read" }]);
  }
  return parseLabelledSet(text, path.basename(file));
}

export async function runAuditEval(opts: AuditEvalOptions): Promise<AuditEvalResult> {
  if (opts.judge !== undefined && opts.judge !== "rules") {
    throw new AppError("INVALID_INPUT", `judge "${opts.judge}" is not available yet: only the built-in rules ("rules") can be evaluated`, [{ field: "judge", message: "not available yet" }]);
  }
  const records = await readSet(opts.set);
  const utterances = await loadCorpusUtterances(opts.corpus, records.map((r) => r.uttId));
  const chosen = records.filter((r) => !opts.split || utterances.get(r.uttId)!.split === opts.split);
  const scored: (ScoredRecord & { split: Split | null })[] = [];
  chosen.forEach((record, i) => {
    const u = utterances.get(record.uttId)!;
    const run = auditOne(u, record.response);
    if (run.rationale !== record.rationale) {
      throw new AppError("INVALID_INPUT", `${path.basename(opts.set)} line ${record.line}: the rationale parsed from "response" differs from "rationale"`, [{ file: opts.set, line: record.line, field: "rationale", message: "differs from the parsed response" }]);
    }
    scored.push({ record, mentions: run.audit.mentions, flags: [...run.audit.word.flags, ...run.audit.phone.flags], split: u.split });
    opts.onProgress?.(i + 1, chosen.length);
  });
  const all = scoreAudit(scored);
  const splitOf = new Map(scored.map((s) => [s.record.id, s.split]));
  const result: AuditEvalResult = {
    ...all.figures,
    set: opts.set,
    judge: opts.judge ?? "rules",
    split: opts.split ?? null,
    errors: all.errors.map((e) => ({ ...e, split: splitOf.get(e.id) ?? null })),
  };
  if (!opts.split) {
    result.splits = {};
    for (const s of ["train", "test"] as const) {
      const rows = scored.filter((r) => r.split === s);
      if (rows.length) result.splits[s] = scoreAudit(rows).figures;
    }
  }
  return result;
}
