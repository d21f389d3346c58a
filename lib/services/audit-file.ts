// `audit-file`: audits responses from any model, one JSON object per line
// {"utt_id", "response"}; the labels in a response are the model's own, the consensus comes from
// the dataset. Bad lines (not JSON, no utt_id, unknown utterance) and responses that do not parse
// are counted and reported with their line numbers, never fatal. With a second judge (`judge`, an
// HTTP chat model), its reading is reported beside the rules' with their agreement (audit-judge.ts).
import type { Db } from "@/lib/db/client";
import type { GranularityAudit, AuditGranularity } from "@/lib/audit";
import { getDatasetByNameOrThrow, loadAuditItems, type AuditItem } from "./audit-context";
import { auditOne, auditSummary, flagJson, mentionsJson, type RunResult } from "./audit-run";
import { judgeReport, judgeRuns, loadJudge } from "./audit-judge";

export interface AuditFileProblem {
  line: number;
  utt_id?: string;
  message: string;
}

export interface AuditFileOptions {
  replicates?: number;
  seed?: number;
  /** A second judge's model version name ("rules" or none: only the rules). */
  judge?: string;
  onProgress?: (done: number, total: number) => void;
}

export async function auditResponsesText(db: Db, datasetName: string, text: string, opts: AuditFileOptions = {}) {
  const dataset = await getDatasetByNameOrThrow(db, datasetName);
  const judge = await loadJudge(db, opts.judge);
  const items = await loadAuditItems(db, dataset.id);
  const runs: { uttId: string; target: AuditItem; run: RunResult; what: string }[] = [];
  const problems: AuditFileProblem[] = [];
  const audits: Record<AuditGranularity, GranularityAudit>[] = [];
  const flags: ReturnType<typeof flagJson>[] = [];
  const mentions: ReturnType<typeof mentionsJson> = [];
  let responses = 0;
  let parsed = 0;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return;
    responses++;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch (e) {
      problems.push({ line, message: `not JSON: ${(e as Error).message}` });
      return;
    }
    if (!obj || typeof obj !== "object" || Array.isArray(obj)) {
      problems.push({ line, message: "not a JSON object" });
      return;
    }
    const { utt_id: uttId, response } = obj as { utt_id?: unknown; response?: unknown };
    if (typeof uttId !== "string" && typeof uttId !== "number") {
      problems.push({ line, message: "no utt_id" });
      return;
    }
    const id = String(uttId);
    const item = items.get(id);
    if (!item) {
      problems.push({ line, utt_id: id, message: `utterance ${id} is not in dataset ${datasetName}` });
      return;
    }
    if (typeof response !== "string") {
      problems.push({ line, utt_id: id, message: "response is not text" });
      return;
    }
    const r = auditOne(item, response);
    if (!r.parsed) {
      problems.push({ line, utt_id: id, message: "the response does not parse (no labels and no rationale)" });
      return;
    }
    parsed++;
    runs.push({ uttId: id, target: item, run: r, what: `${id} (line ${line})` });
    audits.push({ sentence: r.audit.sentence, word: r.audit.word, phone: r.audit.phone });
    for (const g of ["sentence", "word", "phone"] as const) for (const f of r.audit[g].flags) flags.push(flagJson(id, f));
    mentions.push(...mentionsJson(id, r.audit));
  });
  const base = { dataset: datasetName, responses, parsed, ...auditSummary(audits, flags, opts), mentions, problems };
  if (!judge) return base;
  const judged = await judgeRuns(judge, runs, opts.onProgress);
  return { ...base, ...judgeReport(judge, runs.map((r, i) => ({ uttId: r.uttId, rules: r.run.audit, judged: judged[i] })), opts) };
}
