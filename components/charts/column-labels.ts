// Readable headers for the dashboard's tables: each column id (as in the CSV download, which keeps
// them) gets a short label and a tooltip that says what the figure is.
export interface ColumnLabel {
  label: string;
  title: string;
}

const ALPHA = (level: string, what: string): ColumnLabel => ({
  label: `α ${level}`,
  title: `Krippendorff's alpha, ${level} distance (${what}); 1 = perfect agreement, 0 = chance. Missing ratings allowed.`,
});
const ICC = (label: string, what: string): ColumnLabel => ({
  label,
  title: `Intraclass correlation ${label}: ${what} (Shrout & Fleiss). Needs every rater on every unit, else —.`,
});

export const COLUMN_LABELS: Record<string, ColumnLabel> = {
  key: { label: "Aspect", title: "What was scored: level (sentence, word, phone) and aspect" },
  units: { label: "Units", title: "Units (utterances, words or phones) in the computation" },
  raters: { label: "Raters", title: "Raters who scored at least one of these units" },
  alpha_nominal: ALPHA("nominal", "scores as unordered categories"),
  alpha_ordinal: ALPHA("ordinal", "scores as ranks"),
  alpha_interval: ALPHA("interval", "squared differences of scores"),
  alpha_ratio: ALPHA("ratio", "differences relative to the scores' size"),
  ICC1: ICC("ICC(1,1)", "one-way random effects, one rater"),
  ICC2: ICC("ICC(2,1)", "two-way random effects, absolute agreement, one rater"),
  ICC3: ICC("ICC(3,1)", "two-way mixed effects, consistency, one rater"),
  ICC1k: ICC("ICC(1,k)", "one-way random effects, mean of k raters"),
  ICC2k: ICC("ICC(2,k)", "two-way random effects, absolute agreement, mean of k raters"),
  ICC3k: ICC("ICC(3,k)", "two-way mixed effects, consistency, mean of k raters"),
  fleiss_kappa: { label: "Fleiss κ", title: "Fleiss' kappa: chance-corrected agreement on scores as categories, over all raters" },
  mean_pairwise_pearson: { label: "Mean r", title: "Mean Pearson correlation over every pair of raters (on the units both scored)" },
  rater: { label: "Rater", title: "Rater" },
  n: { label: "N", title: "Units counted" },
  bias: { label: "Bias", title: "Mean offset of this rater's score from the mean of the other raters on the same unit" },
  sd: { label: "SD", title: "Standard deviation of that offset" },
  rater_a: { label: "Rater A", title: "First rater of the pair" },
  rater_b: { label: "Rater B", title: "Second rater of the pair" },
  pearson: { label: "Pearson r", title: "Pearson correlation of the two raters' scores on the units both scored" },
  pcc: { label: "PCC", title: "Pearson correlation of the model's predictions with the raters' consensus" },
  spearman: { label: "Spearman ρ", title: "Spearman rank correlation of the predictions with the consensus" },
  rmse: { label: "RMSE", title: "Root mean squared error of the predictions against the consensus (rubric scale)" },
  qwk: { label: "QWK", title: "Quadratic weighted kappa between predicted and consensus scores" },
  label_accuracy: { label: "Label acc.", title: "Share of units whose predicted label equals the consensus label" },
  human_ceiling_pcc: { label: "Human ceiling", title: "Leave-one-rater-out PCC: how well one rater predicts the other raters' consensus" },
  coverage: { label: "Coverage", title: "Share of consensus scores inside the model's predicted interval" },
  width: { label: "Interval width", title: "Mean width of the model's predicted interval" },
};

/** The label and tooltip of a column; an unknown id gets a readable form of itself. */
export function columnLabel(id: string): ColumnLabel {
  const known = COLUMN_LABELS[id];
  if (known) return known;
  const label = id.replace(/[_.]+/g, " ").replace(/^./, (c) => c.toUpperCase());
  return { label, title: label };
}
