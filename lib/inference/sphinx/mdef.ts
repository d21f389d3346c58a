// Reader for pocketsphinx's binary model definition (mdef, "BMDF"): the context-independent
// phones, every triphone with its word position, senone sequence and transition matrix, and the
// senone → base phone (codebook) map. Triphone look-up backs off the way pocketsphinx does: other
// word positions, then silence for filler or word-edge contexts, then the base phone.
import { AppError } from "@/lib/errors";

const BMDF = 0x46444d42;

/** Word positions as pocketsphinx numbers them. */
export const WPOS = { internal: 0, begin: 1, end: 2, single: 3 } as const;
export type WordPosition = (typeof WPOS)[keyof typeof WPOS];

export interface Mdef {
  ciPhones: string[];
  ciIndex: Map<string, number>;
  filler: boolean[];
  sil: number;
  nEmit: number;
  nCiSen: number;
  nSen: number;
  /** Per phone id (CI first, then triphones): senone sequence id and transition matrix. */
  ssid: Int32Array;
  tmat: Int32Array;
  /** n_sseq × nEmit senone ids. */
  sseq: Uint16Array;
  /** Senone → base phone (its codebook in a PTM model). */
  sen2ci: Int16Array;
  /** `${wpos},${b},${l},${r}` → phone id. */
  triphones: Map<string, number>;
}

function bad(file: string, what: string): never {
  throw new AppError("INVALID_INPUT", `${file}: ${what}`);
}

export function readMdef(buf: Buffer, file: string): Mdef {
  if (buf.length < 52) bad(file, "too short for a binary model definition");
  if (buf.readUInt32LE(0) !== BMDF) bad(file, "not a little-endian binary mdef (no BMDF marker); text mdef files are not supported");
  let off = 12 + buf.readInt32LE(8);
  const int = () => {
    if (off + 4 > buf.length) bad(file, "file ends inside the header");
    const v = buf.readInt32LE(off);
    off += 4;
    return v;
  };
  const nCi = int(), nPhone = int(), nEmit = int(), nCiSen = int(), nSen = int();
  int(); // n_tmat
  const nSseq = int();
  int(); // n_ctx
  const nTree = int();
  int(); // sil as written; found by name below
  if (nEmit <= 0) bad(file, "heterogeneous topologies (n_emit_state 0) are not supported");
  const base = off;
  const ciPhones: string[] = [];
  for (let i = 0; i < nCi; i++) {
    const z = buf.indexOf(0, off);
    if (z < 0) bad(file, "file ends inside the phone names");
    ciPhones.push(buf.toString("latin1", off, z));
    off = z + 1;
  }
  off = base + ((off - base + 3) & ~3);
  off += nTree * 8; // the context tree: the phone table below carries the same contexts
  const phoneTable = off;
  off += nPhone * 12;
  if (off + 4 > buf.length) bad(file, "file ends inside the phone table");
  const sseqSize = buf.readInt32LE(off);
  off += 4;
  if (sseqSize !== nSseq * nEmit || off + sseqSize * 2 > buf.length) bad(file, "senone sequence table does not match its size");
  const sseq = new Uint16Array(sseqSize);
  for (let i = 0; i < sseqSize; i++) sseq[i] = buf.readUInt16LE(off + 2 * i);

  const ssid = new Int32Array(nPhone);
  const tmat = new Int32Array(nPhone);
  const filler: boolean[] = [];
  const triphones = new Map<string, number>();
  const sen2ci = new Int16Array(nSen).fill(-1);
  for (let p = 0; p < nPhone; p++) {
    const o = phoneTable + p * 12;
    ssid[p] = buf.readInt32LE(o);
    tmat[p] = buf.readInt32LE(o + 4);
    if (ssid[p] < 0 || ssid[p] >= nSseq) bad(file, `phone ${p} has senone sequence ${ssid[p]} of ${nSseq}`);
    let ci: number;
    if (p < nCi) {
      filler.push(buf[o + 8] !== 0);
      ci = p;
    } else {
      ci = buf[o + 9];
      triphones.set(`${buf[o + 8]},${ci},${buf[o + 10]},${buf[o + 11]}`, p);
    }
    for (let j = 0; j < nEmit; j++) {
      const s = sseq[ssid[p] * nEmit + j];
      if (s >= nSen) bad(file, `phone ${p} names senone ${s} of ${nSen}`);
      if (sen2ci[s] < 0) sen2ci[s] = ci;
    }
  }
  const ciIndex = new Map(ciPhones.map((c, i) => [c, i]));
  const sil = ciIndex.get("SIL");
  if (sil === undefined) bad(file, "has no SIL phone");
  return { ciPhones, ciIndex, filler, sil, nEmit, nCiSen, nSen, ssid, tmat, sseq, sen2ci, triphones };
}

/** Phone id for base phone b between l and r at a word position, backing off as pocketsphinx does. */
export function triphoneId(m: Mdef, b: number, l: number, r: number, wpos: WordPosition): number {
  const find = (ll: number, rr: number, pos: number) => m.triphones.get(`${pos},${b},${ll},${rr}`);
  const fl = m.filler[l] ? m.sil : l;
  const fr = m.filler[r] ? m.sil : r;
  const exact = find(fl, fr, wpos);
  if (exact !== undefined) return exact;
  for (let pos = 0; pos < 4; pos++) {
    const p = pos === wpos ? undefined : find(fl, fr, pos);
    if (p !== undefined) return p;
  }
  const newl = m.filler[l] || wpos === WPOS.begin || wpos === WPOS.single ? m.sil : l;
  const newr = m.filler[r] || wpos === WPOS.end || wpos === WPOS.single ? m.sil : r;
  if (newl !== l || newr !== r) {
    for (const pos of [wpos, 0, 1, 2, 3]) {
      const p = find(newl, newr, pos);
      if (p !== undefined) return p;
    }
  }
  return b;
}

/** The emitting senones of a phone id. */
export function phoneSenones(m: Mdef, pid: number): number[] {
  const s = m.ssid[pid] * m.nEmit;
  return Array.from(m.sseq.subarray(s, s + m.nEmit));
}
