// Runs a job in the CLI's own process: the same Job row and handler the server's worker uses, with
// progress on stderr. Killing the CLI leaves the job RUNNING; the next run of the same command (or a
// server's worker, once its heartbeat is stale) continues it.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createJob } from "@/lib/jobs/jobs";
import { runJob } from "@/lib/jobs/run-job";
import "@/lib/jobs/handlers";
import type { Io } from "./args";

const STALE_MS = 60_000;

/**
 * An unfinished job of the same kind and parameters (a CLI run that was killed, or one still queued)
 * is continued rather than started again; one that is alive elsewhere is refused.
 */
/** JSON with sorted keys: the database (jsonb) does not keep the order keys were written in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

async function resumableJob(db: Db, kind: string, params: Record<string, unknown>) {
  const same = canonical(params);
  const open = await db.prisma.job.findMany({ where: { kind, status: { in: ["QUEUED", "RUNNING"] } }, orderBy: { createdAt: "asc" } });
  for (const j of open) {
    if (canonical(j.params) !== same) continue;
    // The embedded database belongs to this process alone (lock file), so a RUNNING job there is
    // one whose process died; on a server, a recent heartbeat means another process has it.
    const alive = db.kind === "postgres" && j.status === "RUNNING" && j.heartbeatAt && Date.now() - j.heartbeatAt.getTime() < STALE_MS;
    if (alive) throw new AppError("CONFLICT", `the same ${kind} job (${j.id}) is running in another process; wait for it or cancel it`);
    return j;
  }
  return null;
}

export async function runJobInline<R = Record<string, unknown>>(db: Db, io: Io, kind: string, params: Record<string, unknown>): Promise<R> {
  const resumed = await resumableJob(db, kind, params);
  if (resumed) io.log(`continuing job ${resumed.id} (${kind}) where it stopped`);
  const job = resumed ?? (await createJob(db, { kind, params }));
  const r = await runJob(db, job.id, {
    onProgress: (done, total, message) => io.progress(message ?? kind, done, total),
    log: (m) => io.log(m),
  });
  if (r.status === "FAILED") throw new AppError("INTERNAL", `job ${job.id} (${kind}) failed: ${r.error}`);
  if (r.status === "CANCELLED") throw new AppError("CONFLICT", `job ${job.id} (${kind}) was cancelled`);
  return r.result as R;
}
