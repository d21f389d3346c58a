// Creating, reading and cancelling jobs. Users see their own jobs; those with "jobs:write" see all.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { can, type RoleName } from "@/lib/auth/permissions";
import { jobHandler } from "./registry";

export async function createJob(db: Db, input: { kind: string; params?: Record<string, unknown>; createdById?: string | null }) {
  if (!jobHandler(input.kind)) throw new AppError("BAD_REQUEST", `unknown job kind ${input.kind}`);
  return db.prisma.job.create({
    data: { kind: input.kind, params: (input.params ?? {}) as object, createdById: input.createdById ?? null },
  });
}

export async function getJobForUserOrThrow(db: Db, user: { id: string; role: RoleName; tokenScopes?: readonly string[] | null }, id: string) {
  const job = await db.prisma.job.findFirst({
    where: { id, ...(can(user, "jobs:write") ? {} : { createdById: user.id }) },
  });
  if (!job) throw new AppError("NOT_FOUND", `no job ${id}`);
  return job;
}

export async function requestCancel(db: Db, user: { id: string; role: RoleName; tokenScopes?: readonly string[] | null }, id: string) {
  const job = await getJobForUserOrThrow(db, user, id);
  if (job.status === "QUEUED") {
    return db.prisma.job.update({ where: { id }, data: { status: "CANCELLED", cancelRequested: true, finishedAt: new Date() } });
  }
  if (job.status !== "RUNNING") throw new AppError("CONFLICT", `the job is already ${job.status.toLowerCase()}`);
  return db.prisma.job.update({ where: { id }, data: { cancelRequested: true } });
}

export async function listJobs(db: Db, user: { id: string; role: RoleName; tokenScopes?: readonly string[] | null }, take = 50) {
  return db.prisma.job.findMany({
    where: can(user, "jobs:write") ? {} : { createdById: user.id },
    orderBy: { createdAt: "desc" },
    take,
  });
}
