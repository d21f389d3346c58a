// Registering model versions: a user's ONNX model with a JSON manifest (validated against the
// model's real inputs and outputs), an HTTP SpeechLLM endpoint, or a file of responses (JSONL
// {"utt_id", "response"}) imported as predictions of a FILE model version.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import * as ort from "onnxruntime-node";
import type { Db } from "@/lib/db/client";
import { AppError, type Problem } from "@/lib/errors";
import { loadInferenceItems } from "./run-inference";
import { outputFromResponse } from "./providers/from-response";
import { checkContract } from "./user-onnx/contract";
import { parseResponsesCsv } from "./responses-csv";

const TensorSpec = z.object({
  name: z.string().min(1),
  shape: z.array(z.union([z.number().int(), z.string()])),
  type: z.string().default("float32"),
  /** Inputs: what Attest feeds (user-onnx/contract.ts FEEDS); defaults to the tensor name. */
  feed: z.string().optional(),
  /** Outputs: what the tensor predicts (user-onnx/contract.ts ROLES); defaults to the tensor name. */
  role: z.string().optional(),
});
const AspectCal = z.object({ qhat: z.number().nonnegative(), alpha: z.number().gt(0).lt(1).default(0.1), normalized: z.boolean().default(false), n: z.number().int().optional() });
export const OnnxManifestSchema = z.object({
  inputs: z.array(TensorSpec).min(1),
  outputs: z.array(TensorSpec).min(1),
  /** Split-conformal q̂ per sentence aspect (normalized: the interval is μ ± q̂·σ). */
  calibration: z.record(z.string(), AspectCal).optional(),
  /** Miscoverage for Gaussian intervals μ ± z·σ when an aspect has σ but no calibration. */
  alpha: z.number().gt(0).lt(1).default(0.1),
});
export type OnnxManifest = z.infer<typeof OnnxManifestSchema>;

async function assertNewName(db: Db, name: string) {
  if (!/^[A-Za-z0-9_.-]{1,80}$/.test(name)) throw new AppError("INVALID_INPUT", `"${name}" is not a valid model name (letters, digits, _ . -)`);
  if (await db.prisma.modelVersion.findUnique({ where: { name } })) throw new AppError("CONFLICT", `a model version named "${name}" exists already`);
}

/** Problems where the manifest and the model disagree (names, element types, fixed dimensions). */
export async function checkOnnxManifest(onnxFile: string, manifest: OnnxManifest): Promise<Problem[]> {
  const sess = await ort.InferenceSession.create(onnxFile).catch((e) => {
    throw new AppError("INVALID_INPUT", `${onnxFile} is not a loadable ONNX model: ${(e as Error).message}`);
  });
  const problems: Problem[] = [];
  const meta = (kind: "input" | "output") => ((sess as any)[`${kind}Metadata`] ?? []) as { name: string; type?: string; shape?: (number | string)[] }[];
  for (const kind of ["input", "output"] as const) {
    const real = meta(kind);
    const declared = manifest[`${kind}s`];
    const realNames = kind === "input" ? sess.inputNames : sess.outputNames;
    declared.forEach((d, i) => {
      const field = `${kind}s[${i}]`;
      if (!realNames.includes(d.name)) return problems.push({ field, message: `the model has no ${kind} "${d.name}" (it has ${realNames.join(", ")})` });
      const r = real.find((m) => m.name === d.name);
      if (r?.type && d.type && r.type !== d.type) problems.push({ field, message: `"${d.name}" is ${r.type} in the model, ${d.type} in the manifest` });
      if (r?.shape) {
        if (r.shape.length !== d.shape.length) problems.push({ field, message: `"${d.name}" has rank ${r.shape.length} in the model (${JSON.stringify(r.shape)}), ${d.shape.length} in the manifest` });
        else r.shape.forEach((dim, k) => {
          if (typeof dim === "number" && typeof d.shape[k] === "number" && dim !== d.shape[k]) problems.push({ field: `${field}.shape[${k}]`, message: `"${d.name}" dimension ${k} is ${dim} in the model, ${d.shape[k]} in the manifest` });
        });
      }
    });
    for (const n of realNames) if (!declared.some((d) => d.name === n)) problems.push({ field: `${kind}s`, message: `the manifest does not declare the model's ${kind} "${n}"` });
  }
  return problems;
}

export async function registerOnnxModel(db: Db, name: string, onnxFile: string, manifestJson: unknown) {
  await assertNewName(db, name);
  const parsed = OnnxManifestSchema.safeParse(manifestJson);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "the manifest is not valid", parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })));
  const problems = [...checkContract(parsed.data), ...(await checkOnnxManifest(onnxFile, parsed.data))];
  if (problems.length) throw new AppError("INVALID_INPUT", `the model ${path.basename(onnxFile)} does not match its manifest; refused (${problems.length} problem${problems.length > 1 ? "s" : ""}, first: ${problems[0].field}: ${problems[0].message})`, problems);
  return db.prisma.modelVersion.create({ data: { name, kind: "ONNX", config: { onnx: path.resolve(onnxFile), manifest: parsed.data } } });
}

