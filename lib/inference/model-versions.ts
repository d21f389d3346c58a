// Model versions as the rest of the app sees them. "default" (or any name with a bundle in
// models/) is the built-in scorer, registered on first use with its calibration; other names must
// have been registered (user ONNX model, HTTP endpoint, imported file).
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { MODEL_NAME, MODEL_NAME_MESSAGE } from "@/lib/schemas/infer";
import { bundlePath, isSphinxSpec, loadBundle, modelsDir } from "./builtin/bundle";

export interface ModelVersionRow {
  id: string;
  name: string;
  kind: "BUILTIN" | "ONNX" | "HTTP" | "FILE";
  config: unknown;
  calibration: unknown;
}

/**
 * The model version a web request names (inference, audits): a registered version, or one of the
 * built-in scorers shipped in models/, found by comparing the name with the bundles listed there
 * (registered on first use, as by the CLI). The name is never made into a path, so a path or
 * another spelling of a file names nothing and registers nothing; the messages name no server file.
 * Files are registered with the CLI (models register-onnx / import-responses, infer-file).
 */
export async function findModelVersionByName(db: Db, name: string): Promise<ModelVersionRow> {
  if (!MODEL_NAME.test(name)) throw new AppError("INVALID_INPUT", `model ${MODEL_NAME_MESSAGE}`, [{ field: "model", message: MODEL_NAME_MESSAGE }]);
  const found = await db.prisma.modelVersion.findUnique({ where: { name } });
  if (found) return found as ModelVersionRow;
  if (!builtinModelNames().includes(name)) throw new AppError("NOT_FOUND", `no model version named "${name}"`, [{ field: "model", message: "no such model version" }]);
  try {
    return await resolveModelVersion(db, name);
  } catch (e) {
    console.error(`[attest] the built-in model "${name}" cannot be registered:`, e instanceof Error ? e.message : e);
    throw new AppError("NOT_FOUND", `the built-in model "${name}" cannot be loaded on this server (see the server log)`, [{ field: "model", message: "cannot be loaded" }]);
  }
}

/** The built-in scorers shipped with the app: the bundles in models/ (each <name>.json beside <name>.onnx). */
export function builtinModelNames(): string[] {
  let files: string[];
  try {
    files = readdirSync(modelsDir());
  } catch {
    return [];
  }
  return files
    .filter((f) => f.endsWith(".json") && files.includes(f.replace(/\.json$/, ".onnx")))
    .map((f) => f.replace(/\.json$/, ""))
    .filter((n) => MODEL_NAME.test(n));
}

/**
 * A model version by name for the CLI and the job worker: registered, else the built-in bundle of
 * that name (models/<name>.json), or — for the CLI, which may name files — a bundle's .json/.onnx path.
 */
export async function resolveModelVersion(db: Db, name: string): Promise<ModelVersionRow> {
  const found = await db.prisma.modelVersion.findUnique({ where: { name } });
  if (found) return found as ModelVersionRow;
  let file: string;
  try {
    file = bundlePath(name);
  } catch {
    throw new AppError("NOT_FOUND", `no model version named "${name}"`);
  }
  if (!existsSync(file)) {
    throw new AppError("NOT_FOUND", `no model version named "${name}" (register one with \`npm run cli -- models …\`, or train models/${name}.onnx)`);
  }
  const b = await loadBundle(name);
  const created = await db.prisma.modelVersion.upsert({
    where: { name },
    create: {
      name,
      kind: "BUILTIN",
      description: isSphinxSpec(b.acoustic)
        ? "Attest built-in scorer (GOP from the CMU Sphinx en-us acoustic model with per-speaker VTLN, MLP heads in ONNX)"
        : "Attest built-in scorer (GOP from a monophone HMM, MLP heads in ONNX)",
      config: { bundle: path.relative(process.cwd(), file), onnx: path.relative(process.cwd(), b.onnx), metrics: b.metrics as object },
      calibration: b.calibration as object,
    },
    update: {},
  });
  return created as ModelVersionRow;
}

export async function listModelVersions(db: Db) {
  const rows = await db.prisma.modelVersion.findMany({ orderBy: { name: "asc" }, include: { _count: { select: { predictions: true } } } });
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, description: r.description, predictions: r._count.predictions, createdAt: r.createdAt }));
}
