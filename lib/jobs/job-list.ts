// The jobs list every jobs view shares (the jobs page, the models, audits and exports pages, GET
// /api/jobs): every kind the worker runs, newest first, with progress, who started it, a short summary
// of its result, and its error.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { jobKinds } from "./registry";
import "./handlers";

export interface JobRow {
  id: string;
  kind: string;
  status: string;
  done: number;
  total: number;
  message: string | null;
  error: string | null;
  params: Record<string, unknown>;
  /** A few figures of the result (rows, predictions, flagged, …), never whole lists. */
  summary: Record<string, string | number | boolean | null>;
  by: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export const ACTIVE_STATUSES = ["QUEUED", "RUNNING"];

/** Kinds given by prefix ("export." covers every export) or exactly; unknown ones are refused by name. */
export function kindFilter(kinds: string[] | undefined) {
  if (!kinds?.length) return {};
  const known = jobKinds();
  const bad = kinds.filter((k) => !(k.endsWith(".") ? known.some((x) => x.startsWith(k)) : known.includes(k)));
  if (bad.length) throw new AppError("INVALID_INPUT", `no job kind ${bad.map((b) => `“${b}”`).join(", ")} (kinds: ${known.join(", ")})`, bad.map(() => ({ field: "kind", message: `one of ${known.join(", ")}` })));
  return { OR: kinds.map((k) => (k.endsWith(".") ? { kind: { startsWith: k } } : { kind: k })) };
}

function summarize(result: unknown): JobRow["summary"] {
  const out: JobRow["summary"] = {};
  if (!result || typeof result !== "object") return out;
  for (const [k, v] of Object.entries(result as Record<string, unknown>)) {
    if (typeof v === "number" || typeof v === "boolean" || v === null || (typeof v === "string" && v.length <= 80 && !v.includes("/"))) out[k] = v as never;
    if (Object.keys(out).length >= 8) break;
  }
  return out;
}

export async function listJobRows(db: Db, opts: { kinds?: string[]; take?: number } = {}): Promise<JobRow[]> {
  const jobs = await db.prisma.job.findMany({
    where: kindFilter(opts.kinds),
    orderBy: { createdAt: "desc" },
    take: Math.min(200, opts.take ?? 50),
    include: { createdBy: { select: { email: true } } },
  });
  return jobs.map((j) => {
    // Paths on the server (export targets) are not shown.
    const { out: _out, userId: _u, ...params } = (j.params ?? {}) as Record<string, unknown>;
    return {
      id: j.id, kind: j.kind, status: j.status, done: j.done, total: j.total, message: j.message, error: j.error,
      params, summary: summarize(j.result), by: j.createdBy?.email ?? "command line",
      createdAt: j.createdAt.toISOString(), startedAt: j.startedAt?.toISOString() ?? null, finishedAt: j.finishedAt?.toISOString() ?? null,
    };
  });
}
