// The HMM for forced alignment of canonical phones: optional silence before, between and after
// words, and each phone as the triphone the model definition gives for its neighbours (across word
// boundaries too; SIL at the utterance's edges) and word position, with its three senones and its
// transition matrix.
import { AppError } from "@/lib/errors";
import { triphoneId, phoneSenones, WPOS, type Mdef, type WordPosition } from "./mdef";

export interface HmmUnit {
  /** Emitting senones, one per state. */
  senones: number[];
  tmat: number;
  /** Base (CI) phone id in the model definition. */
  ci: number;
  /** May take no frames (silence between words). */
  optional: boolean;
  /** Index of the canonical phone this unit stands for, -1 for silence. */
  phone: number;
  wordIndex: number;
}

/** "AH0" → the model's CI id for AH; an unknown phone is named. */
export function ciPhoneId(m: Mdef, phone: string): number {
  const base = phone.toUpperCase().replace(/[012]$/, "");
  const id = m.ciIndex.get(base);
  if (id === undefined || m.filler[id]) throw new AppError("INVALID_INPUT", `phone "${phone}" is not in the acoustic model's phone set`);
  return id;
}

export function silenceUnit(m: Mdef, wordIndex: number): HmmUnit {
  return { senones: phoneSenones(m, m.sil), tmat: m.tmat[m.sil], ci: m.sil, optional: true, phone: -1, wordIndex };
}

export function forcedGraph(m: Mdef, words: { phones: string[] }[]): HmmUnit[] {
  const flat: { ci: number; word: number; pos: WordPosition }[] = [];
  words.forEach((w, wi) => {
    const n = w.phones.length;
    w.phones.forEach((p, i) => {
      const pos = n === 1 ? WPOS.single : i === 0 ? WPOS.begin : i === n - 1 ? WPOS.end : WPOS.internal;
      flat.push({ ci: ciPhoneId(m, p), word: wi, pos });
    });
  });
  const units: HmmUnit[] = [silenceUnit(m, -1)];
  flat.forEach((p, k) => {
    const l = k > 0 ? flat[k - 1].ci : m.sil;
    const r = k < flat.length - 1 ? flat[k + 1].ci : m.sil;
    const pid = triphoneId(m, p.ci, l, r, p.pos);
    units.push({ senones: phoneSenones(m, pid), tmat: m.tmat[pid], ci: p.ci, optional: false, phone: k, wordIndex: p.word });
    const lastOfWord = k === flat.length - 1 || flat[k + 1].word !== p.word;
    if (lastOfWord) units.push(silenceUnit(m, p.word));
  });
  return units;
}

/** The context-independent units of a free phone loop: every base phone (fillers included) with its CI senones. */
export function phoneLoopUnits(m: Mdef): HmmUnit[] {
  return m.ciPhones.map((_, ci) => ({ senones: phoneSenones(m, ci), tmat: m.tmat[ci], ci, optional: false, phone: -1, wordIndex: -1 }));
}
