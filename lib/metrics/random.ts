// Seeded pseudo-random numbers for bootstraps, splits and shuffles (never Math.random).

/** A generator of uniform numbers in [0, 1). */
export type Rng = () => number;

function checkSeed(seed: number): number {
  if (!Number.isFinite(seed)) throw new Error(`seed must be a finite number, got ${seed}`);
  return Math.trunc(seed) >>> 0;
}

/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit state PRNG, period 2^32,
 * good enough for resampling; same seed → same stream on every platform.
 */
export function mulberry32(seed: number): Rng {
  let a = checkSeed(seed);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** out[i] = randomInt(rng, n) for each i in turn (the same draws), for resampling loops. */
export function fillUniformIndices(rng: Rng, n: number, out: Int32Array): void {
  if (!Number.isInteger(n) || n <= 0) throw new Error(`randomInt needs a positive integer bound, got ${n}`);
  for (let i = 0; i < out.length; i++) out[i] = Math.floor(rng() * n);
}

/**
 * mulberry32(seed) as a stream that fills index arrays with its own loop (no call per draw): the
 * same numbers as randomInt(mulberry32(seed), n) drawn one by one, for bootstrap resampling.
 */
export function mulberry32Indices(seed: number): (n: number, out: Int32Array) => void {
  let a = checkSeed(seed);
  return (n, out) => {
    if (!Number.isInteger(n) || n <= 0) throw new Error(`randomInt needs a positive integer bound, got ${n}`);
    let s = a;
    for (let i = 0; i < out.length; i++) {
      s = (s + 0x6d2b79f5) | 0;
      let t = Math.imul(s ^ (s >>> 15), 1 | s);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      out[i] = Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
    }
    a = s;
  };
}

/** Uniform integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  if (!Number.isInteger(n) || n <= 0) throw new Error(`randomInt needs a positive integer bound, got ${n}`);
  return Math.floor(rng() * n);
}

/** Standard normal deviate by Box–Muller (Box & Muller 1958): √(−2 ln u1) · cos(2π u2). */
export function randomNormal(rng: Rng): number {
  let u1 = rng();
  while (u1 === 0) u1 = rng();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * rng());
}

/** A shuffled copy (Fisher–Yates / Durstenfeld); the input is not modified. */
export function seededShuffle<T>(items: readonly T[], seedOrRng: number | Rng): T[] {
  const rng = typeof seedOrRng === "number" ? mulberry32(seedOrRng) : seedOrRng;
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return out;
}
