// `eval --dataset <name> --model <name>`: model vs human consensus (issue 5).
import type { Command } from "../command";
import { need, str } from "../command";
import { UsageError } from "../args";
import { evaluateModel } from "@/lib/services/agreement/evaluate-model";
import { groupOption } from "./agreement";

const USAGE = "eval --dataset <name> --model <name> [--split test] [--group child|adult] [--round <name>] [--consensus raters|published] [--json]";
const fmt = (v: number | null) => (v === null ? "—" : v.toFixed(3));

export const commands: Command[] = [
  {
    path: ["eval"],
    usage: USAGE,
    summary: "Model vs human consensus per aspect and granularity: PCC, Spearman, RMSE, QWK and accuracy on the five labels, the human ceiling, interval coverage and width.",
    options: { dataset: { type: "string" }, model: { type: "string" }, split: { type: "string" }, group: { type: "string" }, round: { type: "string" }, consensus: { type: "string" } },
    async run({ values, io, db }) {
      const consensus = str(values, "consensus") ?? "raters";
      if (consensus !== "raters" && consensus !== "published") throw new UsageError(`--consensus must be raters or published, got "${consensus}"`);
      const r = await evaluateModel(db!, {
        dataset: need(values, "dataset", USAGE),
        model: need(values, "model", USAGE),
        split: str(values, "split"),
        group: groupOption(values),
        round: str(values, "round"),
        consensus,
      });
      const lines = (["sentence", "word", "phone"] as const).flatMap((g) =>
        Object.entries(r[g]).map(
          ([a, f]) => `${`${g}.${a}`.padEnd(22)} n ${String(f.n).padStart(6)}  PCC ${fmt(f.pcc)} (humans ${fmt(f.human_ceiling_pcc)})  ρ ${fmt(f.spearman)}  RMSE ${fmt(f.rmse)}  QWK ${fmt(f.qwk)}  acc ${fmt(f.label_accuracy)}  coverage ${fmt(f.coverage)}  width ${fmt(f.width)}`,
        ),
      );
      io.result({ ...r }, `${r.model} on ${r.dataset}: ${r.n} items with predictions\n${lines.join("\n")}`);
    },
  },
];
