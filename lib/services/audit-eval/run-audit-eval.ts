// `audit-eval`: runs the audit over a labelled set of rationales (../shared/audit-eval format) and
// scores extraction, polarity and flags against the gold annotations (lib/audit/eval/score.ts says
// how things are matched). The utterances come from a speechocean762 folder, not the database; only
// a second judge (an HTTP chat model version, audit-judge.ts) is looked up there. A response the
// judge gives no usable answer for is scored as a reading with no mentions and listed in
// `judge_failures`.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseLabelledSet, type LabelledRecord } from "@/lib/audit/eval/labelled-set";
import { scoreAudit, type EvalError, type EvalFigures, type ScoredRecord } from "@/lib/audit/eval/score";
import { loadCorpusUtterances } from "./corpus-utterances";
import { auditOne, type RunResult } from "../audit-run";
import { judgeRuns, loadJudge, RULES } from "../audit-judge";

export type Split = "train" | "test";

export interface AuditEvalOptions {
  set: string;
  corpus: string;
  split?: Split;
  /** "rules" (default) or the name of an HTTP chat model version, read from `db`. */
  judge?: string;
  db?: Db;
  onProgress?: (done: number, total: number) => void;
}

export interface AuditEvalResult extends EvalFigures {
  set: string;
  judge: string;
  split: Split | null;
  /** The same figures per corpus split (when no --split was asked for). */
  splits?: Partial<Record<Split, EvalFigures>>;
  errors: (EvalError & { split: Split | null })[];
  /** With a judge: the records it gave no usable answer for (scored as readings with no mentions). */
  judge_failures?: { id: string; utt_id: string; message: string }[];
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
  const judgeName = opts.judge ?? RULES;
  if (judgeName !== RULES && !opts.db) throw new AppError("INVALID_INPUT", `judge "${judgeName}" is a model version: a database is needed to look it up`, [{ field: "judge", message: "no database" }]);
  const judge = opts.db ? await loadJudge(opts.db, judgeName) : null;
  const records = await readSet(opts.set);
  const utterances = await loadCorpusUtterances(opts.corpus, records.map((r) => r.uttId));
  const chosen = records.filter((r) => !opts.split || utterances.get(r.uttId)!.split === opts.split);
  const runs: { record: LabelledRecord; run: RunResult }[] = chosen.map((record, i) => {
    const run = auditOne(utterances.get(record.uttId)!, record.response);
    if (run.rationale !== record.rationale) {
      throw new AppError("INVALID_INPUT", `${path.basename(opts.set)} line ${record.line}: the rationale parsed from "response" differs from "rationale"`, [{ file: opts.set, line: record.line, field: "rationale", message: "differs from the parsed response" }]);
    }
    if (!judge) opts.onProgress?.(i + 1, chosen.length);
    return { record, run };
  });
  const judged = judge ? await judgeRuns(judge, runs.map(({ record, run }) => ({ target: utterances.get(record.uttId)!, run, what: `${record.id} (line ${record.line})` })), opts.onProgress) : null;
  const scored: (ScoredRecord & { split: Split | null })[] = runs.map(({ record, run }, i) => {
    const audit = judged ? judged[i].audit : run.audit;
    return { record, mentions: audit?.mentions ?? [], flags: audit ? [...audit.word.flags, ...audit.phone.flags] : [], split: utterances.get(record.uttId)!.split };
  });
  const all = scoreAudit(scored);
  const splitOf = new Map(scored.map((s) => [s.record.id, s.split]));
  const result: AuditEvalResult = {
    ...all.figures,
    set: opts.set,
    judge: judgeName,
    split: opts.split ?? null,
    errors: all.errors.map((e) => ({ ...e, split: splitOf.get(e.id) ?? null })),
  };
  if (judged) result.judge_failures = runs.flatMap(({ record }, i) => (judged[i].error ? [{ id: record.id, utt_id: record.uttId, message: judged[i].error! }] : []));
  if (!opts.split) {
    result.splits = {};
    for (const s of ["train", "test"] as const) {
      const rows = scored.filter((r) => r.split === s);
      if (rows.length) result.splits[s] = scoreAudit(rows).figures;
    }
  }
  return result;
}
