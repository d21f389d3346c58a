// Reader for pocketsphinx's sendump: the senones' mixture weights over each codebook's Gaussians,
// quantised as uint8 v = −log₁.₀₀₀₁(w) >> 10, i.e. w = exp(−v · 1024 · ln 1.0001).
// Layout: length-prefixed header strings ending with a zero length, then #rows (densities) and
// #columns (senones), then per stream a densities × senones byte matrix.
import { AppError } from "@/lib/errors";

export const LN_MIXW_UNIT = 1024 * Math.log(1.0001);

export interface MixtureWeights {
  nStreams: number;
  nDensities: number;
  nSen: number;
  /** Per stream: densities × senones, natural-log weights. */
  logW: Float32Array[];
}

function bad(file: string, what: string): never {
  throw new AppError("INVALID_INPUT", `${file}: ${what}`);
}

export function readSendump(buf: Buffer, file: string): MixtureWeights {
  let off = 0;
  let nStreams = 0;
  let clusters = 0;
  for (;;) {
    if (off + 4 > buf.length) bad(file, "file ends inside the header");
    const n = buf.readInt32LE(off);
    off += 4;
    if (n === 0) break;
    if (n < 0 || n > 999 || off + n > buf.length) bad(file, `header string of length ${n} (not a little-endian sendump)`);
    const s = buf.toString("latin1", off, off + n - 1);
    off += n;
    const m = /^(\w+) (\d+)/.exec(s);
    if (m?.[1] === "feature_count") nStreams = Number(m[2]);
    if (m?.[1] === "cluster_count") clusters = Number(m[2]);
  }
  if (!nStreams) bad(file, "header has no feature_count");
  if (clusters) bad(file, "clustered (4-bit) mixture weights are not supported");
  if (off + 8 > buf.length) bad(file, "file ends before the dimensions");
  const nDensities = buf.readInt32LE(off);
  const nSen = buf.readInt32LE(off + 4);
  off += 8;
  if (off + nStreams * nDensities * nSen > buf.length) bad(file, `is truncated: ${nStreams} × ${nDensities} × ${nSen} weights announced`);
  const logW = Array.from({ length: nStreams }, () => {
    const w = new Float32Array(nDensities * nSen);
    for (let i = 0; i < w.length; i++) w[i] = -buf[off + i] * LN_MIXW_UNIT;
    off += w.length;
    return w;
  });
  return { nStreams, nDensities, nSen, logW };
}
