import { describe, it, expect, beforeAll, afterAll } from "vitest";
import type { Db } from "@/lib/db/client";
import { registerJobHandler } from "./registry";
import { runJob } from "./run-job";
import { createJob, requestCancel, getJobForUserOrThrow } from "./jobs";
import { claimNextJob, requeueStaleJobs } from "./worker";
import { TEST_DATABASES, openMigrated } from "@/tests/helpers/databases";

registerJobHandler<{ n: number }, { sum: number }>("test.sum", async (ctx) => {
  let sum = 0;
  for (let i = 1; i <= ctx.params.n; i++) {
    sum += i;
    await ctx.progress(i, ctx.params.n, "adding");
  }
  return { sum };
});
registerJobHandler("test.fail", async () => {
  throw new Error("disk full");
});
let cancelDb: Db | null = null;
registerJobHandler("test.cancel", async (ctx) => {
  await cancelDb!.prisma.job.update({ where: { id: ctx.jobId }, data: { cancelRequested: true } });
  await new Promise((r) => setTimeout(r, 600));
  await ctx.checkCancelled();
  return { reached: true };
});

describe.each(TEST_DATABASES)("jobs on $name", (t) => {
  let db: Db;
  beforeAll(async () => {
    db = await openMigrated(t);
    cancelDb = db;
  });
  afterAll(async () => db?.close());

  it("runs a job to completion with its progress and result", async () => {
    const job = await createJob(db, { kind: "test.sum", params: { n: 10 } });
    const seen: number[] = [];
    const r = await runJob(db, job.id, { onProgress: (d) => seen.push(d) });
    expect(r).toMatchObject({ status: "SUCCEEDED", result: { sum: 55 } });
    expect(seen).toHaveLength(10);
    const row = await db.prisma.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row).toMatchObject({ status: "SUCCEEDED", done: 10, total: 10 });
    expect(row.finishedAt).not.toBeNull();
  });

  it("records a failure with its message", async () => {
    const job = await createJob(db, { kind: "test.fail" });
    expect(await runJob(db, job.id)).toMatchObject({ status: "FAILED", error: "disk full" });
    expect((await db.prisma.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("FAILED");
  });

  it("stops a job that was asked to cancel", async () => {
    const job = await createJob(db, { kind: "test.cancel" });
    expect((await runJob(db, job.id)).status).toBe("CANCELLED");
  });

  it("claims queued jobs once each and requeues a job whose process died", async () => {
    await db.prisma.job.updateMany({ where: { status: "QUEUED" }, data: { status: "CANCELLED" } });
    const a = await createJob(db, { kind: "test.sum", params: { n: 1 } });
    expect(await claimNextJob(db)).toBe(a.id);
    expect(await claimNextJob(db)).toBeNull();
    // No heartbeat for two minutes: the worker that had it is gone.
    await db.prisma.job.update({ where: { id: a.id }, data: { heartbeatAt: new Date(Date.now() - 120_000) } });
    expect(await requeueStaleJobs(db)).toBe(1);
    expect(await claimNextJob(db)).toBe(a.id);
  });

  it("shows a job only to its owner or to job managers, and cancels a queued job", async () => {
    const owner = await db.prisma.user.create({ data: { email: `o${Date.now()}@x.org`, role: "RATER" } });
    const other = await db.prisma.user.create({ data: { email: `p${Date.now()}@x.org`, role: "RATER" } });
    const job = await createJob(db, { kind: "test.sum", params: { n: 1 }, createdById: owner.id });
    await expect(getJobForUserOrThrow(db, { id: other.id, role: "rater" }, job.id)).rejects.toThrow(/no job/);
    expect((await getJobForUserOrThrow(db, { id: other.id, role: "admin" }, job.id)).id).toBe(job.id);
    expect((await requestCancel(db, { id: owner.id, role: "rater" }, job.id)).status).toBe("CANCELLED");
    await expect(createJob(db, { kind: "no.such.kind" })).rejects.toThrow(/unknown job kind/);
  });
});
