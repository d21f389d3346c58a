// Per-speaker vocal tract length normalisation: the frequency warp (sphinx_fe's inverse-linear
// -warp_params) under which the model best explains a few of the speaker's recordings, forced-
// aligned to their texts (audio and text only, never scores). A coarse grid from 0.80 to 1.60 in
// steps of 0.2 (the children's voices sit high: a prototype found most children and women at the
// top of a grid that stopped at 1.3), then the neighbours ±0.1 and ±0.05 of the best so far (so
// 0.65–1.75 can be reached).
import type { SphinxModel } from "./acoustic-model";
import { forcedLogLikPerFrame } from "./align-gop";
import { sphinxFeatures } from "./sphinx-features";

export const COARSE_WARPS = [0.8, 1.0, 1.2, 1.4, 1.6];
export const REFINE_STEPS = [0.1, 0.05];
/** How many of a speaker's recordings choose the warp. */
export const WARP_UTTERANCES = 2;

export interface WarpChoice {
  warp: number;
  /** Mean forced log-likelihood per frame at each warp tried. */
  tried: { warp: number; logLik: number }[];
}

export async function chooseWarp(m: SphinxModel, utts: { samples: Float32Array; words: { phones: string[] }[] }[]): Promise<WarpChoice> {
  const use = utts.slice(0, WARP_UTTERANCES);
  const tried = new Map<number, number>();
  const score = async (w: number) => {
    const key = Math.round(w * 100) / 100;
    if (!tried.has(key)) {
      let sum = 0;
      let n = 0;
      for (const u of use) {
        const ll = await forcedLogLikPerFrame(m, sphinxFeatures(m, u.samples, key), u.words);
        if (ll !== null) (sum += ll), n++;
      }
      tried.set(key, n ? sum / n : -Infinity);
    }
    return tried.get(key)!;
  };
  let best = 1;
  let bestLL = -Infinity;
  for (const w of COARSE_WARPS) {
    const ll = await score(w);
    if (ll > bestLL) (bestLL = ll), (best = w);
  }
  for (const step of REFINE_STEPS) {
    const centre = best;
    for (const w of [centre - step, centre + step]) {
      const ll = await score(w);
      if (ll > bestLL) (bestLL = ll), (best = Math.round(w * 100) / 100);
    }
  }
  if (!Number.isFinite(bestLL)) best = 1;
  return { warp: best, tried: [...tried].map(([warp, logLik]) => ({ warp, logLik })).sort((a, b) => a.warp - b.warp) };
}
