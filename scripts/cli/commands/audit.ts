import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "../command";
import { need, str } from "../command";
import { AppError } from "@/lib/errors";
import { auditModel } from "@/lib/services/audit";
import { auditResponsesText } from "@/lib/services/audit-file";

const pct = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(1)}%`);
const f3 = (v: number | null) => (v === null ? "–" : v.toFixed(3));

type Rates = Record<string, { plausibility: number | null; faithfulness: number | null; plausibility_non_contradicting: number | null; faithfulness_non_contradicting: number | null; recall: number | null; mentions: number }>;

function rates(r: Rates, indent: string): string[] {
  return ["sentence", "word", "phone"].map(
    (k) => `${indent}${k.padEnd(8)} plausibility ${pct(r[k].plausibility)} (non-contradicting ${pct(r[k].plausibility_non_contradicting)})  faithfulness ${pct(r[k].faithfulness)} (non-contradicting ${pct(r[k].faithfulness_non_contradicting)})  recall ${pct(r[k].recall)}  mentions ${r[k].mentions}`,
  );
}

function human(r: { responses: number; parsed: number; flags: unknown[] } & Record<string, any>): string {
  const lines = [`${r.parsed}/${r.responses} responses parsed, ${r.flags.length} flags`, ...rates(r as unknown as Rates, "  ")];
  if (r.judge) {
    const j = r.judge;
    const a = r.agreement;
    lines.push(
      `judge ${j.name}: ${j.answered} answered, ${j.failed} failed, ${j.flags.length} flags`,
      ...rates(j, "  "),
      ...j.failures.slice(0, 5).map((f: { utt_id: string; message: string }) => `  failed ${f.utt_id}: ${f.message}`),
      `agreement rules vs ${j.name} over ${a.responses} responses: polarity κ ${f3(a.polarity.kappa)} (${a.polarity.n} matched mentions, ${pct(a.polarity.agreement)} equal; ${a.mentions.rules_only} rules-only, ${a.mentions.judge_only} judge-only), flags both raise ${pct(a.flags.share_both)} (${a.flags.both} both, ${a.flags.rules_only} rules only, ${a.flags.judge_only} judge only), ${a.disagreements.length} disagreements`,
    );
  }
  return lines.join("\n");
}

export const commands: Command[] = [
  {
    path: ["audit"],
    usage: "audit --dataset <name> --model <name> [--split test] [--judge <model-version>] [--json]",
    summary: "Audit a model version's rationales on a dataset (stores one RationaleAudit per prediction × granularity); --judge adds a second judge (an HTTP chat model) and its agreement with the rules.",
    options: { dataset: { type: "string" }, model: { type: "string" }, split: { type: "string" }, judge: { type: "string" } },
    async run({ values, io, db }) {
      const r = await auditModel(db!, {
        dataset: need(values, "dataset", this.usage),
        model: need(values, "model", this.usage),
        split: str(values, "split"),
        judge: str(values, "judge"),
        onProgress: (d, t, stage) => io.progress(stage ?? "audit", d, t),
      });
      io.result(r, human(r));
    },
  },
  {
    path: ["audit-file"],
    usage: "audit-file --responses <file.jsonl> --dataset <name> [--judge <model-version>] [--json]",
    summary: 'Audit responses from any model: one {"utt_id", "response"} per line; consensus from the dataset; --judge adds a second judge.',
    options: { responses: { type: "string" }, dataset: { type: "string" }, judge: { type: "string" } },
    async run({ values, io, db }) {
      const file = path.resolve(need(values, "responses", this.usage));
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (e) {
        throw new AppError("NOT_FOUND", `cannot read ${file}: ${(e as Error).message}`, [{ file, message: "cannot read" }]);
      }
      const judge = str(values, "judge");
      const r = await auditResponsesText(db!, need(values, "dataset", this.usage), text, { judge, onProgress: (d, t) => io.progress(`judge ${judge}`, d, t) });
      io.result(r, human(r));
    },
  },
];
