// A small pool of worker threads for the researchers' heavy figures (compute.ts), so that one
// researcher's bootstrap never holds up the request thread that serves the raters.
// ATTEST_COMPUTE_THREADS sets the pool size (default: one less than the cores, at most 2, at least 1).
//
// The worker is created as `new Worker(new URL("./compute-worker.ts", import.meta.url))` in one
// expression: `next build` (Turbopack) recognises that form and bundles the worker file with its
// imports into a chunk of its own, which the URL then names. From the sources (vitest, tsx) the URL
// is the .ts file itself, which the worker imports through tsx.
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { packTask, unpackError, type ComputeResult, type ComputeTask, type ErrorMessage } from "./compute";

interface Job {
  id: number;
  message: unknown;
  transfer: ArrayBuffer[];
  resolve(v: unknown): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

// Inside the built app (Next sets NEXT_RUNTIME) the worker is the bundled chunk; anywhere else
// (vitest, tsx, the CLI) it is the TypeScript source. (import.meta.url names the source file in both.)
const FROM_SOURCE = !process.env.NEXT_RUNTIME;

/** The worker from the TypeScript sources (tests, tsx): tsx's loader imports the .ts entry. */
function sourceWorker(): Worker {
  // Spelled at run time so that the bundler never looks for tsx (a development dependency).
  // (require.resolve finds the CommonJS build; the ES module sits beside it.)
  const api = pathToFileURL(createRequire(import.meta.url).resolve(["tsx", "esm", "api"].join("/")).replace(/\.cjs$/, ".mjs")).href;
  const entry = new URL("./compute-worker.ts", import.meta.url).href;
  const code = `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}));`;
  return new Worker(code, { eval: true, name: "attest-compute" });
}

function poolSize(): number {
  const n = Number(process.env.ATTEST_COMPUTE_THREADS);
  if (Number.isInteger(n) && n > 0) return Math.min(n, 8);
  return Math.max(1, Math.min(2, availableParallelism() - 1));
}

class ComputePool {
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private nextId = 1;
  /** Tasks run so far (read by tests through computeStats). */
  completed = 0;

  run<T extends ComputeTask>(task: T): Promise<ComputeResult<T>> {
    const { message, transfer } = packTask(task);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, message, transfer, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  private spawn(): Slot {
    const worker = FROM_SOURCE ? sourceWorker() : new Worker(new URL("./compute-worker.ts", import.meta.url), { name: "attest-compute" });
    const slot: Slot = { worker, job: null };
    worker.on("message", (m: { id: number; ok: boolean; result?: unknown; error?: ErrorMessage }) => {
      const job = slot.job;
      if (!job || job.id !== m.id) return;
      slot.job = null;
      this.completed++;
      if (m.ok) job.resolve(m.result);
      else job.reject(unpackError(m.error!));
      this.pump();
    });
    const fail = (e: Error) => {
      this.slots = this.slots.filter((s) => s !== slot);
      const job = slot.job;
      slot.job = null;
      job?.reject(e);
      this.pump();
    };
    worker.on("error", (e) => fail(e));
    worker.on("exit", (code) => fail(new Error(`the compute worker exited (${code})`)));
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < poolSize()) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      // A busy worker keeps the process alive (a CLI waits for its answer); an idle one does not.
      slot.worker.ref();
      const release = () => slot!.worker.unref();
      const { resolve, reject } = job;
      job.resolve = (v) => (release(), resolve(v));
      job.reject = (e) => (release(), reject(e));
      slot.worker.postMessage({ id: job.id, task: job.message }, job.transfer);
    }
  }
}

const KEY = Symbol.for("attest.compute-pool");
type G = typeof globalThis & { [KEY]?: ComputePool };

function pool(): ComputePool {
  const g = globalThis as G;
  return (g[KEY] ??= new ComputePool());
}

/** Runs a task on a worker thread; an AppError thrown there is thrown here with its code. */
export function runOffThread<T extends ComputeTask>(task: T): Promise<ComputeResult<T>> {
  return pool().run(task);
}

/** How many tasks the pool has finished in this process. */
export function computeStats(): { completed: number } {
  return { completed: pool().completed };
}
