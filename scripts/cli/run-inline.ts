// Runs a job in the CLI's own process: the same Job row and handler the server's worker uses, with
// progress on stderr. Killing the CLI leaves the job RUNNING; the next run of the same command (or a
// server's worker, once its heartbeat is stale) continues it.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createJob } from "@/lib/jobs/jobs";
import { runJob } from "@/lib/jobs/run-job";
import "@/lib/jobs/handlers";
import type { Io } from "./args";

export async function runJobInline<R = Record<string, unknown>>(db: Db, io: Io, kind: string, params: Record<string, unknown>): Promise<R> {
  const job = await createJob(db, { kind, params });
  const r = await runJob(db, job.id, {
    onProgress: (done, total, message) => io.progress(message ?? kind, done, total),
    log: (m) => io.log(m),
  });
  if (r.status === "FAILED") throw new AppError("INTERNAL", `job ${job.id} (${kind}) failed: ${r.error}`);
  if (r.status === "CANCELLED") throw new AppError("CONFLICT", `job ${job.id} (${kind}) was cancelled`);
  return r.result as R;
}
