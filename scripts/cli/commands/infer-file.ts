import { readFile } from "node:fs/promises";
import type { Command } from "../command";
import { need, str } from "../command";
import { UsageError } from "../args";
import { getDb } from "@/lib/db/client";
import { loadAudio16k } from "@/lib/audio/load-audio";
import { builtinScorer, scoreRecording } from "@/lib/inference/builtin/scorer";
import { tokenize, wordsFromTranscript } from "@/lib/inference/lexicon";
import { chooseWarp } from "@/lib/inference/sphinx/speaker-warp";

export const commands: Command[] = [
  {
    path: ["infer-file"],
    usage: 'infer-file <wav> --text "<TRANSCRIPT>" [--model default] [--warp <VTLN factor>] [--json]',
    summary: "Score one recording with the built-in model; prints the prediction and the time per stage.",
    options: { text: { type: "string" }, model: { type: "string" }, warp: { type: "string" } },
    // Scoring one file needs no database: it is only consulted, when it can be opened, for pronunciations.
    noAutoMigrate: true,
    async run({ values, positionals, io }) {
      const file = positionals[0];
      if (!file || positionals.length > 1) throw new UsageError(`give exactly one WAV file\n  usage: npm run cli -- ${this.usage}`);
      const text = need(values, "text", this.usage);
      // Pronunciations a dataset already holds win over the dictionary's.
      const known = new Map<string, string[]>();
      const db = await getDb().catch(() => null);
      if (db) {
        const upper = tokenize(text).map((t) => t.toUpperCase());
        const rows = await db.prisma.word
          .findMany({ where: { text: { in: upper } }, select: { text: true, canonicalPhones: true }, distinct: ["text"] })
          .catch(() => []); // an empty or unmigrated database has no pronunciations to offer
        for (const r of rows) known.set(r.text.toUpperCase(), r.canonicalPhones.split(/\s+/).filter(Boolean));
      }
      const words = wordsFromTranscript(text, known);
      const scorer = await builtinScorer(str(values, "model") ?? "default");
      let t = performance.now();
      const audio = loadAudio16k(await readFile(file));
      const decode_ms = performance.now() - t;
      const warpRaw = str(values, "warp");
      let warp = warpRaw === undefined ? undefined : Number(warpRaw);
      if (warp !== undefined && !(warp >= 0.5 && warp <= 2)) throw new UsageError(`--warp must be a number between 0.5 and 2, got "${warpRaw}"`);
      t = performance.now();
      // The Sphinx model's speaker warp: given, or chosen from this recording and its text alone.
      if (warp === undefined && scorer.acoustic.kind === "sphinx") warp = (await chooseWarp(scorer.acoustic.model, [{ samples: audio.samples, words }])).warp;
      const warp_ms = performance.now() - t;
      t = performance.now();
      const r = await scoreRecording(scorer, audio.samples, words, { warp });
      const total_ms = decode_ms + warp_ms + (performance.now() - t);
      const round = (x: number) => Math.round(x * 100) / 100;
      const times = Object.fromEntries(Object.entries({ decode_ms, warp_ms, ...r.times, total_ms }).map(([k, v]) => [k, round(v ?? 0)]));
      io.result(
        { utt_id: file, response: r.response, ...r.record, duration_sec: round(audio.durationSec), real_time_factor: round(total_ms / 1000 / audio.durationSec), times },
        `${r.response}\n\n${JSON.stringify(times)}`,
      );
    },
  },
];
