import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "../command";
import { need, positiveInt, str } from "../command";
import { runJobInline } from "../run-inline";
import { predictionLines } from "@/lib/inference/run-inference";

export const commands: Command[] = [
  {
    path: ["infer"],
    usage: "infer --dataset <name> --model <name|default> [--split test] [--limit <n>] [--out <file.jsonl>] [--json]",
    summary: "Run a model over a dataset as a resumable job (killing and rerunning continues without duplicates).",
    options: { dataset: { type: "string" }, model: { type: "string" }, split: { type: "string" }, limit: { type: "string" }, out: { type: "string" } },
    async run({ values, io, db }) {
      const params = {
        dataset: need(values, "dataset", this.usage),
        model: need(values, "model", this.usage),
        ...(str(values, "split") ? { split: str(values, "split") } : {}),
        ...(positiveInt(values, "limit") ? { limit: positiveInt(values, "limit") } : {}),
      };
      const r = await runJobInline<Record<string, unknown>>(db!, io, "infer", params);
      const out = str(values, "out");
      if (out) {
        const lines = await predictionLines(db!, params);
        await writeFile(path.resolve(out), lines.join("\n") + (lines.length ? "\n" : ""));
        r.out = path.resolve(out);
        r.lines = lines.length;
      }
      io.result(r, `${r.model} on ${r.dataset}: ${r.predicted} new predictions, ${r.skipped} already there, ${r.items} items${out ? ` → ${out}` : ""}`);
    },
  },
];
