// Goodness of pronunciation (Witt & Young 2000) per aligned phone, from frame log-likelihoods:
// - gop: mean over the phone's frames of [log p(o_t | aligned state) − max over all states log p(o_t | q)],
//   the frame-level form of log P(O|p)/max_q P(O|q) normalised by duration (≤ 0; 0 = best anywhere);
// - lpp: mean log posterior of the canonical unit against all units (unit score = its best state);
// - hit: share of frames where the canonical unit is the best unit.
export interface GopScores {
  gop: number;
  lpp: number;
  hit: number;
}

export function gopForSpan(ll: Float32Array, nStates: number, statesPerUnit: number, startFrame: number, states: number[], unit: number): GopScores {
  const nUnits = nStates / statesPerUnit;
  const unitBest = new Float64Array(nUnits);
  let gop = 0;
  let lpp = 0;
  let hit = 0;
  for (let i = 0; i < states.length; i++) {
    const row = (startFrame + i) * nStates;
    let max = -Infinity;
    for (let u = 0; u < nUnits; u++) {
      let b = -Infinity;
      for (let j = 0; j < statesPerUnit; j++) b = Math.max(b, ll[row + u * statesPerUnit + j]);
      unitBest[u] = b;
      if (b > max) max = b;
    }
    let z = 0;
    for (let u = 0; u < nUnits; u++) z += Math.exp(unitBest[u] - max);
    gop += ll[row + states[i]] - max;
    lpp += unitBest[unit] - max - Math.log(z);
    if (unitBest[unit] >= max) hit++;
  }
  const n = Math.max(1, states.length);
  return { gop: gop / n, lpp: lpp / n, hit: hit / n };
}
