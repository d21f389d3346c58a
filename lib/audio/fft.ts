// Real-input radix-2 FFT: an N-point real transform computed as an N/2-point complex FFT of the
// even/odd samples packed as (re, im), then split into the N/2+1 non-redundant bins. Plans (bit
// reversal and twiddles) are built once per size because feature extraction runs thousands of
// same-size transforms per recording.

export interface RealFft {
  readonly size: number;
  /** Writes bins 0..size/2 of the DFT of `input` (zero-padded or truncated to `size`). */
  forward(input: ArrayLike<number>, re: Float64Array, im: Float64Array): void;
}

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

export function createRealFft(size: number): RealFft {
  if (!isPowerOfTwo(size) || size < 2) throw new RangeError(`FFT size must be a power of two ≥ 2, got ${size}`);
  const m = size / 2; // complex FFT length
  const bits = Math.log2(m);
  const rev = new Uint32Array(m);
  for (let i = 0; i < m; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
    rev[i] = r;
  }
  // Twiddles e^{-2πik/size} for k < size/2 serve both the half-size FFT (every other one) and the split.
  const cos = new Float64Array(m);
  const sin = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / size);
    sin[k] = Math.sin((2 * Math.PI * k) / size);
  }
  const zr = new Float64Array(m);
  const zi = new Float64Array(m);

  function complexFft(): void {
    for (let len = 2; len <= m; len <<= 1) {
      const half = len >> 1;
      const step = (size / len) | 0; // twiddle stride in the size-point table
      for (let start = 0; start < m; start += len) {
        for (let j = 0; j < half; j++) {
          const wr = cos[j * step];
          const wi = -sin[j * step];
          const a = start + j;
          const b = a + half;
          const tr = zr[b] * wr - zi[b] * wi;
          const ti = zr[b] * wi + zi[b] * wr;
          zr[b] = zr[a] - tr;
          zi[b] = zi[a] - ti;
          zr[a] += tr;
          zi[a] += ti;
        }
      }
    }
  }

  function forward(input: ArrayLike<number>, re: Float64Array, im: Float64Array): void {
    const n = Math.min(input.length, size);
    for (let k = 0; k < m; k++) {
      const i0 = 2 * k;
      const j = rev[k];
      zr[j] = i0 < n ? input[i0] : 0;
      zi[j] = i0 + 1 < n ? input[i0 + 1] : 0;
    }
    complexFft();
    re[0] = zr[0] + zi[0];
    im[0] = 0;
    re[m] = zr[0] - zi[0];
    im[m] = 0;
    for (let k = 1; k < m; k++) {
      const a = zr[k];
      const b = zi[k];
      const c = zr[m - k];
      const d = zi[m - k];
      const er = (a + c) / 2;
      const ei = (b - d) / 2;
      const or = (b + d) / 2;
      const oi = -(a - c) / 2;
      re[k] = er + cos[k] * or + sin[k] * oi;
      im[k] = ei + cos[k] * oi - sin[k] * or;
    }
  }

  return { size, forward };
}
