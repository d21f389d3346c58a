// One onnxruntime session per model file, created once and reused (ARCHITECTURE §8).
import * as ort from "onnxruntime-node";

const sessions = new Map<string, Promise<ort.InferenceSession>>();

export function onnxSession(source: string | Uint8Array, key?: string): Promise<ort.InferenceSession> {
  const k = key ?? (typeof source === "string" ? source : "");
  if (k) {
    const hit = sessions.get(k);
    if (hit) return hit;
  }
  const opts: ort.InferenceSession.SessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: "all" };
  const p = typeof source === "string" ? ort.InferenceSession.create(source, opts) : ort.InferenceSession.create(source, opts);
  if (k) {
    sessions.set(k, p);
    p.catch(() => sessions.delete(k));
  }
  return p;
}

/** Forget a cached session (e.g. a model file was rewritten by training). */
export function dropOnnxSession(key: string): void {
  sessions.delete(key);
}
