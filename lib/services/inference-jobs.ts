// Starting batch inference from the UI: checks the dataset and model exist, then queues an "infer"
// job for the server's worker (the same resumable job the CLI runs inline).
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createJob } from "@/lib/jobs/jobs";
import { resolveModelVersion } from "@/lib/inference/model-versions";
import "@/lib/jobs/handlers";

export async function startInferenceJob(
  db: Db,
  user: { id: string },
  input: { dataset: string; model: string; split?: "train" | "test"; limit?: number },
) {
  const dataset = await db.prisma.dataset.findUnique({ where: { name: input.dataset } });
  if (!dataset) throw new AppError("NOT_FOUND", `no dataset named "${input.dataset}"`);
  await resolveModelVersion(db, input.model);
  const params = { dataset: input.dataset, model: input.model, ...(input.split ? { split: input.split } : {}), ...(input.limit ? { limit: input.limit } : {}) };
  const running = await db.prisma.job.findFirst({ where: { kind: "infer", status: { in: ["QUEUED", "RUNNING"] }, params: { equals: params } } });
  if (running) return running;
  return createJob(db, { kind: "infer", params, createdById: user.id });
}

export async function recentInferenceJobs(db: Db, take = 10) {
  return db.prisma.job.findMany({ where: { kind: "infer" }, orderBy: { createdAt: "desc" }, take });
}
