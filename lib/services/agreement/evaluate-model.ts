// `eval`: a model against the human consensus per granularity and aspect, with the human ceiling
// (leave-one-rater-out PCC on the same units) beside each figure and the coverage/width of the
// model's own intervals.
import type { Db } from "@/lib/db/client";
import { cohenKappa, empiricalCoverage, leaveOneRaterOut, meanWidth, pearson, rmse, spearman } from "@/lib/metrics";
import { ALL_ASPECT_KEYS, type AspectKey } from "./aspects";
import { fullCells } from "./aspects";
import { loadRatings, type LoadedRatings, type RatingFilters } from "./load-ratings";
import { loadPredictions, modelPairs, type ConsensusSource, type ModelPairs, type StoredPrediction } from "./model-pairs";

export interface ModelAspectFigures {
  n: number;
  pcc: number | null;
  spearman: number | null;
  rmse: number | null;
  qwk: number | null;
  label_accuracy: number | null;
  human_ceiling_pcc: number | null;
  coverage: number | null;
  width: number | null;
}

export interface EvalResult {
  model: string;
  dataset: string;
  n: number;
  consensus: string;
  sentence: Record<string, ModelAspectFigures>;
  word: Record<string, ModelAspectFigures>;
  phone: Record<string, ModelAspectFigures>;
}

export interface EvalRequest extends RatingFilters {
  dataset: string;
  model: string;
  consensus?: ConsensusSource;
}

const LABEL_IDS = [0, 1, 2, 3, 4];

export function modelFigures(data: LoadedRatings, key: AspectKey, pairs: ModelPairs): ModelAspectFigures {
  const n = pairs.y.length;
  let hits = 0;
  for (let i = 0; i < n; i++) if (pairs.yLabel[i] === pairs.muLabel[i]) hits++;
  // Human ceiling on exactly the units the model is scored on.
  const cells = fullCells(data, key);
  const ceiling = n ? leaveOneRaterOut(pairs.units.map((u) => cells[u])).mean : null;
  const withInterval = pairs.low.flatMap((lo, i) => (lo !== null && pairs.high[i] !== null ? [i] : []));
  const intervals = withInterval.map((i) => ({ lower: pairs.low[i]!, upper: pairs.high[i]! }));
  return {
    n,
    pcc: pearson(pairs.mu, pairs.y),
    spearman: spearman(pairs.mu, pairs.y),
    rmse: rmse(pairs.mu, pairs.y),
    qwk: n >= 2 ? cohenKappa(pairs.muLabel, pairs.yLabel, { weighting: "quadratic", categories: LABEL_IDS }) : null,
    label_accuracy: n ? hits / n : null,
    human_ceiling_pcc: ceiling,
    coverage: intervals.length ? empiricalCoverage(withInterval.map((i) => pairs.y[i]), intervals) : null,
    width: intervals.length ? meanWidth(intervals) : null,
  };
}

export function evaluateLoaded(
  data: LoadedRatings,
  model: string,
  byItem: Map<number, StoredPrediction>,
  source: ConsensusSource,
): EvalResult {
  const out: EvalResult = { model, dataset: data.dataset.name, n: byItem.size, consensus: source === "raters" ? data.dataset.rubric.consensus : "published", sentence: {}, word: {}, phone: {} };
  for (const key of ALL_ASPECT_KEYS) {
    // Word-level predictions carry accuracy only (the SpeechLLM format); stress/total are not evaluated.
    if (key.granularity === "word" && key.aspect !== "accuracy") continue;
    out[key.granularity][key.aspect] = modelFigures(data, key, modelPairs(data, key, byItem, source));
  }
  return out;
}

export async function evaluateModel(db: Db, req: EvalRequest): Promise<EvalResult> {
  const data = await loadRatings(db, req.dataset, req);
  const { model, byItem } = await loadPredictions(db, req.model, data);
  return evaluateLoaded(data, model.name, byItem, req.consensus ?? "raters");
}
