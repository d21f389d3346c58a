// MFCCs as the orthonormal DCT-II of each frame's log-mel vector (no liftering), the definition
// librosa and torchaudio use with norm="ortho"; c0 is then √N times the mean log-mel energy.

/** numCeps × numMel DCT-II matrix, orthonormal scaling. */
export function dctMatrix(numCeps: number, numMel: number): Float64Array {
  if (numCeps > numMel) throw new RangeError(`cannot take ${numCeps} cepstra from ${numMel} mel bands`);
  const m = new Float64Array(numCeps * numMel);
  for (let k = 0; k < numCeps; k++) {
    const scale = Math.sqrt((k === 0 ? 1 : 2) / numMel);
    for (let n = 0; n < numMel; n++) m[k * numMel + n] = scale * Math.cos((Math.PI * k * (n + 0.5)) / numMel);
  }
  return m;
}

/** logMel is frames × numMel (frame-major); returns frames × numCeps. */
export function mfccFromLogMel(logMel: Float32Array, numMel: number, numCeps = 13): Float32Array {
  const frames = Math.floor(logMel.length / numMel);
  const dct = dctMatrix(numCeps, numMel);
  const out = new Float32Array(frames * numCeps);
  for (let t = 0; t < frames; t++) {
    const row = t * numMel;
    for (let k = 0; k < numCeps; k++) {
      const d = k * numMel;
      let acc = 0;
      for (let n = 0; n < numMel; n++) acc += dct[d + n] * logMel[row + n];
      out[t * numCeps + k] = acc;
    }
  }
  return out;
}
