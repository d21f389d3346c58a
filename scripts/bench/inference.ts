// Inference benchmark: per-utterance latency by stage (decode, features, VAD, alignment, ONNX),
// real-time factor, throughput with one and two worker processes, peak memory, and the ratio of
// the whole pipeline to the VAD pass alone (the baseline, measured in the same run). With the Sphinx
// acoustic model each speaker's VTLN warp is chosen once from the speaker's first recordings (as the
// infer job does and stores) and its cost is counted, spread over the speaker's utterances.
// Usage: npx tsx scripts/bench/inference.ts [--n 40] [--model default] [--data <speechocean762 dir>]
import { fork } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadAudio16k } from "@/lib/audio/load-audio";
import { detectSpeech } from "@/lib/audio/vad";
import { builtinScorer, scoreRecording } from "@/lib/inference/builtin/scorer";
import { chooseWarp, WARP_UTTERANCES } from "@/lib/inference/sphinx/speaker-warp";

const { values } = parseArgs({ options: { n: { type: "string", default: "40" }, model: { type: "string", default: "default" }, data: { type: "string", default: path.resolve("../shared/speechocean762") }, worker: { type: "string" }, offset: { type: "string", default: "0" } } });

async function corpus(n: number, offset = 0) {
  const text = (await readFile(path.join(values.data!, "test/text"), "utf8")).trim().split("\n").slice(offset, offset + n);
  const scp = new Map((await readFile(path.join(values.data!, "test/wav.scp"), "utf8")).trim().split("\n").map((l) => l.split(/\s+/) as [string, string]));
  const tp = new Map<string, string[]>();
  for (const l of (await readFile(path.join(values.data!, "resource/text-phone"), "utf8")).trim().split("\n")) {
    const [k, v] = l.split("\t");
    tp.set(k, v.split(" ").map((p) => p.replace(/_[BIES]$/, "")));
  }
  return text.map((l) => {
    const [id, ...ws] = l.split(/\s+/);
    const file = path.join(values.data!, scp.get(id)!);
    return { id, file, speaker: path.basename(path.dirname(file)), words: ws.map((w, i) => ({ text: w, phones: tp.get(`${id}.${i}`) ?? [] })) };
  });
}

async function runAll(n: number, offset: number) {
  const s = await builtinScorer(values.model!);
  const utts = await corpus(n, offset);
  const sums: Record<string, number> = {};
  const warps = new Map<string, number>();
  let audioSec = 0;
  let vadOnly = 0;
  const t0 = performance.now();
  for (const u of utts) {
    let t = performance.now();
    const a = loadAudio16k(await readFile(u.file));
    const decode = performance.now() - t;
    audioSec += a.durationSec;
    let warp_ms = 0;
    if (s.acoustic.kind === "sphinx" && !warps.has(u.speaker)) {
      t = performance.now();
      const first = await Promise.all(utts.filter((x) => x.speaker === u.speaker).slice(0, WARP_UTTERANCES).map(async (x) => ({ samples: loadAudio16k(await readFile(x.file)).samples, words: x.words })));
      warps.set(u.speaker, (await chooseWarp(s.acoustic.model, first)).warp);
      warp_ms = performance.now() - t;
    }
    const r = await scoreRecording(s, a.samples, u.words, { warp: warps.get(u.speaker) });
    for (const [k, v] of Object.entries({ decode_ms: decode, warp_ms, ...r.times })) sums[k] = (sums[k] ?? 0) + (v ?? 0);
    t = performance.now();
    await detectSpeech(a.samples);
    vadOnly += performance.now() - t;
  }
  const wall = performance.now() - t0 - vadOnly;
  return { n: utts.length, audioSec, sums, wall, vadOnly, rss: process.resourceUsage().maxRSS / 1024 };
}

if (values.worker) {
  // Warm up like the one-core run, so both figures are steady-state throughput.
  runAll(3, 500)
    .then(() => runAll(Number(values.n), Number(values.offset)))
    .then((r) => process.send!(r));
} else {
  const n = Number(values.n);
  await runAll(3, 500); // warm-up (JIT, sessions)
  const one = await runAll(n, 0);
  const per = Object.fromEntries(Object.entries(one.sums).map(([k, v]) => [k, +(v / one.n).toFixed(2)]));
  const total = Object.values(one.sums).reduce((a, b) => a + b, 0);
  console.log(`utterances ${one.n}, audio ${one.audioSec.toFixed(1)} s`);
  console.log("mean latency per utterance by stage (ms):", per);
  console.log(`one core: real-time factor ${(total / 1000 / one.audioSec).toFixed(4)}, throughput ${(one.n / (one.wall / 1000)).toFixed(2)} utt/s`);
  console.log(`baseline VAD pass alone: ${(one.vadOnly / one.n).toFixed(2)} ms/utt; whole pipeline / VAD = ${(total / one.vadOnly).toFixed(1)}×`);
  const self = fileURLToPath(import.meta.url);
  const t0 = performance.now();
  const two = await Promise.all(
    [0, 1].map((k) => new Promise<any>((res) => fork(self, ["--worker", "1", "--n", String(Math.ceil(n / 2)), "--offset", String(k * Math.ceil(n / 2)), "--model", values.model!, "--data", values.data!], { execArgv: ["--import", "tsx"] }).on("message", res))),
  );
  const wall2 = (performance.now() - t0) / 1000;
  const n2 = two.reduce((s, r) => s + r.n, 0);
  // Steady state: from each worker's own clock (after start-up, model load and warm-up), the
  // slower worker bounds the pair; the wall-clock figure with start-up is printed beside it.
  const steady = n2 / (Math.max(...two.map((r) => r.wall)) / 1000);
  console.log(
    `two processes: throughput ${steady.toFixed(2)} utt/s steady state, ratio to one core ${(steady / (one.n / (one.wall / 1000))).toFixed(2)}×; ` +
      `${(n2 / wall2).toFixed(2)} utt/s wall clock including process start-up and model load`,
  );
  console.log(`peak memory (max RSS): main ${one.rss.toFixed(0)} MB, workers ${two.map((r) => r.rss.toFixed(0)).join(" / ")} MB`);
}
