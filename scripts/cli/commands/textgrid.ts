import path from "node:path";
import type { Command } from "../command";
import { need } from "../command";
import { UsageError } from "../args";
import { exportTextGrids, importTextGrids } from "@/lib/services/textgrid";

export const commands: Command[] = [
  {
    path: ["textgrid", "import"],
    usage: "textgrid import <file|dir> --dataset <name> [--json]",
    summary: "Import Praat TextGrids (words/phones tiers; file name = utterance id) as alignments.",
    options: { dataset: { type: "string" } },
    async run({ values, positionals, io, db }) {
      if (positionals.length !== 1) throw new UsageError(`give exactly one file or folder\n  usage: npm run cli -- ${this.usage}`);
      const r = await importTextGrids(db!, { path: path.resolve(positionals[0]), dataset: need(values, "dataset", this.usage) });
      io.result({ ...r }, `imported ${r.items} TextGrid alignments (${r.spans} spans) into ${r.dataset}`);
    },
  },
  {
    path: ["textgrid", "export"],
    usage: "textgrid export --dataset <name> --rater <email> --out <dir> [--json]",
    summary: "Write a rater's alignment of each of their items as <uttId>.TextGrid.",
    options: { dataset: { type: "string" }, rater: { type: "string" }, out: { type: "string" } },
    async run({ values, io, db }) {
      const r = await exportTextGrids(db!, { dataset: need(values, "dataset", this.usage), rater: need(values, "rater", this.usage), out: path.resolve(need(values, "out", this.usage)) });
      io.result({ ...r }, `wrote ${r.files} TextGrids for ${r.rater} to ${r.out}`);
    },
  },
];
