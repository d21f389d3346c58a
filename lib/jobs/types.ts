// Long work (imports, batch inference, audits, large exports) runs as a Job: a row with progress
// that survives a restart and can be cancelled. A handler does the work for one kind of job.
import type { Db } from "@/lib/db/client";

export interface JobContext<P = Record<string, unknown>> {
  db: Db;
  jobId: string;
  params: P;
  /** Reports progress; cheap to call often (database writes are throttled). */
  progress(done: number, total: number, message?: string): Promise<void>;
  /** Throws JobCancelledError when someone asked to cancel; call it between units of work. */
  checkCancelled(): Promise<void>;
  log(message: string): void;
}

/** A handler must be safe to run again after a crash: it continues, it does not duplicate. */
export type JobHandler<P = Record<string, unknown>, R = Record<string, unknown>> = (ctx: JobContext<P>) => Promise<R>;

export class JobCancelledError extends Error {
  constructor() {
    super("the job was cancelled");
    this.name = "JobCancelledError";
  }
}
