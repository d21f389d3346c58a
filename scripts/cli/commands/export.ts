// export dpo | speechocean762 | audiofolder | textgrid: each runs as a Job in this process (same
// handler as the web UI), progress on stderr, a summary with {rows, out, seconds} on stdout.
import path from "node:path";
import type { Command, Values } from "../command";
import { need, str } from "../command";
import { UsageError } from "../args";
import { runJobInline } from "../run-inline";
import { DPO_FORMATS } from "@/lib/exports/pair-formats";
import { PAIR_AUDIO_MODES } from "@/lib/exports/pair-audio";
import { FLIP_TARGETS, PAIR_SOURCES, type FlipTarget } from "@/lib/preferences/types";
import type { LabelFlipConfig } from "@/lib/preferences/label-flip";

const wholeNumber = (v: Values, k: string): number | undefined => {
  const raw = str(v, k);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!(Number.isInteger(n) && n >= 0)) throw new UsageError(`--${k} must be a whole number ≥ 0, got "${raw}"`);
  return n;
};

const splitsOf = (v: Values): string[] | undefined => {
  const raw = str(v, "split");
  if (raw === undefined || raw === "all") return undefined;
  return raw.split(",").map((s) => s.trim()).filter(Boolean);
};

/** --targets acc=2,word=1 … and --distances 4,2,1,1 → label_flip settings. */
function flipSettings(v: Values): Partial<LabelFlipConfig> {
  const flip: Partial<LabelFlipConfig> = {};
  const ppi = wholeNumber(v, "pairs-per-item");
  if (ppi !== undefined) flip.pairsPerItem = ppi;
  const extra = wholeNumber(v, "low-extra-pairs");
  if (extra !== undefined) flip.lowLabelExtraPairs = extra;
  const boost = str(v, "low-boost");
  if (boost !== undefined) {
    if (!(Number(boost) >= 0)) throw new UsageError(`--low-boost must be a number ≥ 0, got "${boost}"`);
    flip.lowLabelBoost = Number(boost);
  }
  const targets = str(v, "targets");
  if (targets !== undefined) {
    const w = Object.fromEntries(FLIP_TARGETS.map((t) => [t, 0])) as Record<FlipTarget, number>;
    for (const part of targets.split(",")) {
      const [t, x = "1"] = part.split("=");
      if (!(FLIP_TARGETS as readonly string[]).includes(t) || !(Number(x) >= 0)) throw new UsageError(`--targets takes ${FLIP_TARGETS.join("|")}[=weight],…, got "${part}"`);
      w[t as FlipTarget] = Number(x);
    }
    flip.targetWeights = w;
  }
  const dist = str(v, "distances");
  if (dist !== undefined) {
    const ws = dist.split(",").map(Number);
    if (ws.length !== 4 || ws.some((x) => !(x >= 0))) throw new UsageError(`--distances takes four weights for |d| = 1,2,3,4, got "${dist}"`);
    flip.distanceWeights = ws as [number, number, number, number];
  }
  return flip;
}

const common = { dataset: { type: "string" }, out: { type: "string" }, split: { type: "string" }, "allow-split-leaks": { type: "boolean" } } as const;

function line(r: Record<string, unknown>): string {
  return `exported ${r.rows} rows to ${r.out} in ${r.seconds} s`;
}

export const commands: Command[] = [
  {
    path: ["export", "dpo"],
    usage:
      "export dpo --dataset <name> --source label_flip|rater_preference|rater_correction|all --format trl|csv --out <file> [--audio copy|source] [--seed n] [--split train,test] " +
      "[--pairs-per-item n] [--low-extra-pairs n] [--low-boost x] [--targets acc=1,flu=1,pros=1,word=1,phone=1] [--distances 4,2,1,1] [--json]",
    summary:
      "Export preference pairs for (Bounded) DPO as TRL JSONL or the SpeechLLM training CSV. --audio copy (default) puts the recordings beside the file " +
      "(audio/<utt_id>.wav, the rows' audio path relative to the file's folder); --audio source writes the path each recording was imported from.",
    options: {
      ...common,
      audio: { type: "string" },
      source: { type: "string" },
      format: { type: "string" },
      seed: { type: "string" },
      "pairs-per-item": { type: "string" },
      "low-extra-pairs": { type: "string" },
      "low-boost": { type: "string" },
      targets: { type: "string" },
      distances: { type: "string" },
    },
    async run({ values, io, db }) {
      const source = need(values, "source", this.usage);
      if (![...PAIR_SOURCES, "all"].includes(source)) throw new UsageError(`--source must be one of ${[...PAIR_SOURCES, "all"].join(", ")}, got "${source}"`);
      const format = need(values, "format", this.usage);
      if (!(DPO_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be trl or csv, got "${format}"`);
      const audio = str(values, "audio") ?? "copy";
      if (!(PAIR_AUDIO_MODES as readonly string[]).includes(audio)) throw new UsageError(`--audio must be ${PAIR_AUDIO_MODES.join(" or ")}, got "${audio}"`);
      const result = await runJobInline<Record<string, unknown>>(db!, io, "export.dpo", {
        dataset: need(values, "dataset", this.usage),
        source,
        format,
        out: path.resolve(need(values, "out", this.usage)),
        audio,
        seed: wholeNumber(values, "seed") ?? 0,
        splits: splitsOf(values),
        flip: flipSettings(values),
        allowSplitLeaks: values["allow-split-leaks"] === true,
        via: "cli",
      });
      io.result(result, line(result));
    },
  },
  {
    path: ["export", "speechocean762"],
    usage: "export speechocean762 --dataset <name> --out <dir> [--split train,test] [--no-audio] [--json]",
    summary: "Export a dataset in speechocean762's released layout (scores.json, scores-detail.json per rater, Kaldi files, WAVE/).",
    options: { ...common, "no-audio": { type: "boolean" } },
    async run({ values, io, db }) {
      const result = await runJobInline<Record<string, unknown>>(db!, io, "export.speechocean762", {
        dataset: need(values, "dataset", this.usage),
        out: path.resolve(need(values, "out", this.usage)),
        splits: splitsOf(values),
        audio: values["no-audio"] !== true,
        allowSplitLeaks: values["allow-split-leaks"] === true,
        via: "cli",
      });
      io.result(result, line(result));
    },
  },
  {
    path: ["export", "audiofolder"],
    usage: "export audiofolder --dataset <name> --out <dir> [--split train,test] [--json]",
    summary: "Export a Hugging Face audiofolder: audio with metadata.jsonl (gold labels and response) per split.",
    options: { ...common },
    async run({ values, io, db }) {
      const result = await runJobInline<Record<string, unknown>>(db!, io, "export.audiofolder", {
        dataset: need(values, "dataset", this.usage),
        out: path.resolve(need(values, "out", this.usage)),
        splits: splitsOf(values),
        allowSplitLeaks: values["allow-split-leaks"] === true,
        via: "cli",
      });
      io.result(result, line(result));
    },
  },
  {
    path: ["export", "textgrid"],
    usage: "export textgrid --dataset <name> --out <dir> [--split train,test] [--json]",
    summary: "Export one Praat TextGrid per item (word and phone tiers; evenly spread and marked estimated without an alignment).",
    options: { dataset: common.dataset, out: common.out, split: common.split },
    async run({ values, io, db }) {
      const result = await runJobInline<Record<string, unknown>>(db!, io, "export.textgrid", {
        dataset: need(values, "dataset", this.usage),
        out: path.resolve(need(values, "out", this.usage)),
        splits: splitsOf(values),
        via: "cli",
      });
      io.result(result, line(result));
    },
  },
];
