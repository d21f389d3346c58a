// Runs one job row to completion: RUNNING with a heartbeat, progress written at most every 500 ms,
// then SUCCEEDED (with its result), FAILED (with the error) or CANCELLED.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { jobHandler } from "./registry";
import { JobCancelledError, type JobContext } from "./types";

const HEARTBEAT_MS = 5_000;
const PROGRESS_EVERY_MS = 500;

export async function runJob(
  db: Db,
  jobId: string,
  opts: { onProgress?: (done: number, total: number, message?: string) => void; log?: (m: string) => void } = {},
): Promise<{ status: "SUCCEEDED" | "FAILED" | "CANCELLED"; result: unknown; error: string | null }> {
  const job = await db.prisma.job.findUnique({ where: { id: jobId } });
  if (!job) throw new AppError("NOT_FOUND", `no job ${jobId}`);
  const handler = jobHandler(job.kind);
  if (!handler) throw new AppError("BAD_REQUEST", `no handler for jobs of kind ${job.kind}`);
  await db.prisma.job.update({
    where: { id: jobId },
    data: { status: "RUNNING", startedAt: job.startedAt ?? new Date(), heartbeatAt: new Date(), error: null },
  });
  const beat = setInterval(() => {
    db.prisma.job.update({ where: { id: jobId }, data: { heartbeatAt: new Date() } }).catch(() => {});
  }, HEARTBEAT_MS);
  beat.unref?.();
  let lastWrite = 0;
  let lastCancelCheck = 0;
  let lastTotal = 0;
  const ctx: JobContext = {
    db,
    jobId,
    params: (job.params ?? {}) as Record<string, unknown>,
    async progress(done, total, message) {
      opts.onProgress?.(done, total, message);
      lastTotal = total;
      const now = Date.now();
      if (now - lastWrite < PROGRESS_EVERY_MS && done < total) return;
      lastWrite = now;
      await db.prisma.job.update({ where: { id: jobId }, data: { done, total, message: message ?? null, heartbeatAt: new Date() } });
    },
    async checkCancelled() {
      const now = Date.now();
      if (now - lastCancelCheck < PROGRESS_EVERY_MS) return;
      lastCancelCheck = now;
      const j = await db.prisma.job.findUnique({ where: { id: jobId }, select: { cancelRequested: true } });
      if (j?.cancelRequested) throw new JobCancelledError();
    },
    log: opts.log ?? (() => {}),
  };
  try {
    const result = await handler(ctx);
    await db.prisma.job.update({
      where: { id: jobId },
      // A finished job is complete: its last throttled progress write may have been short of the end.
      data: { status: "SUCCEEDED", result: (result ?? {}) as object, finishedAt: new Date(), ...(lastTotal > 0 ? { done: lastTotal, total: lastTotal } : {}) },
    });
    return { status: "SUCCEEDED", result, error: null };
  } catch (e) {
    const cancelled = e instanceof JobCancelledError;
    const message = e instanceof Error ? e.message : String(e);
    await db.prisma.job.update({
      where: { id: jobId },
      data: { status: cancelled ? "CANCELLED" : "FAILED", error: cancelled ? null : message, finishedAt: new Date() },
    });
    if (!cancelled && !(e instanceof AppError)) console.error(`[attest] job ${jobId} (${job.kind}) failed:`, e);
    return { status: cancelled ? "CANCELLED" : "FAILED", result: null, error: cancelled ? null : message };
  } finally {
    clearInterval(beat);
  }
}
