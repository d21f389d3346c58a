// The researcher dashboard's read model: tables and chart data (numbers only; how they look is
// components/charts' business) for one dataset under the page's filters.
import type { Db } from "@/lib/db/client";
import { ALPHA_LEVELS, calibrateConformal, conformalIntervals, empiricalCoverage, meanPairwisePearson, seededShuffle } from "@/lib/metrics";
import { ICC_KEYS } from "@/lib/metrics/agreement-figures";
import { offsetFromOthers, raterBias, raterDrift } from "@/lib/metrics/rater-bias";
import { ALL_ASPECT_KEYS, aspectMatrix, rubricScale, selectAspectKeys, type AspectKey } from "./aspects";
import { agreementByKey, DEFAULT_SEED } from "./dataset-agreement";
import { evaluateLoaded } from "./evaluate-model";
import { loadRatings, type LoadedRatings, type SpeakerGroup } from "./load-ratings";
import { loadPredictions, modelPairs, type StoredPrediction } from "./model-pairs";

export interface DashboardFilters {
  split?: string;
  group?: SpeakerGroup;
  round?: string;
  model?: string;
  /** The key the rater and model charts show ("sentence.accuracy" by default). */
  key?: string;
  replicates?: number;
  seed?: number;
}

export type Cell = string | number | null;
export interface Table {
  name: string;
  title: string;
  columns: string[];
  rows: Cell[][];
}

export type ChartData =
  | { kind: "heatmap"; name: string; title: string; labels: string[]; values: (number | null)[][] }
  | { kind: "bars"; name: string; title: string; categories: string[]; series: { name: string; values: (number | null)[] }[]; yName: string }
  | { kind: "lines"; name: string; title: string; xName: string; yName: string; series: { name: string; points: [number, number][] }[]; diagonal?: boolean }
  | { kind: "scatter"; name: string; title: string; xName: string; yName: string; points: { x: number; y: number; low: number | null; high: number | null }[] };

export interface Dashboard {
  dataset: { id: string; name: string };
  key: string;
  raters: string[];
  tables: Table[];
  charts: ChartData[];
}

const DRIFT_WINDOWS = 10;
const COVERAGE_ALPHAS = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5];

function agreementTable(data: LoadedRatings, filters: DashboardFilters): Table {
  const figs = agreementByKey(data, ALL_ASPECT_KEYS, { seed: filters.seed ?? DEFAULT_SEED, replicates: filters.replicates ?? 200 });
  const metrics: [string, (f: (typeof figs)[string]) => [number | null, [number, number] | null]][] = [
    ...ALPHA_LEVELS.map((l) => [`alpha_${l}`, (f: (typeof figs)[string]) => [f.krippendorff[l], f.ci.krippendorff[l]]] as [string, never]),
    ...ICC_KEYS.map((k) => [k, (f: (typeof figs)[string]) => [f.icc[k], f.ci.icc[k]]] as [string, never]),
    ["fleiss_kappa", (f) => [f.fleiss_kappa, f.ci.fleiss_kappa]],
    ["mean_pairwise_pearson", (f) => [f.mean_pairwise_pearson, f.ci.mean_pairwise_pearson]],
  ];
  return {
    name: "agreement",
    title: "Inter-rater agreement (95% bootstrap CI)",
    columns: ["key", "units", "raters", ...metrics.flatMap(([m]) => [m, `${m}_lo`, `${m}_hi`])],
    rows: Object.entries(figs).map(([key, f]) => [key, f.units, f.raters, ...metrics.flatMap(([, get]) => { const [v, ci] = get(f); return [v, ci?.[0] ?? null, ci?.[1] ?? null]; })]),
  };
}

function raterTablesAndCharts(data: LoadedRatings, key: AspectKey): { tables: Table[]; charts: ChartData[] } {
  const m = aspectMatrix(data, key);
  const names = m.raters.map((r) => data.raters[r].name);
  const pairs = meanPairwisePearson(m.matrix).pairs;
  const heat = names.map((_, a) => names.map((__, b) => (a === b ? 1 : null as number | null)));
  for (const p of pairs) heat[p.raterA][p.raterB] = heat[p.raterB][p.raterA] = p.pearson;
  const bias = raterBias(m.matrix);
  // Drift: offsets in each rater's working order (items they judged, by submittedAt).
  const rowOfUnit = new Map(m.units.map((u, i) => [u, i]));
  const unitsOfItem = new Map<number, number[]>();
  m.units.forEach((u) => {
    const item = key.granularity === "sentence" ? u : key.granularity === "word" ? data.words[u].item : data.phones[u].item;
    const list = unitsOfItem.get(item);
    if (list) list.push(u);
    else unitsOfItem.set(item, [u]);
  });
  const drift = m.raters.map((r, j) => {
    const offsets: number[] = [];
    for (const item of data.order[r]) for (const u of unitsOfItem.get(item) ?? []) {
      const o = offsetFromOthers(m.matrix, rowOfUnit.get(u)!, j, m.raters.length);
      if (o !== null) offsets.push(o);
    }
    return { name: names[j], points: raterDrift(offsets, DRIFT_WINDOWS).map((p) => [p.window + 1, p.bias] as [number, number]) };
  });
  const values = [...new Set(m.matrix.flat().filter((v): v is number => v !== null))].sort((a, b) => a - b);
  // Counts of each value per rater, in one pass over the cells.
  const valueAt = new Map(values.map((v, i) => [v, i]));
  const tally = names.map(() => new Array<number>(values.length).fill(0));
  for (const row of m.matrix) row.forEach((v, j) => { if (v !== null) tally[j][valueAt.get(v)!]++; });
  const dist = names.map((name, j) => ({ name, values: tally[j] as (number | null)[] }));
  return {
    tables: [
      { name: "bias", title: `Rater bias on ${key.key} (mean offset from the other raters)`, columns: ["rater", "n", "bias", "sd"], rows: bias.map((b, j) => [names[j], b.n, b.bias, b.sd]) },
      { name: "pairs", title: `Pairwise Pearson on ${key.key}`, columns: ["rater_a", "rater_b", "n", "pearson"], rows: pairs.map((p) => [names[p.raterA], names[p.raterB], p.n, p.pearson]) },
    ],
    charts: [
      { kind: "heatmap", name: "heatmap", title: `Rater × rater Pearson, ${key.key}`, labels: names, values: heat },
      { kind: "bars", name: "bias", title: `Rater bias, ${key.key}`, categories: names, series: [{ name: "bias", values: bias.map((b) => b.bias) }], yName: "mean offset" },
      { kind: "lines", name: "drift", title: `Drift: bias over each rater's working order (${DRIFT_WINDOWS} windows), ${key.key}`, xName: "window", yName: "mean offset", series: drift },
      { kind: "bars", name: "distribution", title: `Score distribution, ${key.key}`, categories: values.map(String), series: dist, yName: "ratings" },
    ],
  };
}

