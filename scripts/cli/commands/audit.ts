import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "../command";
import { need, str } from "../command";
import { AppError } from "@/lib/errors";
import { auditModel } from "@/lib/services/audit";
import { auditResponsesText } from "@/lib/services/audit-file";

const pct = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(1)}%`);

function human(r: { responses: number; parsed: number; flags: unknown[] } & Record<string, any>): string {
  const g = (k: string) => `  ${k.padEnd(8)} plausibility ${pct(r[k].plausibility)}  faithfulness ${pct(r[k].faithfulness)}  recall ${pct(r[k].recall)}  mentions ${r[k].mentions}`;
  return [`${r.parsed}/${r.responses} responses parsed, ${r.flags.length} flags`, g("sentence"), g("word"), g("phone")].join("\n");
}

export const commands: Command[] = [
  {
    path: ["audit"],
    usage: "audit --dataset <name> --model <name> [--split test] [--json]",
    summary: "Audit a model version's rationales on a dataset (stores one RationaleAudit per prediction × granularity).",
    options: { dataset: { type: "string" }, model: { type: "string" }, split: { type: "string" } },
    async run({ values, io, db }) {
      const r = await auditModel(db!, {
        dataset: need(values, "dataset", this.usage),
        model: need(values, "model", this.usage),
        split: str(values, "split"),
        onProgress: (d, t) => io.progress("audit", d, t),
      });
      io.result(r, human(r));
    },
  },
  {
    path: ["audit-file"],
    usage: "audit-file --responses <file.jsonl> --dataset <name> [--json]",
    summary: 'Audit responses from any model: one {"utt_id", "response"} per line; consensus from the dataset.',
    options: { responses: { type: "string" }, dataset: { type: "string" } },
    async run({ values, io, db }) {
      const file = path.resolve(need(values, "responses", this.usage));
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (e) {
        throw new AppError("NOT_FOUND", `cannot read ${file}: ${(e as Error).message}`, [{ file, message: "cannot read" }]);
      }
      const r = await auditResponsesText(db!, need(values, "dataset", this.usage), text);
      io.result(r, human(r));
    },
  },
];
