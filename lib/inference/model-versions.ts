// Model versions as the rest of the app sees them. "default" (or any name with a bundle in
// models/) is the built-in scorer, registered on first use with its calibration; other names must
// have been registered (user ONNX model, HTTP endpoint, imported file).
import { existsSync } from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { bundlePath, isSphinxSpec, loadBundle } from "./builtin/bundle";

export interface ModelVersionRow {
  id: string;
  name: string;
  kind: "BUILTIN" | "ONNX" | "HTTP" | "FILE";
  config: unknown;
  calibration: unknown;
}

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
