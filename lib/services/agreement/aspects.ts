// Which (granularity, aspect) pairs Attest reports, how they are named on the command line and in
// JSON ("sentence.accuracy", "word.stress", "phone.accuracy"), and the matrix behind each.
import { AppError } from "@/lib/errors";
import { SENTENCE_ASPECTS, WORD_ASPECTS, type Granularity, type Rubric, type Scale } from "@/lib/rubric/rubric";
import type { LoadedRatings } from "./load-ratings";

/** The phone aspect is the rubric's `score`; it is reported as "accuracy" (as `eval` does) and `score` is accepted as an alias. */
export const ASPECTS: Record<Granularity, readonly string[]> = {
  sentence: SENTENCE_ASPECTS,
  word: WORD_ASPECTS,
  phone: ["accuracy"],
};

export interface AspectKey {
  granularity: Granularity;
  aspect: string;
  key: string;
}

export const ALL_ASPECT_KEYS: AspectKey[] = (Object.keys(ASPECTS) as Granularity[]).flatMap((g) =>
  ASPECTS[g].map((a) => ({ granularity: g, aspect: a, key: `${g}.${a}` })),
);

/** The keys selected by optional --granularity/--aspect; throws INVALID_INPUT on unknown names. */
export function selectAspectKeys(granularity?: string, aspect?: string): AspectKey[] {
  if (granularity !== undefined && !(granularity in ASPECTS)) {
    throw new AppError("INVALID_INPUT", `granularity must be one of ${Object.keys(ASPECTS).join(", ")}, got "${granularity}"`, [{ field: "granularity", message: "unknown granularity" }]);
  }
  const a = aspect === "score" && (granularity === "phone" || granularity === undefined) ? "accuracy" : aspect;
  const keys = ALL_ASPECT_KEYS.filter((k) => (!granularity || k.granularity === granularity) && (!a || k.aspect === a));
  if (keys.length === 0) {
    const valid = granularity ? ASPECTS[granularity as Granularity].join(", ") : [...new Set(ALL_ASPECT_KEYS.map((k) => k.aspect))].join(", ");
    throw new AppError("INVALID_INPUT", `aspect "${aspect}" is not one of ${valid}${granularity ? ` for ${granularity}` : ""}`, [{ field: "aspect", message: "unknown aspect" }]);
  }
  return keys;
}

/** The rubric's scale of one key: what raters type and what every figure of that key is reported on (completeness 0-1). */
export function rubricScale(rubric: Rubric, key: AspectKey): Scale {
  if (key.granularity === "sentence") return rubric.sentence[key.aspect as (typeof SENTENCE_ASPECTS)[number]];
  if (key.granularity === "word") return rubric.word[key.aspect as (typeof WORD_ASPECTS)[number]];
  return rubric.phone.score;
}

export interface AspectMatrix {
  /** Rows: units with at least one rating; columns: raters with at least one rating here. */
  matrix: (number | null)[][];
  /** Unit index (into items / words / phones) of each row. */
  units: number[];
  /** Rater index (into LoadedRatings.raters) of each column. */
  raters: number[];
}

/** The full (unit × rater) cells of one key, including empty rows and columns. */
export function fullCells(data: LoadedRatings, key: AspectKey): (number | null)[][] {
  if (key.granularity === "sentence") return data.sentence[key.aspect as (typeof SENTENCE_ASPECTS)[number]];
  if (key.granularity === "word") return data.word[key.aspect as (typeof WORD_ASPECTS)[number]];
  return data.phone;
}

export function aspectMatrix(data: LoadedRatings, key: AspectKey): AspectMatrix {
  const cells = fullCells(data, key);
  const k = data.raters.length;
  const used = new Array<boolean>(k).fill(false);
  const units: number[] = [];
  for (let u = 0; u < cells.length; u++) {
    let any = false;
    for (let r = 0; r < k; r++) if (cells[u][r] !== null) (any = true), (used[r] = true);
    if (any) units.push(u);
  }
  const raters = used.flatMap((on, r) => (on ? [r] : []));
  const matrix = units.map((u) => raters.map((r) => cells[u][r]));
  return { matrix, units, raters };
}
