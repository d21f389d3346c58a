/**
 * The five ordinal labels SpeechLLMs use for L2 assessment (METRICS.md), their ids, polarity and
 * a tolerant parser for labels written by models or people.
 */

/** Ordered worst → best; the index is the label id, so id comparisons are ordinal comparisons. */
export const LABELS = ["Worst", "Bad", "Average", "Good", "Excellent"] as const;

export type Label = (typeof LABELS)[number];

/** 0 = Worst … 4 = Excellent. */
export type LabelId = 0 | 1 | 2 | 3 | 4;

export type Polarity = "positive" | "neutral" | "negative";

export function labelId(label: Label): LabelId {
  return LABELS.indexOf(label) as LabelId;
}

/** The label with this id, or null for anything that is not an integer 0-4. */
export function labelFromId(id: number): Label | null {
  return Number.isInteger(id) && id >= 0 && id < LABELS.length ? LABELS[id] : null;
}

export function isLabel(value: unknown): value is Label {
  return typeof value === "string" && (LABELS as readonly string[]).includes(value);
}

export function polarityOf(label: Label): Polarity {
  if (label === "Excellent" || label === "Good") return "positive";
  if (label === "Average") return "neutral";
  return "negative";
}

/**
 * Lower-cased, single-spaced spellings → label. The synonyms are the ones the published
 * SpeechLLM data writes for sentence labels (METRICS.md); a renderer never writes them.
 */
const SPELLINGS: ReadonlyMap<string, Label> = new Map<string, Label>([
  ["worst", "Worst"],
  ["very poor", "Worst"],
  ["bad", "Bad"],
  ["poor", "Bad"],
  ["average", "Average"],
  ["fair", "Average"],
  ["good", "Good"],
  ["excellent", "Excellent"],
]);

/**
 * Parses a label in any case, with any surrounding or inner whitespace ("  very   POOR "), the
 * synonyms Fair/Poor/Very Poor, `-`/`_` as word separators ("very-poor"), and the decoration
 * models wrap around a label (markdown `**Good**`, quotes, a trailing "." or ","). Anything else,
 * including numbers, is not a label: null, so the caller can report the token.
 */
export function parseLabel(text: string): Label | null {
  if (typeof text !== "string") return null;
  // Only decoration is stripped at the ends; letters inside must still spell a label exactly.
  const key = stripEnds(text.normalize("NFKC"), LEADING_DECORATION, TRAILING_DECORATION)
    .replace(/[\s_-]+/g, " ")
    .toLowerCase();
  return SPELLINGS.get(key) ?? null;
}

const LEADING_DECORATION = /[\s*_`"'“”‘’([{]/u;
const TRAILING_DECORATION = /[\s*_`"'“”‘’)\]}.,;:!?]/u;

/**
 * Strips characters matching `lead`/`trail` from the ends. A loop, not /[…]+$/: that regex
 * rescans a long run of such characters from each of its positions (quadratic on model output).
 */
function stripEnds(s: string, lead: RegExp, trail: RegExp): string {
  let start = 0;
  let end = s.length;
  while (start < end && lead.test(s[start])) start++;
  while (end > start && trail.test(s[end - 1])) end--;
  return s.slice(start, end);
}
