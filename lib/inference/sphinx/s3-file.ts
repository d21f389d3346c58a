// Readers for SphinxTrain's binary "s3" parameter files: a text header ("s3\n", name value lines,
// "endhdr\n"), the byte-order magic 0x11223344, then little-endian int32 dimensions and float32 data.
// means / variances (Gaussian densities) and transition_matrices use this layout.
import { AppError } from "@/lib/errors";

const MAGIC = 0x11223344;

function bad(file: string, what: string): never {
  throw new AppError("INVALID_INPUT", `${file}: ${what}`);
}

/** Offset of the first byte after the header and byte-order magic. */
function dataStart(buf: Buffer, file: string): number {
  const end = buf.indexOf("endhdr\n");
  if (end < 0) bad(file, "no s3 header (no endhdr line)");
  const off = end + 7;
  if (buf.length < off + 4) bad(file, "file ends inside the header");
  const magic = buf.readUInt32LE(off);
  if (magic !== MAGIC) bad(file, `byte-order magic is 0x${magic.toString(16)}, expected 0x11223344 (little-endian)`);
  return off + 4;
}

export interface Gauden {
  nCodebooks: number;
  nStreams: number;
  nDensities: number;
  /** Vector length per stream. */
  veclen: number[];
  /** Per stream: codebook × density × veclen, row-major. */
  data: Float32Array[];
}

/** means or variances: [codebook][stream][density][veclen[stream]]. */
export function readGauden(buf: Buffer, file: string): Gauden {
  let off = dataStart(buf, file);
  const int = () => {
    if (off + 4 > buf.length) bad(file, "file ends inside the dimensions");
    const v = buf.readInt32LE(off);
    off += 4;
    return v;
  };
  const nCodebooks = int();
  const nStreams = int();
  const nDensities = int();
  if (nCodebooks <= 0 || nStreams <= 0 || nDensities <= 0 || nStreams > 8) bad(file, `implausible dimensions ${nCodebooks} × ${nStreams} × ${nDensities}`);
  const veclen = Array.from({ length: nStreams }, int);
  const total = int();
  const expect = nCodebooks * nDensities * veclen.reduce((s, v) => s + v, 0);
  if (total !== expect) bad(file, `holds ${total} values, the dimensions need ${expect}`);
  if (off + total * 4 > buf.length) bad(file, `is truncated: ${total} float32 values announced, ${Math.floor((buf.length - off) / 4)} present`);
  const data = veclen.map((v) => new Float32Array(nCodebooks * nDensities * v));
  for (let c = 0; c < nCodebooks; c++) {
    for (let f = 0; f < nStreams; f++) {
      const n = nDensities * veclen[f];
      const dst = data[f];
      for (let i = 0; i < n; i++, off += 4) dst[c * n + i] = buf.readFloatLE(off);
    }
  }
  return { nCodebooks, nStreams, nDensities, veclen, data };
}

export interface TransitionMatrices {
  n: number;
  /** Source states (emitting). */
  nFrom: number;
  /** Destination states (emitting + the exit state). */
  nTo: number;
  /** Natural-log probabilities, n × nFrom × nTo (rows normalised; -Infinity where impossible). */
  logProb: Float64Array;
}

/** transition_matrices hold counts: each row is normalised to probabilities here. */
export function readTransitionMatrices(buf: Buffer, file: string): TransitionMatrices {
  let off = dataStart(buf, file);
  if (off + 16 > buf.length) bad(file, "file ends inside the dimensions");
  const n = buf.readInt32LE(off);
  const nFrom = buf.readInt32LE(off + 4);
  const nTo = buf.readInt32LE(off + 8);
  const total = buf.readInt32LE(off + 12);
  off += 16;
  if (n <= 0 || nFrom <= 0 || nTo !== nFrom + 1 || total !== n * nFrom * nTo) bad(file, `implausible dimensions ${n} × ${nFrom} × ${nTo} (${total} values)`);
  if (off + total * 4 > buf.length) bad(file, "is truncated");
  const logProb = new Float64Array(total);
  for (let m = 0; m < n; m++) {
    for (let i = 0; i < nFrom; i++) {
      const row = (m * nFrom + i) * nTo;
      let sum = 0;
      for (let j = 0; j < nTo; j++) sum += buf.readFloatLE(off + (row + j) * 4);
      if (!(sum > 0)) bad(file, `matrix ${m} row ${i} has no transitions`);
      for (let j = 0; j < nTo; j++) {
        const p = buf.readFloatLE(off + (row + j) * 4) / sum;
        logProb[row + j] = p > 0 ? Math.log(p) : -Infinity;
      }
    }
  }
  return { n, nFrom, nTo, logProb };
}
