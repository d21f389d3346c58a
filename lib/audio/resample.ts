// Band-limited sample-rate conversion with a Kaiser-windowed sinc.
//
// Design (all in units of the slower rate's Nyquist frequency, Nyq):
// - pass band ends at 0.90·Nyq, stop band starts at 1.00·Nyq, cut-off in between (0.95·Nyq).
//   Putting the stop-band edge exactly at the new Nyquist means nothing aliases into the output
//   band (a tone just above 8 kHz when going to 16 kHz is removed, not folded back to ~7.9 kHz);
//   the price is that 7.2–8 kHz is rolled off, which carries no useful speech information at 16 kHz.
// - 90 dB stop-band attenuation (Kaiser β ≈ 8.96); pass-band ripple is then ~3e-5, far below the
//   16-bit quantisation step of the source material.
// - The output is time-aligned with the input (output sample 0 sits on input sample 0) and the
//   signal is taken as silent outside its ends, so the first and last ~half-filter-length samples
//   are attenuated; that is the honest answer for a recording that starts or stops abruptly.
// - Rational ratios use a precomputed polyphase table (to/gcd phases); when that table would be
//   unreasonably large (e.g. 44100 → 16001) the filter is tabulated at 1024 fractional positions
//   and the outputs of the two neighbouring rows are blended linearly (error ~1e-6 of full scale,
//   below 16-bit resolution).

import { besselI0, kaiserAt, kaiserBeta } from "./window-functions";

const STOPBAND_DB = 90;
const PASS_EDGE = 0.9;
const STOP_EDGE = 1.0;
const MAX_TABLE = 1 << 21; // polyphase table entries (16 MB) before switching to blended rows
const PHASES = 1024; // fractional-position grid for ratios whose exact polyphase table is too big

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

interface Kernel {
  /** Half length in input samples: taps span (-half, half]. */
  half: number;
  /** h(t) for an offset t in input samples. */
  at: (t: number) => number;
}

function designKernel(fromRate: number, toRate: number): Kernel {
  const scale = Math.min(1, toRate / fromRate); // slower Nyquist, as a fraction of the input Nyquist
  const fc = 0.5 * scale * ((PASS_EDGE + STOP_EDGE) / 2); // cycles per input sample
  const tw = 0.5 * scale * (STOP_EDGE - PASS_EDGE);
  // Kaiser's length estimate N = (A - 8) / (2.285 Δω), Δω the transition width in rad/sample.
  const taps = (STOPBAND_DB - 8) / (2.285 * 2 * Math.PI * tw);
  const half = Math.ceil(taps / 2);
  const beta = kaiserBeta(STOPBAND_DB);
  const i0b = besselI0(beta);
  const at = (t: number): number => {
    const x = 2 * fc * t;
    const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    return 2 * fc * sinc * kaiserAt(t / half, beta, i0b);
  };
  return { half, at };
}

function checkRate(name: string, rate: number): void {
  if (!Number.isInteger(rate) || rate < 1) throw new RangeError(`resample: ${name} must be a positive integer, got ${rate}`);
}

export function resample(x: Float32Array, fromRate: number, toRate: number): Float32Array {
  checkRate("fromRate", fromRate);
  checkRate("toRate", toRate);
  if (fromRate === toRate) return x.slice();
  const outLen = Math.round((x.length * toRate) / fromRate);
  const y = new Float32Array(outLen);
  if (outLen === 0 || x.length === 0) return y;

  const g = gcd(fromRate, toRate);
  const L = toRate / g; // phases
  const M = fromRate / g; // input step per output sample, in units of 1/L
  const kernel = designKernel(fromRate, toRate);
  const H = kernel.half;
  const width = 2 * H;

  // Weights for fractional position frac: tap j multiplies x[k0 - H + 1 + j], at offset
  // t = frac + H - 1 - j. Each row is normalised to unit sum so DC passes exactly.
  const row = (frac: number, out: Float64Array, at: number): void => {
    let sum = 0;
    for (let j = 0; j < width; j++) sum += out[at + j] = kernel.at(frac + H - 1 - j);
    for (let j = 0; j < width; j++) out[at + j] /= sum;
  };
  // Exact polyphase rows (one per phase p/L) when L is small; otherwise PHASES+1 rows on a fine
  // grid of fractional positions, blended linearly (blending two unit-sum rows keeps unit sum).
  const exact = L * width <= MAX_TABLE;
  const rows = exact ? L : PHASES + 1;
  const table = new Float64Array(rows * width);
  for (let r = 0; r < rows; r++) row(exact ? r / L : r / PHASES, table, r * width);

  const n = x.length;
  for (let i = 0; i < outLen; i++) {
    const pos = i * M; // exact integer arithmetic: the input position is pos / L
    const k0 = Math.floor(pos / L);
    const p = pos - k0 * L;
    const first = k0 - H + 1;
    const j0 = first < 0 ? -first : 0;
    const j1 = Math.min(width, n - first);
    if (exact) {
      y[i] = dot(table, p * width, x, first, j0, j1);
    } else {
      const u = (p / L) * PHASES;
      const q = Math.floor(u);
      const a = u - q;
      const lo = dot(table, q * width, x, first, j0, j1);
      y[i] = a === 0 ? lo : lo + a * (dot(table, (q + 1) * width, x, first, j0, j1) - lo);
    }
  }
  return y;
}

// Two accumulators break the add dependency chain; measurably faster in V8 than one.
function dot(w: Float64Array, off: number, x: Float32Array, first: number, j0: number, j1: number): number {
  let a0 = 0;
  let a1 = 0;
  let j = j0;
  for (; j + 1 < j1; j += 2) {
    a0 += w[off + j] * x[first + j];
    a1 += w[off + j + 1] * x[first + j + 1];
  }
  if (j < j1) a0 += w[off + j] * x[first + j];
  return a0 + a1;
}
