// The in-process worker of a server: claims queued jobs one at a time and runs them. Jobs whose
// process died (no heartbeat for a minute) go back to the queue; handlers continue where they were.
import type { Db } from "@/lib/db/client";
import { runJob } from "./run-job";
import "./handlers";

const STALE_AFTER_MS = 60_000;

/** Claims the oldest queued job atomically (safe with several workers on a PostgreSQL server). */
export async function claimNextJob(db: Db): Promise<string | null> {
  const rows = await db.prisma.$queryRawUnsafe<{ id: string }[]>(
    `UPDATE "Job" SET status = 'RUNNING', "heartbeatAt" = now()
     WHERE id = (SELECT id FROM "Job" WHERE status = 'QUEUED' ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING id`,
  );
  return rows[0]?.id ?? null;
}

export async function requeueStaleJobs(db: Db, now = new Date()): Promise<number> {
  const r = await db.prisma.job.updateMany({
    where: { status: "RUNNING", OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: new Date(now.getTime() - STALE_AFTER_MS) } }] },
    data: { status: "QUEUED" },
  });
  return r.count;
}

export function startWorker(db: Db, pollMs = 1_000): () => void {
  let stopped = false;
  const loop = async () => {
    await requeueStaleJobs(db).catch(() => 0);
    while (!stopped) {
      const id = await claimNextJob(db).catch(() => null);
      if (id) await runJob(db, id).catch((e) => console.error("[attest] worker:", e));
      else await new Promise((r) => setTimeout(r, pollMs));
    }
  };
  void loop();
  return () => {
    stopped = true;
  };
}
