// The built-in scorer on disk: models/<name>.onnx (the heads, run by onnxruntime-node) beside
// models/<name>.json (acoustic model, feature names, conformal calibration, test figures).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/errors";
import type { AcousticModel } from "../acoustic/hmm";
import type { DurationStats } from "../acoustic/train-acoustic";

export const BUNDLE_FORMAT = "attest-scorer/1";
export const DEFAULT_MODEL_NAME = "default";

export interface AspectCalibration {
  qhat: number;
  n: number;
  alpha: number;
  normalized: boolean;
}

/** The CMU Sphinx en-us model (models/sphinx-en-us) with per-speaker VTLN. */
export interface SphinxAcousticSpec {
  kind: "sphinx-en-us";
  /** Warps tried when choosing a speaker's warp. */
  warpGrid: number[];
  /** Utterances of a speaker used to choose the warp. */
  warpUtterances: number;
  /** Warps chosen for the training corpus's speakers ("<dataset>/<speaker>"), from audio and text only. */
  speakerWarps: Record<string, number>;
}

export function isSphinxSpec(a: AcousticModel | SphinxAcousticSpec): a is SphinxAcousticSpec {
  return (a as SphinxAcousticSpec).kind === "sphinx-en-us";
}

export interface ScorerBundle {
  format: typeof BUNDLE_FORMAT;
  name: string;
  seed: number;
  onnx: string;
  aspects: string[];
  /** Column names of each head's input (the Sphinx model's extras follow the built-in columns). */
  features: { sentence: string[]; word: string[]; phone: string[] };
  acoustic: AcousticModel | SphinxAcousticSpec;
  durations: DurationStats;
  calibration: Record<string, AspectCalibration>;
  metrics: Record<string, unknown>;
}

export function modelsDir(): string {
  return path.join(process.cwd(), "models");
}

/** "default" → models/default.json; a path to a .json or .onnx file → its bundle. */
export function bundlePath(nameOrPath: string): string {
  if (nameOrPath.endsWith(".json")) return path.resolve(nameOrPath);
  if (nameOrPath.endsWith(".onnx")) return path.resolve(nameOrPath.replace(/\.onnx$/, ".json"));
  if (!/^[A-Za-z0-9_.-]+$/.test(nameOrPath)) throw new AppError("INVALID_INPUT", `"${nameOrPath}" is not a model name`);
  return path.join(modelsDir(), `${nameOrPath}.json`);
}

const cache = new Map<string, Promise<ScorerBundle>>();

export function loadBundle(nameOrPath: string): Promise<ScorerBundle> {
  const file = bundlePath(nameOrPath);
  let p = cache.get(file);
  if (!p) {
    p = (async () => {
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch {
        throw new AppError("NOT_FOUND", `no built-in model at ${file} (train one with: npm run cli -- train-scorer --data <dir> --out models/<name>.onnx)`);
      }
      const b = JSON.parse(text) as ScorerBundle;
      if (b.format !== BUNDLE_FORMAT) throw new AppError("INVALID_INPUT", `${file} is not an Attest scorer bundle (format ${String(b.format)})`);
      return { ...b, onnx: path.resolve(path.dirname(file), b.onnx) };
    })();
    cache.set(file, p);
    p.catch(() => cache.delete(file));
  }
  return p;
}

export function forgetBundle(nameOrPath: string): void {
  cache.delete(bundlePath(nameOrPath));
}
