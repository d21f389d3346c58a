// Triangular mel filterbank on the HTK/Kaldi mel scale (1127·ln(1 + f/700)), with triangles that
// are linear in mel, as Kaldi computes them, so log-mel features are comparable with Kaldi fbank.

export function hzToMel(hz: number): number {
  return 1127 * Math.log(1 + hz / 700);
}

export function melToHz(mel: number): number {
  return 700 * (Math.exp(mel / 1127) - 1);
}

export interface MelFilterbank {
  numBins: number;
  /** Centre frequency of each band, Hz. */
  centerHz: Float64Array;
  /** out[b] = Σ_k w_b(k)·power[k] over FFT bins k = 0..fftSize/2. */
  apply(power: Float64Array, out: Float64Array): void;
}

export interface MelOptions {
  sampleRate: number;
  fftSize: number;
  numBins: number;
  lowHz?: number;
  highHz?: number;
}

export function createMelFilterbank(o: MelOptions): MelFilterbank {
  const nyquist = o.sampleRate / 2;
  const lowHz = o.lowHz ?? 20;
  const highHz = o.highHz ?? nyquist;
  if (!(lowHz >= 0 && lowHz < highHz && highHz <= nyquist)) {
    throw new RangeError(`mel range ${lowHz}..${highHz} Hz must lie within 0..${nyquist} Hz`);
  }
  const lowMel = hzToMel(lowHz);
  const step = (hzToMel(highHz) - lowMel) / (o.numBins + 1);
  const nfft = o.fftSize / 2 + 1;
  const centerHz = new Float64Array(o.numBins);
  const starts = new Int32Array(o.numBins);
  const weights: Float64Array[] = [];

  for (let b = 0; b < o.numBins; b++) {
    const left = lowMel + b * step;
    const centre = left + step;
    const right = centre + step;
    centerHz[b] = melToHz(centre);
    let first = -1;
    const w: number[] = [];
    for (let k = 0; k < nfft; k++) {
      const mel = hzToMel((k * o.sampleRate) / o.fftSize);
      if (mel <= left || mel >= right) continue;
      if (first < 0) first = k;
      w.push(mel <= centre ? (mel - left) / step : (right - mel) / step);
    }
    // A band narrower than an FFT bin catches nothing; that would be a silent -inf band, so refuse.
    if (first < 0) {
      throw new RangeError(`mel band ${b} (${centerHz[b].toFixed(1)} Hz) contains no FFT bin: use fewer bands or a larger FFT`);
    }
    starts[b] = first;
    weights.push(Float64Array.from(w));
  }

  return {
    numBins: o.numBins,
    centerHz,
    apply(power, out) {
      for (let b = 0; b < o.numBins; b++) {
        const w = weights[b];
        const s = starts[b];
        let acc = 0;
        for (let j = 0; j < w.length; j++) acc += w[j] * power[s + j];
        out[b] = acc;
      }
    },
  };
}