export async function registerHttpModel(db: Db, name: string, cfg: { url: string; model: string; timeoutMs?: number; retries?: number; concurrency?: number }) {
  await assertNewName(db, name);
  try {
    new URL(cfg.url);
  } catch {
    throw new AppError("INVALID_INPUT", `"${cfg.url}" is not a URL`);
  }
  return db.prisma.modelVersion.create({ data: { name, kind: "HTTP", config: cfg } });
}

const isCsv = (file: string, text: string) => /\.csv$/i.test(file) || (!/^\uFEFF?\s*\{/.test(text) && /^\uFEFF?[^\n]*\b(audio_path|utt_id)\b[^\n]*,/.test(text));

type Items = Map<string, Awaited<ReturnType<typeof loadInferenceItems>>[number]>;

async function storeFileModel(db: Db, name: string, dataset: string, file: string, rows: { itemId: string; out: ReturnType<typeof outputFromResponse> }[]) {
  await assertNewName(db, name);
  return db.prisma.$transaction(async (tx) => {
    const mv = await tx.modelVersion.create({ data: { name, kind: "FILE", config: { file: path.resolve(file), dataset } } });
    await tx.prediction.createMany({
      data: rows.map((r) => ({ modelVersionId: mv.id, itemId: r.itemId, response: r.out.response, sentence: r.out.record.sentence as object, words: r.out.record.words as object, phones: r.out.record.phones as object, parseWarnings: r.out.parseWarnings })),
      skipDuplicates: true,
    });
    return { model: name, kind: "FILE", predictions: rows.length, with_warnings: rows.filter((r) => r.out.parseWarnings.length).length };
  });
}

/**
 * CSV in the SpeechLLM training columns (responses-csv.ts): rows that cannot be used are reported
 * in `problems` with their line and skipped; refused only when no row can be imported.
 */
async function importResponsesCsv(db: Db, name: string, dataset: string, file: string, text: string, items: Items) {
  const parsed = parseResponsesCsv(text, path.basename(file));
  const problems = [...parsed.problems];
  const rows: { itemId: string; out: ReturnType<typeof outputFromResponse> }[] = [];
  for (const r of parsed.rows) {
    const item = items.get(r.uttId);
    if (!item) problems.push({ file: path.basename(file), line: r.line, field: "utt_id", message: `no item "${r.uttId}" in dataset ${dataset}` });
    else rows.push({ itemId: item.id, out: outputFromResponse(r.response, item) });
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (!rows.length) throw new AppError("INVALID_INPUT", `no usable row in ${file}; nothing imported`, problems);
  const r = await storeFileModel(db, name, dataset, file, rows);
  return { ...r, format: "csv", merged_rows: parsed.merged, skipped_rows: problems.length, problems };
}

/**
 * JSONL {"utt_id", "response"} (any problem refuses the file) or CSV (see importResponsesCsv) →
 * a FILE model version with one prediction per matching item.
 */
export async function importResponses(db: Db, name: string, dataset: string, file: string) {
  const text = await readFile(file, "utf8");
  const items = new Map((await loadInferenceItems(db, { dataset, model: name })).map((i) => [i.uttId, i]));
  if (isCsv(file, text)) return importResponsesCsv(db, name, dataset, file, text, items);
  const problems: Problem[] = [];
  const rows: { itemId: string; out: ReturnType<typeof outputFromResponse> }[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const at = { file: path.basename(file), line: i + 1 };
    let j: any;
    try {
      j = JSON.parse(line);
    } catch {
      return problems.push({ ...at, message: "not a JSON object" });
    }
    if (typeof j?.utt_id !== "string" || typeof j?.response !== "string") return problems.push({ ...at, message: 'expected {"utt_id": string, "response": string}' });
    const item = items.get(j.utt_id);
    if (!item) return problems.push({ ...at, field: "utt_id", message: `no item "${j.utt_id}" in dataset ${dataset}` });
    if (seen.has(j.utt_id)) return problems.push({ ...at, field: "utt_id", message: `"${j.utt_id}" appears twice` });
    seen.add(j.utt_id);
    rows.push({ itemId: item.id, out: outputFromResponse(j.response, item) });
  });
  if (problems.length) throw new AppError("INVALID_INPUT", `${problems.length} problems in ${file}; nothing imported`, problems);
  return storeFileModel(db, name, dataset, file, rows);
}
