// What Attest can feed a user's ONNX model and how its outputs become predictions. Each manifest
// input names a feed (its `feed`, else its tensor name); each output a role (its `role`, else its
// tensor name). Checked at registration so a model Attest cannot run is refused up front.
import type { Problem } from "@/lib/errors";
import { SENTENCE_ASPECTS } from "../predict/assemble";
import { PHONE_FEATURES, SENTENCE_FEATURES, WORD_FEATURES } from "../features/extract";

export const LOGMEL_BINS = 80;

/** Feeds: element type, rank and the dimensions that must be fixed (others must be symbolic or match). */
export const FEEDS = {
  /** 16 kHz mono samples in [-1, 1]: [1, N]. */
  waveform: { type: "float32", rank: 2, fixed: { 0: 1 } },
  /** Log-mel (lib/audio/log-mel.ts: 25 ms window, 10 ms hop, natural log): [1, T, 80]. */
  logmel: { type: "float32", rank: 3, fixed: { 0: 1, 2: LOGMEL_BINS } },
  /** Canonical phones as unit indices of lib/inference/acoustic/phone-set.ts (stress dropped): [1, P]. */
  phone_ids: { type: "int64", rank: 2, fixed: { 0: 1 } },
  /** The word index (0-based) of each canonical phone: [1, P]. */
  word_ids: { type: "int64", rank: 2, fixed: { 0: 1 } },
  /** The built-in scorer's feature vectors (lib/inference/features/extract.ts, default acoustic model). */
  sentence_features: { type: "float32", rank: 2, fixed: { 0: 1, 1: SENTENCE_FEATURES.length } },
  word_features: { type: "float32", rank: 2, fixed: { 1: WORD_FEATURES.length } },
  phone_features: { type: "float32", rank: 2, fixed: { 1: PHONE_FEATURES.length } },
} as const satisfies Record<string, { type: string; rank: number; fixed: Record<number, number> }>;
export type FeedName = keyof typeof FEEDS;

/**
 * Output roles. `sentence.mean` / `sentence.sd`: 5 values in aspect order (accuracy, fluency,
 * prosody, completeness, total; any shape with 5 elements); `sentence.<aspect>.mean|sd`: one value;
 * `word.accuracy`: W values (0–10); `phone.score`: P values (0–2). The built-in scorer's output
 * names are aliases, so its own graph can be registered as a user model.
 */
export const ROLE_ALIASES: Record<string, string> = { sentence_mean: "sentence.mean", sentence_sd: "sentence.sd", word_accuracy: "word.accuracy", phone_score: "phone.score" };
export const ROLES: readonly string[] = [
  "sentence.mean", "sentence.sd", "word.accuracy", "phone.score", "ignore",
  ...SENTENCE_ASPECTS.flatMap((a) => [`sentence.${a}.mean`, `sentence.${a}.sd`]),
];

export interface ManifestTensor {
  name: string;
  shape: (number | string)[];
  type: string;
  feed?: string;
  role?: string;
}

export const feedOf = (t: ManifestTensor) => t.feed ?? t.name;
export const roleOf = (t: ManifestTensor) => (t.role ? ROLE_ALIASES[t.role] ?? t.role : ROLE_ALIASES[t.name] ?? t.name);

/** Problems with what the manifest asks Attest to feed and read (independent of the model file). */
export function checkContract(m: { inputs: ManifestTensor[]; outputs: ManifestTensor[]; calibration?: Record<string, unknown> }): Problem[] {
  const problems: Problem[] = [];
  const feeds = Object.keys(FEEDS).join(", ");
  m.inputs.forEach((t, i) => {
    const field = `inputs[${i}]`;
    const f = feedOf(t);
    const spec = (FEEDS as Record<string, (typeof FEEDS)[FeedName]>)[f];
    if (!spec) return problems.push({ field, message: `Attest cannot feed input "${t.name}"${t.feed ? ` (feed "${t.feed}")` : ""}: name it, or set "feed" to, one of ${feeds}` });
    if (t.type !== spec.type) problems.push({ field, message: `feed ${f} is ${spec.type}, the manifest says ${t.type}` });
    if (t.shape.length !== spec.rank) return problems.push({ field, message: `feed ${f} has rank ${spec.rank}, the manifest's shape ${JSON.stringify(t.shape)} has rank ${t.shape.length}` });
    t.shape.forEach((d, k) => {
      const want = (spec.fixed as Record<number, number>)[k];
      if (typeof d !== "number") return;
      if (want === undefined) problems.push({ field: `${field}.shape[${k}]`, message: `feed ${f} dimension ${k} varies per recording; the model fixes it at ${d} (make it symbolic)` });
      else if (d !== want) problems.push({ field: `${field}.shape[${k}]`, message: `feed ${f} dimension ${k} is ${want}, the manifest says ${d}` });
    });
  });
  const seen = new Map<string, number>();
  let useful = 0;
  m.outputs.forEach((t, i) => {
    const r = roleOf(t);
    if (!ROLES.includes(r)) {
      if (t.role) problems.push({ field: `outputs[${i}].role`, message: `unknown role "${t.role}" (one of ${ROLES.join(", ")})` });
      return;
    }
    if (r === "ignore") return;
    if (seen.has(r)) problems.push({ field: `outputs[${i}]`, message: `role ${r} is given twice (outputs[${seen.get(r)}] and outputs[${i}])` });
    seen.set(r, i);
    useful++;
  });
  if (!useful) problems.push({ field: "outputs", message: `no output maps to a prediction: name an output, or set its "role" to, one of ${ROLES.filter((r) => r !== "ignore").join(", ")}` });
  for (const a of Object.keys(m.calibration ?? {})) {
    if (!(SENTENCE_ASPECTS as readonly string[]).includes(a)) problems.push({ field: `calibration.${a}`, message: `not a sentence aspect (${SENTENCE_ASPECTS.join(", ")})` });
  }
  return problems;
}
