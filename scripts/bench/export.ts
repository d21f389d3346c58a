// Benchmark: 1,000,000 label_flip pairs exported as TRL JSONL (or --format csv) from a synthetic
// dataset generated in memory, a batch of items at a time. Prints rows/s, seconds, peak RSS, and
// the ratio to a baseline measured in the same run: writing the same number of fixed lines of the
// same average length through the same writer. Target: < 60 s, peak RSS < 300 MB.
//   npx tsx scripts/bench/export.ts [--rows 1000000] [--format trl|csv]
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { LineWriter } from "@/lib/exports/line-writer";
import { writeRows } from "@/lib/exports/export-dpo";
import { csvHeader, type DpoFormat } from "@/lib/exports/pair-formats";
import { DEFAULT_FLIP_CONFIG, labelFlipPairs } from "@/lib/preferences/label-flip";
import { goldContent } from "@/lib/preferences/gold-response";
import { renderResponse } from "@/lib/inference/response/render-response";
import { mulberry32, randomInt } from "@/lib/metrics/random";
import { arpabetToIpa } from "@/lib/rubric/arpabet-ipa";
import { LABELS, type Label } from "@/lib/rubric/labels";
import type { GoldItem } from "@/lib/preferences/types";

const { values } = parseArgs({ options: { rows: { type: "string" }, format: { type: "string" } } });
const target = Number(values.rows ?? 1_000_000);
const format = (values.format ?? "trl") as DpoFormat;

const VOCAB: [string, string[]][] = [
  ["MARK", ["M", "AA1", "R", "K"]], ["IS", ["IH0", "Z"]], ["GOING", ["G", "OW1", "IH0", "NG"]], ["TO", ["T", "UW1"]],
  ["SEE", ["S", "IY1"]], ["ELEPHANT", ["EH1", "L", "AH0", "F", "AH0", "N", "T"]], ["WE", ["W", "IY1"]], ["CALL", ["K", "AO1", "L"]],
  ["IT", ["IH1", "T"]], ["BEAR", ["B", "EH1", "R"]], ["THOUGHT", ["TH", "AO1", "T"]], ["CHINA", ["CH", "AY1", "N", "AH0"]],
];
// Skewed like speechocean762: mostly Excellent/Good, rare Bad/Worst.
const SKEW = [0.02, 0.04, 0.14, 0.3, 0.5];
function label(rng: () => number): Label {
  let x = rng();
  for (let i = 4; i >= 0; i--) if ((x -= SKEW[i]) < 0) return LABELS[i];
  return "Excellent";
}

function syntheticItem(i: number): GoldItem {
  const rng = mulberry32(i + 1);
  const n = 3 + randomInt(rng, 6);
  const ws = Array.from({ length: n }, () => VOCAB[randomInt(rng, VOCAB.length)]);
  const phones = ws.flatMap((w) => w[1]);
  return {
    itemId: `item-${i}`, uttId: String(i).padStart(9, "0"), split: i % 3 ? "train" : "test", speakerId: String(i % 90),
    text: ws.map((w) => w[0]).join(" "), audio: `/data/audio/${String(i).padStart(64, "0")}.wav`,
    words: ws.map((w) => w[0]), wordPhones: ws.map((w) => w[1]), phonesIpa: phones.map((p) => arpabetToIpa(p)!),
    sentence: { accuracy: label(rng), fluency: label(rng), prosody: label(rng) },
    wordLabels: ws.map(() => label(rng)), phoneLabels: phones.map(() => label(rng)),
  };
}

const peakMb = () => process.resourceUsage().maxRSS / 1024;
const dir = await mkdtemp(path.join(tmpdir(), "attest-bench-export-"));

// The export: pairs generated and written a batch of 200 items at a time.
let t0 = performance.now();
const w = await LineWriter.open(path.join(dir, `pairs.${format === "csv" ? "csv" : "jsonl"}`));
if (format === "csv") await w.write(csvHeader());
let rows = 0;
let chars = 0;
for (let i = 0; rows < target; ) {
  const batch = [];
  for (let k = 0; k < 200 && rows + batch.length < target; k++, i++) {
    const g = syntheticItem(i);
    const content = goldContent(g);
    batch.push(...labelFlipPairs(g, 1, DEFAULT_FLIP_CONFIG, { content, text: renderResponse(content) }));
  }
  const take = batch.slice(0, target - rows);
  await writeRows(w, format, take);
  rows += take.length;
  for (const r of take) chars += r.chosen.length + r.rejected.length;
}
await w.close();
const exportSec = (performance.now() - t0) / 1000;
const exportPeak = peakMb();
const bytes = (await stat(w.file)).size;

// Baseline: the same number of fixed lines, of the same average length, through the same writer.
const avg = Math.round(bytes / rows);
const fixed = "x".repeat(Math.max(1, avg - 1)) + "\n";
t0 = performance.now();
const b = await LineWriter.open(path.join(dir, "baseline.txt"));
for (let i = 0; i < rows; i++) await b.write(fixed);
await b.close();
const baseSec = (performance.now() - t0) / 1000;

await rm(dir, { recursive: true, force: true });
const out = {
  bench: "export.label_flip",
  format,
  rows,
  seconds: +exportSec.toFixed(2),
  rows_per_s: Math.round(rows / exportSec),
  mb_written: +(bytes / 1e6).toFixed(1),
  peak_rss_mb: +exportPeak.toFixed(1),
  baseline_seconds: +baseSec.toFixed(2),
  ratio_to_baseline: +(exportSec / baseSec).toFixed(2),
  avg_response_chars: Math.round(chars / rows / 2),
  target: "rows=1e6 in < 60 s, peak RSS < 300 MB",
  ok: exportSec < 60 && exportPeak < 300,
};
console.log(JSON.stringify(out));
