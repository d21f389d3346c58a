// The Sphinx MFCC front end as sphinx_fe computes it (sphinxbase fe_sigproc, float build): int16-scale
// samples, pre-emphasis across the whole signal, a Hamming window of wlen·rate samples every
// rate/frate samples (the last, partial window zero-padded), |FFT|² on nfft points, triangular mel
// filters of unit area whose edges are rounded to FFT bins, log(x + 1e-4), the unitary DCT-II and a
// sinusoidal lifter. VTLN: an inverse-linear warp α places the filters as sphinx_fe's
// -warp_type inverse_linear -warp_params α does (filter frequencies computed on f/α, then × α).
import { createRealFft } from "@/lib/audio/fft";
import { hammingWindow } from "@/lib/audio/window-functions";
import type { FrontEndParams } from "./feat-params";

const LOG_FLOOR = 1e-4;

interface MelBank {
  start: Int32Array;
  coeffs: Float64Array[];
}

const mel = (f: number) => 2595 * Math.log10(1 + f / 700);
const melInv = (m: number) => 700 * (10 ** (m / 2595) - 1);

function melBank(p: FrontEndParams, warp: number): MelBank {
  const fftFreq = p.sampleRate / p.nfft;
  const melMin = mel(p.lowerHz / warp);
  const melMax = mel(p.upperHz / warp);
  const bw = (melMax - melMin) / (p.nfilt + 1);
  const start = new Int32Array(p.nfilt);
  const coeffs: Float64Array[] = [];
  const half = p.nfft / 2;
  for (let i = 0; i < p.nfilt; i++) {
    const fr = [0, 1, 2].map((j) => Math.trunc((warp * melInv((i + j) * bw + melMin)) / fftFreq + 0.5) * fftFreq);
    let s = -1;
    let width = 0;
    for (let j = 0; j <= half; j++) {
      const hz = j * fftFreq;
      if (hz < fr[0]) continue;
      if (hz > fr[2] || j === half) {
        width = j - s;
        break;
      }
      if (s === -1) s = j;
    }
    start[i] = s;
    const c = new Float64Array(Math.max(0, width));
    for (let j = 0; j < c.length; j++) {
      const hz = (s + j) * fftFreq;
      const lo = ((hz - fr[0]) / (fr[1] - fr[0])) * (2 / (fr[2] - fr[0]));
      const hi = ((fr[2] - hz) / (fr[2] - fr[1])) * (2 / (fr[2] - fr[0]));
      c[j] = Math.min(lo, hi);
    }
    coeffs.push(c);
  }
  return { start, coeffs };
}

export interface Cepstra {
  frames: number;
  ncep: number;
  /** frames × ncep, frame-major. */
  data: Float32Array;
}

export function frameGeometry(p: FrontEndParams): { size: number; shift: number } {
  return { size: Math.trunc(p.windowSec * p.sampleRate + 0.5), shift: Math.trunc(p.sampleRate / p.frameRate + 0.5) };
}

/** Number of frames sphinx_fe writes for n samples (with -remove_silence no). */
export function frameCountFor(n: number, p: FrontEndParams): number {
  const { size, shift } = frameGeometry(p);
  if (n < size) return n > 0 ? 1 : 0;
  const full = 1 + Math.floor((n - size) / shift);
  return full + (n - ((full - 1) * shift + size) > 0 ? 1 : 0);
}

const banks = new Map<string, MelBank>();

/** MFCC of samples in [-1, 1) (scaled to int16 range as sphinx_fe reads them). */
export function sphinxMfcc(samples: Float32Array, p: FrontEndParams, warp = 1): Cepstra {
  const key = `${JSON.stringify(p)}|${warp}`;
  let bank = banks.get(key);
  if (!bank) {
    bank = melBank(p, warp);
    banks.set(key, bank);
  }
  const { size, shift } = frameGeometry(p);
  const n = samples.length;
  const frames = frameCountFor(n, p);
  const win = hammingWindow(size);
  const fft = createRealFft(p.nfft);
  const buf = new Float64Array(p.nfft);
  const re = new Float64Array(p.nfft / 2 + 1);
  const im = new Float64Array(p.nfft / 2 + 1);
  const logMel = new Float64Array(p.nfilt);
  const out = new Float32Array(frames * p.ncep);
  const cos: Float64Array[] = Array.from({ length: p.ncep }, (_, i) => Float64Array.from({ length: p.nfilt }, (_, j) => Math.cos((Math.PI / p.nfilt) * i * (j + 0.5))));
  const sqrtInvN = Math.sqrt(1 / p.nfilt);
  const sqrtInv2N = Math.sqrt(2 / p.nfilt);
  const lifter = Float64Array.from({ length: p.ncep }, (_, i) => (p.lifter ? 1 + (p.lifter / 2) * Math.sin((i * Math.PI) / p.lifter) : 1));
  const a = p.preEmphasis;
  for (let t = 0; t < frames; t++) {
    const s0 = t * shift;
    const len = Math.min(size, n - s0);
    buf.fill(0);
    for (let i = 0; i < len; i++) {
      const x = samples[s0 + i] * 32768;
      const prev = s0 + i > 0 ? samples[s0 + i - 1] * 32768 : 0;
      buf[i] = (a ? x - a * prev : x) * win[i];
    }
    fft.forward(buf, re, im);
    for (let f = 0; f < p.nfilt; f++) {
      const c = bank.coeffs[f];
      const st = bank.start[f];
      let e = 0;
      for (let j = 0; j < c.length; j++) e += (re[st + j] * re[st + j] + im[st + j] * im[st + j]) * c[j];
      logMel[f] = Math.log(e + LOG_FLOOR);
    }
    for (let i = 0; i < p.ncep; i++) {
      let v = 0;
      const ci = cos[i];
      for (let j = 0; j < p.nfilt; j++) v += logMel[j] * ci[j];
      out[t * p.ncep + i] = v * (i === 0 ? sqrtInvN : sqrtInv2N) * lifter[i];
    }
  }
  return { frames, ncep: p.ncep, data: out };
}
