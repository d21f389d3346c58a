// Starting batch inference and audits from the UI: checks the dataset and model exist, then queues
// a job for the server's worker (the same jobs the CLI runs inline).
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createJob } from "@/lib/jobs/jobs";
import { findModelVersionByName } from "@/lib/inference/model-versions";
import { loadJudge } from "./audit-judge";
import "@/lib/jobs/handlers";
import { assertSplitsExist } from "./dataset-splits";

export async function startInferenceJob(
  db: Db,
  user: { id: string },
  input: { dataset: string; model: string; split?: "train" | "test"; limit?: number },
) {
  const dataset = await db.prisma.dataset.findUnique({ where: { name: input.dataset } });
  if (!dataset) throw new AppError("NOT_FOUND", `no dataset named "${input.dataset}"`);
  await assertSplitsExist(db, dataset, input.split ? [input.split] : undefined, "split");
  const model = await findModelVersionByName(db, input.model);
  const params = { dataset: input.dataset, model: model.name, ...(input.split ? { split: input.split } : {}), ...(input.limit ? { limit: input.limit } : {}) };
  const running = await db.prisma.job.findFirst({ where: { kind: "infer", status: { in: ["QUEUED", "RUNNING"] }, params: { equals: params } } });
  if (running) return running;
  return createJob(db, { kind: "infer", params, createdById: user.id });
}

/** Queues a rationale audit (with a second judge when asked); refuses when the model has no predictions on the dataset. */
export async function startAuditJob(db: Db, user: { id: string }, input: { dataset: string; model: string; split?: "train" | "test"; judge?: string }) {
  const dataset = await db.prisma.dataset.findUnique({ where: { name: input.dataset } });
  if (!dataset) throw new AppError("NOT_FOUND", `no dataset named "${input.dataset}"`);
  const model = await findModelVersionByName(db, input.model);
  await assertSplitsExist(db, dataset, input.split ? [input.split] : undefined, "split");
  const judge = await loadJudge(db, input.judge);
  const n = await db.prisma.prediction.count({ where: { modelVersionId: model.id, item: { datasetId: dataset.id, ...(input.split ? { split: input.split } : {}) } } });
  if (!n) throw new AppError("CONFLICT", `${model.name} has no predictions on ${input.dataset}${input.split ? `'s ${input.split} split` : ""} yet: run inference first`);
  const params = { dataset: input.dataset, model: model.name, ...(input.split ? { split: input.split } : {}), ...(judge ? { judge: judge.name } : {}) };
  const running = await db.prisma.job.findFirst({ where: { kind: "audit", status: { in: ["QUEUED", "RUNNING"] }, params: { equals: params } } });
  return running ?? createJob(db, { kind: "audit", params, createdById: user.id });
}
