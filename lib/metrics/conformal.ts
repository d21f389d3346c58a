// Split conformal calibration (Vovk et al. 2005; Lei et al. 2018, "Distribution-free predictive
// inference for regression"; Angelopoulos & Bates 2023, §1): intervals with ≥ 1 − α coverage.

type Values = readonly number[];

export interface Scale {
  min: number;
  max: number;
}

export interface Interval {
  lower: number;
  upper: number;
}

export interface ConformalCalibration {
  /**
   * The calibrated score quantile. +Infinity when ⌈(n+1)(1−α)⌉ > n (too few calibration points
   * for this α): every interval is then the whole scale. Intervals stay finite after clipping;
   * do not serialise qhat itself to JSON without handling Infinity.
   */
  qhat: number;
  n: number;
  alpha: number;
  /** True when scores were divided by σ. */
  normalized: boolean;
}

function checkFinite(values: Values, name: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new Error(`conformal: ${name}[${i}] is not a finite number (${values[i]})`);
  }
}

/** Nonconformity scores s_i = |y_i − μ_i| / σ_i, or |y_i − μ_i| when σ is absent. */
export function conformalScores(y: Values, mu: Values, sigma?: Values): number[] {
  if (y.length !== mu.length) throw new Error(`conformal: y and mu differ in length (${y.length} vs ${mu.length})`);
  if (sigma && sigma.length !== y.length) throw new Error(`conformal: sigma has ${sigma.length} values for ${y.length} targets`);
  checkFinite(y, "y");
  checkFinite(mu, "mu");
  if (sigma) {
    checkFinite(sigma, "sigma");
    sigma.forEach((s, i) => {
      if (!(s > 0)) throw new Error(`conformal: sigma[${i}] must be > 0, got ${s}`);
    });
  }
  return y.map((yi, i) => Math.abs(yi - mu[i]) / (sigma ? sigma[i] : 1));
}

/** q̂ = the ⌈(n+1)(1−α)⌉-th smallest score; +Infinity when that rank exceeds n. */
export function conformalQuantile(scores: Values, alpha: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new Error(`conformal: alpha must be in (0, 1), got ${alpha}`);
  const n = scores.length;
  if (n === 0) throw new Error("conformal: no calibration scores");
  checkFinite(scores, "scores");
  // Guard the ceiling against floating error, e.g. (n+1)(1−α) = 1800.0000000000002.
  const rank = Math.ceil((n + 1) * (1 - alpha) - 1e-9);
  if (rank > n) return Infinity;
  const sorted = [...scores].sort((a, b) => a - b);
  return sorted[Math.max(rank, 1) - 1];
}

/** Calibrates on a calibration split: scores, then q̂. */
export function calibrateConformal(y: Values, mu: Values, alpha: number, sigma?: Values): ConformalCalibration {
  const scores = conformalScores(y, mu, sigma);
  return { qhat: conformalQuantile(scores, alpha), n: scores.length, alpha, normalized: sigma !== undefined };
}

/** Intervals μ ± q̂σ (σ = 1 when absent), clipped to [scale.min, scale.max]. */
export function conformalIntervals(mu: Values, qhat: number, scale: Scale, sigma?: Values): Interval[] {
  if (!(scale.min <= scale.max)) throw new Error(`conformal: scale min ${scale.min} > max ${scale.max}`);
  if (!(qhat >= 0)) throw new Error(`conformal: qhat must be ≥ 0, got ${qhat}`);
  if (sigma && sigma.length !== mu.length) throw new Error(`conformal: sigma has ${sigma.length} values for ${mu.length} means`);
  checkFinite(mu, "mu");
  if (sigma) checkFinite(sigma, "sigma");
  const clip = (v: number) => Math.min(scale.max, Math.max(scale.min, v));
  return mu.map((m, i) => {
    const half = qhat === Infinity ? Infinity : qhat * (sigma ? sigma[i] : 1);
    return { lower: clip(m - half), upper: clip(m + half) };
  });
}

function checkPaired(y: Values, intervals: readonly Interval[]): void {
  if (y.length !== intervals.length) throw new Error(`conformal: ${y.length} targets for ${intervals.length} intervals`);
}

/** Share of y_i inside [lower_i, upper_i]; null when empty. */
export function empiricalCoverage(y: Values, intervals: readonly Interval[]): number | null {
  checkPaired(y, intervals);
  if (y.length === 0) return null;
  let hit = 0;
  for (let i = 0; i < y.length; i++) if (y[i] >= intervals[i].lower && y[i] <= intervals[i].upper) hit++;
  return hit / y.length;
}

/** Mean of upper − lower; null when empty. */
export function meanWidth(intervals: readonly Interval[]): number | null {
  if (intervals.length === 0) return null;
  return intervals.reduce((s, iv) => s + (iv.upper - iv.lower), 0) / intervals.length;
}

export interface BinCoverage {
  bin: string;
  n: number;
  coverage: number;
  meanWidth: number;
}

/** Coverage and mean width per bin of the true value; `bin(y, i)` names the bin (e.g. a label). */
export function coverageByBin(
  y: Values,
  intervals: readonly Interval[],
  bin: (value: number, index: number) => string,
): BinCoverage[] {
  checkPaired(y, intervals);
  const groups = new Map<string, { n: number; hit: number; width: number }>();
  for (let i = 0; i < y.length; i++) {
    const key = bin(y[i], i);
    const g = groups.get(key) ?? { n: 0, hit: 0, width: 0 };
    g.n++;
    if (y[i] >= intervals[i].lower && y[i] <= intervals[i].upper) g.hit++;
    g.width += intervals[i].upper - intervals[i].lower;
    groups.set(key, g);
  }
  return [...groups].map(([key, g]) => ({ bin: key, n: g.n, coverage: g.hit / g.n, meanWidth: g.width / g.n }));
}
