import type { Command } from "../command";
import { str, need } from "../command";
import { UsageError, CommandFailed } from "../args";
import { AppError } from "@/lib/errors";
import { importAudio, AudioImportRejected } from "@/lib/services/audio-import/import";
import { importRatings, RatingsImportRejected } from "@/lib/services/ratings-import";

const RATINGS_USAGE = "import ratings <file.csv> --dataset <name> [--json]";
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
  {
    path: ["import", "ratings"],
    usage: RATINGS_USAGE,
    summary:
      "Import existing ratings in long format (columns item, rater, granularity, aspect, index, score) as submitted judgments of the dataset's \"imported ratings\" round, so they count in agreement and consensus. All or nothing.",
    options: { dataset: { type: "string" } },
    async run({ values, positionals, io, db }) {
      const file = positionals[0];
      if (!file || positionals.length > 1) throw new UsageError(`give exactly one ratings file\n  usage: npm run cli -- ${RATINGS_USAGE}`);
      const dataset = need(values, "dataset", RATINGS_USAGE);
      try {
        const s = await importRatings(db!, { file, dataset, onProgress: (stage, d, t) => io.progress(stage, d, t) });
        io.result(
          { ...s },
          `imported ${s.rows} ratings into ${s.dataset}: ${s.judgments} judgments (${s.new_judgments} new, ${s.unchanged_judgments} already there) by ${s.raters} raters on ${s.items} items in ${s.seconds} s`,
        );
      } catch (e) {
        if (!(e instanceof RatingsImportRejected)) throw e;
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
