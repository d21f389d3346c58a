// `agreement --csv <file>` and `agreement --dataset <name>`: inter-rater agreement (issue 5).
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Command, Values } from "../command";
import { str, positiveInt } from "../command";
import { UsageError } from "../args";
import { AppError } from "@/lib/errors";
import { agreementFigures } from "@/lib/metrics/agreement-figures";
import { parseRatingsCsv } from "@/lib/services/agreement/ratings-csv";
import type { SpeakerGroup } from "@/lib/services/agreement/load-ratings";

const USAGE =
  "agreement (--csv <file> | --dataset <name> [--granularity sentence|word|phone] [--aspect <a>] [--split <s>] [--group child|adult] [--round <name>] [--seed <n>] [--replicates <n>]) [--json]";

const fmt = (v: unknown) => (typeof v === "number" ? v.toFixed(3) : "—");

export function groupOption(values: Values): SpeakerGroup | undefined {
  const g = str(values, "group");
  if (g !== undefined && g !== "child" && g !== "adult") throw new UsageError(`--group must be child or adult, got "${g}"`);
  return g as SpeakerGroup | undefined;
}

export function seedOption(values: Values): number | undefined {
  const raw = str(values, "seed");
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--seed must be a whole number ≥ 0, got "${raw}"`);
  return n;
}

export const commands: Command[] = [
  {
    path: ["agreement"],
    usage: USAGE,
    summary:
      "Inter-rater agreement: Krippendorff's α (4 levels), the six ICCs, Fleiss' κ, mean pairwise Pearson; per aspect and granularity of a dataset with 95% bootstrap CIs, or of a units × raters CSV.",
    options: {
      csv: { type: "string" },
      dataset: { type: "string" },
      granularity: { type: "string" },
      aspect: { type: "string" },
      split: { type: "string" },
      group: { type: "string" },
      round: { type: "string" },
      seed: { type: "string" },
      replicates: { type: "string" },
    },
    // The --csv form needs no database; the --dataset form opens it itself.
    noAutoMigrate: true,
    async run({ values, io }) {
      const csv = str(values, "csv");
      const dataset = str(values, "dataset");
      if (!!csv === !!dataset) throw new UsageError(`give exactly one of --csv or --dataset\n  usage: npm run cli -- ${USAGE}`);
      if (csv) {
        const file = path.resolve(csv);
        const text = await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
          throw new AppError("NOT_FOUND", `cannot read ${csv}: ${e.code ?? e.message}`, [{ file: csv, message: e.message }]);
        });
        const parsed = parseRatingsCsv(text, csv);
        const f = agreementFigures(parsed.matrix, parsed.raters.length);
        io.result(
          { ...f },
          `${f.units} units × ${f.raters} raters\n` +
            `Krippendorff α: nominal ${fmt(f.krippendorff.nominal)}, ordinal ${fmt(f.krippendorff.ordinal)}, interval ${fmt(f.krippendorff.interval)}, ratio ${fmt(f.krippendorff.ratio)}\n` +
            `ICC: ${Object.entries(f.icc).map(([k, v]) => `${k} ${fmt(v)}`).join(", ")}\n` +
            `Fleiss κ ${fmt(f.fleiss_kappa)}, mean pairwise Pearson ${fmt(f.mean_pairwise_pearson)}`,
        );
        return;
      }
      // Imported here: the --csv form starts without the database client.
      const { getDb } = await import("@/lib/db/client");
      const { datasetAgreement } = await import("@/lib/services/agreement/dataset-agreement");
      const db = await getDb();
      const r = await datasetAgreement(db, {
        dataset: dataset!,
        granularity: str(values, "granularity"),
        aspect: str(values, "aspect"),
        split: str(values, "split"),
        group: groupOption(values),
        round: str(values, "round"),
        seed: seedOption(values),
        replicates: positiveInt(values, "replicates"),
      });
      const single = "units" in r;
      const rows = (single ? [[`${str(values, "granularity")}.${str(values, "aspect")}`, r]] : Object.entries(r)) as [string, { units: number; raters: number; krippendorff: Record<string, number | null>; ci: { krippendorff: Record<string, [number, number] | null> } }][];
      io.result(
        r as unknown as Record<string, unknown>,
        rows
          .map(([k, f]) => {
            const ci = f.ci.krippendorff.interval;
            return `${k.padEnd(22)} ${String(f.units).padStart(6)} units × ${f.raters} raters  α interval ${fmt(f.krippendorff.interval)} [${ci ? ci.map(fmt).join(", ") : "—"}]  ordinal ${fmt(f.krippendorff.ordinal)}`;
          })
          .join("\n"),
      );
    },
  },
];
