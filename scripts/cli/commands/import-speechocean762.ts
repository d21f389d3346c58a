import path from "node:path";
import type { Command } from "../command";
import { str, positiveInt } from "../command";
import { UsageError } from "../args";
import { importSpeechocean762 } from "@/lib/services/speechocean762/import";

export const commands: Command[] = [
  {
    path: ["import", "speechocean762"],
    usage: "import speechocean762 <dir> [--dataset <name>] [--split train|test|all] [--limit <n>] [--json]",
    summary: "Import a folder in speechocean762's layout (audio, text, phones, per-rater scores, published consensus).",
    options: { dataset: { type: "string" }, split: { type: "string" }, limit: { type: "string" } },
    async run({ values, positionals, io, db }) {
      const dir = positionals[0];
      if (!dir || positionals.length > 1) throw new UsageError(`give exactly one folder\n  usage: npm run cli -- ${this.usage}`);
      const split = str(values, "split") ?? "all";
      if (!["train", "test", "all"].includes(split)) throw new UsageError(`--split must be train, test or all, got "${split}"`);
      const limit = positiveInt(values, "limit");
      const summary = await importSpeechocean762(db!, {
        dir: path.resolve(dir),
        dataset: str(values, "dataset"),
        split: split as "train" | "test" | "all",
        limit,
        onProgress: (stage, d, t) => io.progress(stage, d, t),
      });
      io.result(
        { ...summary },
        `imported ${summary.items} utterances into ${summary.dataset} (${summary.new_items} new, ${summary.unchanged_items} unchanged): ` +
          `${summary.words} words, ${summary.phones} phones, ${summary.raters} raters, ${summary.judgments} judgments in ${summary.seconds} s`,
      );
    },
  },
];
