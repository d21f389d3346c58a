// Exports requested from the web UI: a Job per export writing under <data dir>/exports/<job id>/,
// listed for researchers and downloaded as a stream. Every request and download is logged.
import { stat } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { dataDir } from "@/lib/db/config";
import { AppError } from "@/lib/errors";
import { createJob } from "@/lib/jobs/jobs";
import { parseOrThrow } from "@/lib/schemas/parse";
import { logExport } from "./audit-log";
import { PAIR_AUDIO_MODES } from "./pair-audio";
// The route process must know the export job kinds to create jobs of them (the worker runs them).
import "@/lib/jobs/handlers/exports";
import { assertSplitsExist } from "@/lib/services/dataset-splits";

export const EXPORT_KINDS = ["dpo", "speechocean762", "audiofolder", "textgrid"] as const;

export const ExportRequestSchema = z.object({
  kind: z.enum(EXPORT_KINDS),
  dataset: z.string().min(1).max(64),
  source: z.enum(["label_flip", "rater_preference", "rater_correction", "all"]).default("all"),
  format: z.enum(["trl", "csv"]).default("trl"),
  /** Pair exports: recordings in the download ("copy") or the paths they were imported from ("source"). */
  audio: z.enum(PAIR_AUDIO_MODES).default("copy"),
  splits: z.array(z.string().min(1).max(32)).max(10).optional(),
  seed: z.number().int().min(0).max(2 ** 31).default(0),
});
export type ExportRequest = z.infer<typeof ExportRequestSchema>;

const exportsRoot = () => path.join(dataDir(), "exports");

export async function requestExport(db: Db, user: { id: string }, body: unknown) {
  const r = parseOrThrow(ExportRequestSchema, body);
  const ds = await db.prisma.dataset.findUnique({ where: { name: r.dataset } });
  if (!ds) throw new AppError("NOT_FOUND", `no dataset named "${r.dataset}"`);
  await assertSplitsExist(db, ds, r.splits, "splits");
  const dir = path.join(exportsRoot(), randomUUID());
  const base = { dataset: r.dataset, splits: r.splits?.length ? r.splits : undefined, userId: user.id, via: "web" };
  const pairs = `${r.dataset}-${r.source}`;
  // With the recordings, the pairs file and audio/ share a folder, and that folder is the download.
  const pairsFile = r.audio === "copy" ? path.join(dir, pairs, `${pairs}.${r.format === "csv" ? "csv" : "jsonl"}`) : path.join(dir, `${pairs}.${r.format === "csv" ? "csv" : "jsonl"}`);
  const [kind, params] =
    r.kind === "dpo"
      ? ["export.dpo", { ...base, source: r.source, format: r.format, audio: r.audio, seed: r.seed, out: pairsFile }]
      : [`export.${r.kind}`, { ...base, out: path.join(dir, `${r.dataset}-${r.kind}`) }];
  const job = await createJob(db, { kind, params, createdById: user.id });
  await logExport(db, user.id, "export.requested", { jobId: job.id, ...r });
  return { jobId: job.id, kind };
}

export async function listExports(db: Db, take = 30) {
  const jobs = await db.prisma.job.findMany({
    where: { kind: { startsWith: "export." } },
    orderBy: { createdAt: "desc" },
    take,
    include: { createdBy: { select: { email: true } } },
  });
  return jobs.map((j) => {
    const p = j.params as Record<string, unknown>;
    const res = (j.result ?? {}) as Record<string, unknown>;
    return {
      id: j.id, kind: j.kind, status: j.status, done: j.done, total: j.total, message: j.message, error: j.error,
      dataset: p.dataset as string, source: (p.source as string) ?? null, format: (p.format as string) ?? null, audio: (p.audio as string) ?? null,
      splits: (p.splits as string[] | undefined) ?? null, rows: (res.rows as number | undefined) ?? null,
      by: j.createdBy?.email ?? "command line", createdAt: j.createdAt.toISOString(),
    };
  });
}

/** The finished export's file or folder; only exports written under the data dir are served. */
export async function getExportDownloadOrThrow(db: Db, user: { id: string }, jobId: string) {
  const job = await db.prisma.job.findFirst({ where: { id: jobId, kind: { startsWith: "export." } } });
  if (!job) throw new AppError("NOT_FOUND", `no export ${jobId}`);
  if (job.status !== "SUCCEEDED") throw new AppError("CONFLICT", `the export is ${job.status.toLowerCase()}, not ready`);
  const params = job.params as Record<string, unknown>;
  const file = path.resolve(String(params.out ?? ""));
  // A pair export that carries its recordings is downloaded as its folder (pairs file + audio/).
  const out = job.kind === "export.dpo" && params.audio === "copy" ? path.dirname(file) : file;
  if (!out.startsWith(exportsRoot() + path.sep)) throw new AppError("NOT_FOUND", "this export was written outside the server's data folder (by the command line)");
  const st = await stat(out).catch(() => null);
  if (!st) throw new AppError("NOT_FOUND", "the export's files are gone");
  await logExport(db, user.id, "export.downloaded", { jobId, kind: job.kind, out });
  return { path: out, isDir: st.isDirectory(), size: st.size, name: path.basename(out) };
}
