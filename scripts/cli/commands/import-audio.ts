import type { Command } from "../command";
import { str, need } from "../command";
import { UsageError, CommandFailed } from "../args";
import { AppError } from "@/lib/errors";
import { importAudio, AudioImportRejected } from "@/lib/services/audio-import/import";

const AUDIO_USAGE = "import audio <manifest> --dataset <name> [--audio-root <dir>] [--rubric <file.json>] [--json]";

export const commands: Command[] = [
  {
    path: ["import", "audio"],
    usage: AUDIO_USAGE,
    summary:
      "Import recordings (WAV, FLAC, MP3, Ogg Opus/Vorbis) listed in a CSV/TSV/JSONL manifest or a Hugging Face audiofolder (columns file, text; optional id, speaker, split, age, gender, l1). All or nothing.",
    options: { dataset: { type: "string" }, "audio-root": { type: "string" }, rubric: { type: "string" } },
    async run({ values, positionals, io, db }) {
      const manifest = positionals[0];
      if (!manifest || positionals.length > 1) throw new UsageError(`give exactly one manifest (a .csv, .tsv or .jsonl file, or an audiofolder)\n  usage: npm run cli -- ${AUDIO_USAGE}`);
      const dataset = need(values, "dataset", AUDIO_USAGE);
      try {
        const summary = await importAudio(db!, {
          manifest,
          dataset,
          audioRoot: str(values, "audio-root"),
          rubricFile: str(values, "rubric"),
          onProgress: (stage, d, t) => io.progress(stage, d, t),
        });
        io.result(
          { ...summary },
          `imported ${summary.items} recordings into ${summary.dataset}: ${summary.words} words, ${summary.phones} phones` +
            `${summary.oov_words.length ? `, ${summary.oov_words.length} words not in the CMU dictionary (phones estimated): ${summary.oov_words.join(", ")}` : ""} in ${summary.seconds} s`,
        );
      } catch (e) {
        if (!(e instanceof AudioImportRejected)) throw e;
        // The same one object, with its problems; nothing was written.
        io.log(`error: ${e.message}`);
        io.result({ ...e.summary }, formatRejection(e));
        throw new CommandFailed(1);
      }
    },
  },
];

function formatRejection(e: AppError): string {
  return [e.message, ...e.problems.map((p) => `  - ${[p.file && (p.line ? `${p.file}:${p.line}` : p.file), p.field && `field ${p.field}`].filter(Boolean).join(", ")}: ${p.message}`)].join("\n");
}
