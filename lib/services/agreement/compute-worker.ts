// Worker-thread entry of the compute pool (compute-pool.ts): runs one task per message.
import { parentPort } from "node:worker_threads";
import { packError, runComputeTask, unpackTask } from "./compute";

parentPort!.on("message", (m: { id: number; task: unknown }) => {
  try {
    parentPort!.postMessage({ id: m.id, ok: true, result: runComputeTask(unpackTask(m.task)) });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, ok: false, error: packError(e) });
  }
});
