import path from "node:path";
import type { Command } from "../command";
import { need, positiveInt, str } from "../command";
import { UsageError } from "../args";
import { trainScorer } from "@/lib/inference/train/train-scorer";

export const commands: Command[] = [
  {
    path: ["train-scorer"],
    usage: "train-scorer --data <speechocean762 dir> --out models/<name>.onnx [--acoustic sphinx|monophone] [--compare <old bundle.json>] [--ensemble <n seeds>] [--seed <n>] [--limit <n per split>] [--json]",
    summary: "Train the built-in scorer (acoustic model, GOP features, ONNX heads, conformal calibration, model card).",
    options: { acoustic: { type: "string" }, compare: { type: "string" }, ensemble: { type: "string" }, data: { type: "string" }, out: { type: "string" }, seed: { type: "string" }, limit: { type: "string" }, epochs: { type: "string" } },
    // Training reads the corpus folder, not the database.
    noAutoMigrate: true,
    async run({ values, io }) {
      const data = need(values, "data", this.usage);
      const out = need(values, "out", this.usage);
      if (!out.endsWith(".onnx")) throw new UsageError(`--out must name a .onnx file, got "${out}"`);
      const seedRaw = str(values, "seed");
      const seed = seedRaw === undefined ? undefined : Number(seedRaw);
      if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, got "${seedRaw}"`);
      const epochsRaw = str(values, "epochs");
      const epochs = epochsRaw === undefined ? undefined : Number(epochsRaw);
      if (epochs !== undefined && !(epochs > 0)) throw new UsageError(`--epochs must be a positive factor, got "${epochsRaw}"`);
      const acoustic = str(values, "acoustic") ?? "sphinx";
      if (acoustic !== "sphinx" && acoustic !== "monophone") throw new UsageError(`--acoustic must be sphinx or monophone, got "${acoustic}"`);
      const compare = str(values, "compare");
      const s = await trainScorer({ data: path.resolve(data), out, seed, acoustic, compareWith: compare ? path.resolve(compare) : undefined, ensemble: positiveInt(values, "ensemble"), limit: positiveInt(values, "limit"), epochs, onProgress: (st, d, t) => io.progress(st, d, t) });
      const e = s.evaluation;
      io.result(
        { ...s },
        `trained ${s.model} in ${s.seconds} s → ${s.onnx} (${s.onnx_bytes} bytes), ${s.bundle}, ${s.card}\n` +
          Object.entries(e.sentence).map(([a, m]) => `  ${a}: PCC ${m.pcc} (raters ${m.human_ceiling}), coverage ${m.coverage}, width ${m.mean_width}`).join("\n") +
          `\n  word accuracy PCC ${e.word_accuracy.pcc} (raters ${e.word_accuracy.human_ceiling}); phone PCC ${e.phone_score.pcc} (raters ${e.phone_score.human_ceiling})`,
      );
    },
  },
];
