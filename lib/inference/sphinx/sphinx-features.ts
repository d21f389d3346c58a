// Samples → 1s_c_d_dd feature frames for the Sphinx model (MFCC at a VTLN warp, batch CMN, deltas).
import type { SphinxModel } from "./acoustic-model";
import { cmnBatch, featC_D_DD, type FeatureFrames } from "./feature-streams";
import { sphinxMfcc } from "./mfcc";

export function sphinxFeatures(m: SphinxModel, samples: Float32Array, warp = 1): FeatureFrames {
  return featC_D_DD(cmnBatch(sphinxMfcc(samples, m.params, warp)));
}
