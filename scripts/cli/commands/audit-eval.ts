import path from "node:path";
import type { Command } from "../command";
import { need, str } from "../command";
import { UsageError } from "../args";
import { FLAG_CODES } from "@/lib/audit";
import type { EvalFigures } from "@/lib/audit/eval/score";
import { runAuditEval, type AuditEvalResult, type Split } from "@/lib/services/audit-eval/run-audit-eval";
import { defaultCorpusDir } from "@/lib/services/audit-eval/corpus-utterances";
import { getDb } from "@/lib/db/client";
import { RULES } from "@/lib/services/audit-judge";

const f3 = (v: number | null) => (v === null ? "  –  " : v.toFixed(3));

function table(r: AuditEvalResult): string {
  const cols: [string, EvalFigures][] = [[r.split ?? "all", r], ...Object.entries(r.splits ?? {}).map(([k, v]) => [k, v] as [string, EvalFigures])];
  const head = `${"".padEnd(34)}${cols.map(([k, v]) => `${k} (${v.records})`.padStart(16)).join("")}`;
  const row = (label: string, get: (f: EvalFigures) => string) => `${label.padEnd(34)}${cols.map(([, f]) => get(f).padStart(16)).join("")}`;
  const lines = [
    `audit-eval of ${r.set} (judge: ${r.judge})`,
    head,
    row("extraction precision / recall", (f) => `${f3(f.extraction.precision)} / ${f3(f.extraction.recall)}`),
    row("extraction F1 (targets F1)", (f) => `${f3(f.extraction.f1)} (${f3(f.extraction.targets.f1)})`),
    row("polarity accuracy", (f) => f3(f.polarity_accuracy)),
    row("flags precision / recall", (f) => `${f3(f.flags.precision)} / ${f3(f.flags.recall)}`),
    row("flags raised / expected", (f) => `${f.flags.raised} / ${f.flags.expected}`),
    ...FLAG_CODES.map((c) => row(`  ${c} P / R`, (f) => `${f3(f.flags.per_code[c].precision)} / ${f3(f.flags.per_code[c].recall)}`)),
    row("clean records flagged", (f) => `${f.clean_records_flagged} / ${f.clean_records}`),
    ...(r.judge_failures?.length ? [`judge gave no usable answer for ${r.judge_failures.length} records (scored as no mentions): ${r.judge_failures.slice(0, 5).map((f) => `${f.id}: ${f.message}`).join("; ")}`] : []),
  ];
  return lines.join("\n");
}

export const commands: Command[] = [
  {
    path: ["audit-eval"],
    usage: "audit-eval --set <file.jsonl> [--split train|test] [--corpus <speechocean762 dir>] [--judge rules|<model-version>] [--details] [--json]",
    summary: "Score the rationale audit on a labelled set (../shared/audit-eval format): extraction, polarity accuracy, flag precision/recall per code; --judge scores a second judge (an HTTP chat model) instead of the rules.",
    options: { set: { type: "string" }, split: { type: "string" }, corpus: { type: "string" }, judge: { type: "string" }, details: { type: "boolean" } },
    noAutoMigrate: true,
    async run({ values, io }) {
      const split = str(values, "split");
      if (split !== undefined && split !== "train" && split !== "test") throw new UsageError(`--split must be train or test, got "${split}"`);
      const judge = str(values, "judge");
      const r = await runAuditEval({
        set: path.resolve(need(values, "set", this.usage)),
        corpus: path.resolve(str(values, "corpus") ?? defaultCorpusDir()),
        split: split as Split | undefined,
        judge,
        // The rules need no database; a judge is a model version registered there.
        db: judge !== undefined && judge !== RULES ? await getDb() : undefined,
        onProgress: (d, t) => io.progress(judge && judge !== RULES ? `judge ${judge}` : "audit-eval", d, t),
      });
      const { errors, ...figures } = r;
      const out = values.details ? r : figures;
      io.result(out as Record<string, unknown>, values.details ? `${table(r)}\n\n${errors.map((e) => `${e.id} [${e.split}] ${e.kind}: ${e.detail}`).join("\n")}` : table(r));
    },
  },
];
