// The heads' input matrices: the built-in feature columns, followed by the Sphinx model's extra
// columns when the acoustic model gives them.
import type { FeatureSet } from "./extract";
import { concatColumns, type ExtraFeatures } from "./sphinx-extras";

export function headInputs(base: FeatureSet, extras: ExtraFeatures | undefined, nWords: number, nPhones: number): FeatureSet {
  if (!extras) return base;
  const dim = (m: Float32Array, rows: number) => (rows ? m.length / rows : 0);
  return {
    sentence: concatColumns(base.sentence, base.sentence.length, extras.sentence, extras.sentence.length),
    words: concatColumns(base.words, dim(base.words, nWords), extras.words, dim(extras.words, nWords)),
    phones: concatColumns(base.phones, dim(base.phones, nPhones), extras.phones, dim(extras.phones, nPhones)),
  };
}
