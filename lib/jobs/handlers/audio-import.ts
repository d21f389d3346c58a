// Job kind "import.audio": `import audio` as a job (web uploads). One transaction, and the files are
// staged until validation passes, so a job killed half-way leaves nothing and simply runs again.
// A rejected import fails the job with its problems in the error message's list.
import { registerJobHandler } from "../registry";
import { importAudio, type AudioImportOptions } from "@/lib/services/audio-import/import";

registerJobHandler<Omit<AudioImportOptions, "onProgress" | "root">, Record<string, unknown>>("import.audio", async (ctx) => {
  const summary = await importAudio(ctx.db, {
    ...ctx.params,
    onProgress: (stage, done, total) => void ctx.progress(done, total, stage),
  });
  return { ...summary };
});
