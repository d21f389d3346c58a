// Job kind "import.speechocean762": the importer as a job (UI uploads, long corpora). The import is
// one transaction, so a job killed half-way leaves nothing and simply runs again.
import { registerJobHandler } from "../registry";
import { importSpeechocean762, type ImportOptions } from "@/lib/services/speechocean762/import";

registerJobHandler<Omit<ImportOptions, "onProgress">, Record<string, unknown>>("import.speechocean762", async (ctx) => {
  const summary = await importSpeechocean762(ctx.db, {
    ...ctx.params,
    onProgress: (stage, done, total) => void ctx.progress(done, total, stage),
  });
  return { ...summary };
});
