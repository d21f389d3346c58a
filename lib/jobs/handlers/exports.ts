// Job kinds "export.dpo", "export.speechocean762", "export.audiofolder", "export.textgrid": exports
// as jobs with progress (the UI and the CLI both run them this way). An export writes to a
// ".partial" name and renames at the end, so a job run again after a crash simply starts over.
import { registerJobHandler } from "../registry";
import { exportDpo, type DpoExportOptions } from "@/lib/exports/export-dpo";
import { exportSpeechocean762, type So762ExportOptions } from "@/lib/exports/export-speechocean762";
import { exportAudiofolder, type AudiofolderExportOptions } from "@/lib/exports/export-audiofolder";
import { exportTextGrids, type TextGridExportOptions } from "@/lib/exports/export-textgrid";

type Params<T> = Omit<T, "onProgress" | "checkCancelled">;

registerJobHandler<Params<DpoExportOptions>, Record<string, unknown>>("export.dpo", async (ctx) => ({
  ...(await exportDpo(ctx.db, { ...ctx.params, via: ctx.params.via ?? "job", onProgress: (s, d, t) => void ctx.progress(d, t, s), checkCancelled: ctx.checkCancelled })),
}));

registerJobHandler<Params<So762ExportOptions>, Record<string, unknown>>("export.speechocean762", async (ctx) => ({
  ...(await exportSpeechocean762(ctx.db, { ...ctx.params, via: ctx.params.via ?? "job", onProgress: (s, d, t) => void ctx.progress(d, t, s), checkCancelled: ctx.checkCancelled })),
}));

registerJobHandler<Params<AudiofolderExportOptions>, Record<string, unknown>>("export.audiofolder", async (ctx) => ({
  ...(await exportAudiofolder(ctx.db, { ...ctx.params, via: ctx.params.via ?? "job", onProgress: (s, d, t) => void ctx.progress(d, t, s), checkCancelled: ctx.checkCancelled })),
}));

registerJobHandler<Params<TextGridExportOptions>, Record<string, unknown>>("export.textgrid", async (ctx) => ({
  ...(await exportTextGrids(ctx.db, { ...ctx.params, via: ctx.params.via ?? "job", onProgress: (s, d, t) => void ctx.progress(d, t, s), checkCancelled: ctx.checkCancelled })),
}));
