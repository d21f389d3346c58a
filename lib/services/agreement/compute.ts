// The costly part of the researcher pages and their API (bootstraps over every aspect, eval, the
// dashboard's tables and charts) as tasks over data already loaded: pure, so they can run on a
// worker thread (compute-pool.ts) while the request thread keeps serving everyone else.
// The rating grids travel as one Float64Array each (NaN = missing), transferred, not copied.
import { AppError, type ErrorCode, type Problem } from "@/lib/errors";
import { selectAspectKeys } from "./aspects";
import { dashboardFrom, type Dashboard, type DashboardFilters } from "./dashboard";
import { agreementByKey } from "./dataset-agreement";
import { evaluateLoaded, type EvalResult } from "./evaluate-model";
import type { LoadedRatings } from "./load-ratings";
import type { ConsensusSource, StoredPrediction } from "./model-pairs";
import type { AgreementWithCI } from "@/lib/metrics/agreement-ci";

export type ComputeTask =
  | { kind: "agreement"; data: LoadedRatings; granularity?: string; aspect?: string; seed?: number; replicates?: number }
  | { kind: "eval"; data: LoadedRatings; model: string; byItem: Map<number, StoredPrediction>; source: ConsensusSource }
  | { kind: "dashboard"; data: LoadedRatings; filters: DashboardFilters; model?: { name: string; byItem: Map<number, StoredPrediction> } };

export type ComputeResult<T extends ComputeTask> = T extends { kind: "agreement" }
  ? AgreementWithCI | Record<string, AgreementWithCI>
  : T extends { kind: "eval" }
    ? EvalResult
    : Dashboard;

export function runComputeTask<T extends ComputeTask>(task: T): ComputeResult<T> {
  switch (task.kind) {
    case "agreement": {
      const keys = selectAspectKeys(task.granularity, task.aspect);
      const byKey = agreementByKey(task.data, keys, task);
      return (task.granularity && task.aspect ? byKey[keys[0].key] : byKey) as ComputeResult<T>;
    }
    case "eval":
      return evaluateLoaded(task.data, task.model, task.byItem, task.source) as ComputeResult<T>;
    case "dashboard":
      return dashboardFrom(task.data, task.filters, task.model) as ComputeResult<T>;
  }
}

// ---- Moving a task between threads -------------------------------------------------------------

type Cells = (number | null)[][];
interface PackedCells {
  rows: number;
  cols: number;
  values: Float64Array;
}

function packCells(cells: Cells, cols: number, transfer: ArrayBuffer[]): PackedCells {
  const values = new Float64Array(cells.length * cols);
  for (let u = 0; u < cells.length; u++) {
    const row = cells[u];
    for (let r = 0; r < cols; r++) values[u * cols + r] = row[r] ?? NaN;
  }
  transfer.push(values.buffer as ArrayBuffer);
  return { rows: cells.length, cols, values };
}

function unpackCells(p: PackedCells): Cells {
  const out: Cells = new Array(p.rows);
  for (let u = 0; u < p.rows; u++) {
    const row = new Array<number | null>(p.cols);
    for (let r = 0; r < p.cols; r++) {
      const v = p.values[u * p.cols + r];
      row[r] = Number.isNaN(v) ? null : v;
    }
    out[u] = row;
  }
  return out;
}

const GRIDS = ["sentence", "word"] as const;

/** The task as a message for postMessage, with the buffers to transfer. */
export function packTask(task: ComputeTask): { message: unknown; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const d = task.data;
  const k = d.raters.length;
  const packGroup = (g: Record<string, Cells>) => Object.fromEntries(Object.entries(g).map(([a, c]) => [a, packCells(c, k, transfer)]));
  const data = { ...d, sentence: packGroup(d.sentence), word: packGroup(d.word), phone: packCells(d.phone, k, transfer) };
  return { message: { ...task, data }, transfer };
}

export function unpackTask(message: unknown): ComputeTask {
  const m = message as ComputeTask & { data: Record<string, unknown> };
  const d = m.data as unknown as Record<(typeof GRIDS)[number], Record<string, PackedCells>> & { phone: PackedCells };
  const unpackGroup = (g: Record<string, PackedCells>) => Object.fromEntries(Object.entries(g).map(([a, p]) => [a, unpackCells(p)]));
  const data = { ...m.data, sentence: unpackGroup(d.sentence), word: unpackGroup(d.word), phone: unpackCells(d.phone) } as unknown as LoadedRatings;
  return { ...m, data } as ComputeTask;
}

/** An error as a message: an AppError keeps its code and problems across the thread boundary. */
export interface ErrorMessage {
  name: string;
  message: string;
  code?: ErrorCode;
  problems?: Problem[];
}

export function packError(e: unknown): ErrorMessage {
  if (e instanceof AppError) return { name: e.name, message: e.message, code: e.code, problems: e.problems };
  return { name: (e as Error)?.name ?? "Error", message: (e as Error)?.message ?? String(e) };
}

export function unpackError(m: ErrorMessage): Error {
  if (m.code) return new AppError(m.code, m.message, m.problems ?? []);
  const e = new Error(m.message);
  e.name = m.name;
  return e;
}
