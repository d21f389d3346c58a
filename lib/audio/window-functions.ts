// Window functions shared by the resampler's filter design and the feature extractor's framing.

/** Zeroth-order modified Bessel function of the first kind, by its power series. */
export function besselI0(x: number): number {
  // Σ ((x/2)^k / k!)^2 converges fast for the arguments Kaiser windows use (|x| < ~30).
  const half = x / 2;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 200; k++) {
    term *= half / k;
    const t2 = term * term;
    sum += t2;
    if (t2 < sum * 1e-17) break;
  }
  return sum;
}

/** Kaiser window evaluated at u ∈ [-1, 1] (0 outside), normalised to 1 at u = 0. */
export function kaiserAt(u: number, beta: number, i0Beta = besselI0(beta)): number {
  if (u < -1 || u > 1) return 0;
  return besselI0(beta * Math.sqrt(1 - u * u)) / i0Beta;
}

/** Kaiser's β for a stop-band attenuation of `db` decibels (Kaiser 1974, as in Oppenheim & Schafer). */
export function kaiserBeta(db: number): number {
  if (db > 50) return 0.1102 * (db - 8.7);
  if (db >= 21) return 0.5842 * (db - 21) ** 0.4 + 0.07886 * (db - 21);
  return 0;
}

/** Periodic Hann window of length n (the variant that overlap-adds to a constant for STFT). */
export function hannWindow(n: number): Float32Array {
  const w = new Float32Array(n);
  for (let i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
  return w;
}

/** Symmetric Hamming window of length n (the usual choice for MFCC front ends, e.g. HTK/Kaldi). */
export function hammingWindow(n: number): Float32Array {
  const w = new Float32Array(n);
  if (n === 1) {
    w[0] = 1;
    return w;
  }
  for (let i = 0; i < n; i++) w[i] = 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (n - 1));
  return w;
}