/** The model part of the dashboard from ratings and predictions already in memory. */
export function modelSection(data: LoadedRatings, key: AspectKey, mv: { name: string }, byItem: Map<number, StoredPrediction>, seed: number): { tables: Table[]; charts: ChartData[] } {
  const ev = evaluateLoaded(data, mv.name, byItem, "raters");
  const cols = ["pcc", "spearman", "rmse", "qwk", "label_accuracy", "human_ceiling_pcc", "coverage", "width"] as const;
  const rows = (["sentence", "word", "phone"] as const).flatMap((g) => Object.entries(ev[g]).map(([a, f]) => [`${g}.${a}`, f.n, ...cols.map((c) => f[c])] as Cell[]));
  const pairs = modelPairs(data, key, byItem, "raters");
  const charts: ChartData[] = [
    {
      kind: "scatter", name: "scatter", title: `${mv.name} vs consensus, ${key.key} (bars: predicted interval)`, xName: "consensus", yName: "prediction",
      points: pairs.y.map((y, i) => ({ x: y, y: pairs.mu[i], low: pairs.low[i], high: pairs.high[i] })),
    },
  ];
  // Nominal vs empirical coverage of split-conformal intervals: seeded half to calibrate, half to test.
  const usable = pairs.y.map((_, i) => i);
  if (usable.length >= 4) {
    const order = seededShuffle(usable, seed);
    const cal = order.slice(0, order.length >> 1);
    const test = order.slice(order.length >> 1);
    const hasSd = pairs.sd.every((s) => s !== null && s > 0);
    const scale = rubricScale(data.dataset.rubric, key);
    const pts = COVERAGE_ALPHAS.map((alpha) => {
      const c = calibrateConformal(cal.map((i) => pairs.y[i]), cal.map((i) => pairs.mu[i]), alpha, hasSd ? cal.map((i) => pairs.sd[i]!) : undefined);
      const iv = conformalIntervals(test.map((i) => pairs.mu[i]), c.qhat, scale, hasSd ? test.map((i) => pairs.sd[i]!) : undefined);
      return [1 - alpha, empiricalCoverage(test.map((i) => pairs.y[i]), iv) ?? 0] as [number, number];
    });
    charts.push({ kind: "lines", name: "coverage", title: `Conformal coverage, ${key.key} (${hasSd ? "σ-normalized" : "plain"}; ${cal.length} calibration / ${test.length} test units)`, xName: "nominal 1 − α", yName: "empirical coverage", series: [{ name: "empirical", points: pts }], diagonal: true });
  }
  return { tables: [{ name: "model", title: `${mv.name} vs consensus (human ceiling = leave-one-rater-out PCC)`, columns: ["key", "n", ...cols], rows }], charts };
}

/** The rater-only part of the dashboard from ratings already in memory (also what the benchmark times). */
export function dashboardFromRatings(data: LoadedRatings, filters: DashboardFilters): Dashboard & { aspectKey: AspectKey } {
  const [g, a] = (filters.key ?? "sentence.accuracy").split(".");
  const key = selectAspectKeys(g, a)[0];
  const raters = raterTablesAndCharts(data, key);
  return {
    dataset: { id: data.dataset.id, name: data.dataset.name },
    key: key.key,
    aspectKey: key,
    raters: data.raters.map((r) => r.name),
    tables: [agreementTable(data, filters), ...raters.tables],
    charts: raters.charts,
  };
}

/** The whole dashboard from what is in memory (the model's predictions when a model is chosen). */
export function dashboardFrom(data: LoadedRatings, filters: DashboardFilters, model?: { name: string; byItem: Map<number, StoredPrediction> }): Dashboard {
  const { aspectKey: key, ...d } = dashboardFromRatings(data, filters);
  const { tables, charts } = d;
  if (model) {
    const m = modelSection(data, key, model, model.byItem, filters.seed ?? DEFAULT_SEED);
    tables.push(...m.tables);
    charts.push(...m.charts);
  }
  return { ...d, tables, charts };
}

export async function buildDashboard(db: Db, datasetId: string, filters: DashboardFilters): Promise<Dashboard> {
  const data = await loadRatings(db, datasetId, filters);
  const model = filters.model ? await loadPredictions(db, filters.model, data) : undefined;
  return dashboardFrom(data, filters, model && { name: model.model.name, byItem: model.byItem });
}
