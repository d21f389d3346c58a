// Test support: builds RIFF files byte by byte, including the broken layouts encodeWav never
// writes, and a seeded PRNG so "random" inputs are the same on every run.

export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One chunk: id, size field (defaults to body length), body, and the pad byte when odd. */
export function chunk(id: string, body: Uint8Array, opts: { declaredSize?: number; pad?: boolean } = {}): Uint8Array {
  const head = new Uint8Array(8);
  head.set(ascii(id), 0);
  new DataView(head.buffer).setUint32(4, opts.declaredSize ?? body.length, true);
  const pad = (opts.pad ?? true) && body.length % 2 === 1 ? new Uint8Array(1) : new Uint8Array(0);
  return concat(head, body, pad);
}

export function riff(chunks: Uint8Array[], riffSize?: number): Uint8Array {
  const body = concat(ascii("WAVE"), ...chunks);
  const head = new Uint8Array(8);
  head.set(ascii("RIFF"), 0);
  new DataView(head.buffer).setUint32(4, riffSize ?? body.length, true);
  return concat(head, body);
}

export interface FmtFields {
  tag?: number;
  channels?: number;
  sampleRate?: number;
  bits?: number;
  blockAlign?: number;
  /** For tag 0xFFFE: the sub-format tag placed in the GUID. */
  subTag?: number;
}

export function fmtBody(f: FmtFields = {}): Uint8Array {
  const tag = f.tag ?? 1;
  const channels = f.channels ?? 1;
  const rate = f.sampleRate ?? 16000;
  const bits = f.bits ?? 16;
  const align = f.blockAlign ?? (channels * bits) / 8;
  const ext = tag === 0xfffe;
  const out = new Uint8Array(ext ? 40 : 16);
  const v = new DataView(out.buffer);
  v.setUint16(0, tag, true);
  v.setUint16(2, channels, true);
  v.setUint32(4, rate, true);
  v.setUint32(8, rate * align, true);
  v.setUint16(12, align, true);
  v.setUint16(14, bits, true);
  if (ext) {
    v.setUint16(16, 22, true);
    v.setUint16(18, bits, true);
    v.setUint16(24, f.subTag ?? 1, true);
    out.set([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71], 26);
  }
  return out;
}

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomBytes(n: number, seed: number): Uint8Array {
  const rnd = seededRandom(seed);
  return Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
}
