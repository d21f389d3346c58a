// Benchmark (issue 5): Krippendorff's α at all four levels and the six ICCs on 1,000,000 ratings
// (100,000 units × 10 raters, 10% missing, seeded), against a straightforward pairwise-loop α run
// in the same process on a subset; and the rater part of the agreement dashboard (tables with
// bootstrap CIs for every aspect, charts rendered to SVG) for a synthetic 5,000-item, 5-rater dataset.
//   npx tsx scripts/bench/agreement.ts
import { krippendorffAlphaAll, icc, mulberry32, randomInt } from "@/lib/metrics";
import { dashboardFromRatings } from "@/lib/services/agreement/dashboard";
import type { LoadedRatings } from "@/lib/services/agreement/load-ratings";
import { renderChartSvg } from "@/components/charts/render-svg";
import { SPEECHOCEAN762_RUBRIC } from "@/lib/rubric/rubric";

const secs = (t0: number) => (performance.now() - t0) / 1000;

function ratings(n: number, k: number, missing: number, seed: number, max = 10): (number | null)[][] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => {
    const truth = randomInt(rng, max + 1);
    return Array.from({ length: k }, () => (rng() < missing ? null : Math.max(0, Math.min(max, truth + randomInt(rng, 5) - 2))));
  });
}

/** The textbook α (interval): D_o from every within-unit pair, D_e from every pair of pairable values. O(N²). */
function referenceIntervalAlpha(m: (number | null)[][]): number {
  let dO = 0;
  const all: number[] = [];
  for (const row of m) {
    const v = row.filter((x): x is number => x !== null);
    if (v.length < 2) continue;
    for (let i = 0; i < v.length; i++) for (let j = 0; j < v.length; j++) if (i !== j) dO += (v[i] - v[j]) ** 2 / (v.length - 1);
    all.push(...v);
  }
  let dE = 0;
  for (let i = 0; i < all.length; i++) for (let j = 0; j < all.length; j++) if (i !== j) dE += (all[i] - all[j]) ** 2;
  const N = all.length;
  return 1 - ((N - 1) * dO) / dE;
}

const N = 100_000;
const K = 10;
const big = ratings(N, K, 0.1, 1);
const present = big.reduce((s, r) => s + r.filter((v) => v !== null).length, 0);
let t0 = performance.now();
const alpha = krippendorffAlphaAll(big);
const tAlpha = secs(t0);
// ICCs are undefined with missing cells (Shrout & Fleiss' design is complete): time them on the same size, complete.
const complete = ratings(N, K, 0, 2);
t0 = performance.now();
const iccs = icc(complete);
const tIcc = secs(t0);
console.log(`α (4 levels), ${N} × ${K}, ${present} ratings present: ${tAlpha.toFixed(3)} s  (interval ${alpha.interval!.toFixed(4)})`);
console.log(`6 ICCs, ${N} × ${K} complete (${N * K} ratings): ${tIcc.toFixed(3)} s  (ICC2 ${iccs.icc2!.toFixed(4)})`);
console.log(`α + ICCs: ${(tAlpha + tIcc).toFixed(3)} s (target < 1 s)`);

const SUB = 2_000;
const sub = big.slice(0, SUB);
t0 = performance.now();
const ref = referenceIntervalAlpha(sub);
const tRef = secs(t0);
t0 = performance.now();
const ours = krippendorffAlphaAll(sub).interval!;
const tOurs = secs(t0);
const perUnitRef = tRef / SUB;
const perUnitOurs = tAlpha / N;
console.log(`reference pairwise-loop α (interval only), ${SUB} units: ${tRef.toFixed(3)} s; ours (4 levels) on the same: ${tOurs.toFixed(4)} s; |Δα| = ${Math.abs(ref - ours).toExponential(2)}`);
console.log(`ratio per unit, reference ÷ ours (4 levels, at 100,000 units): ${(perUnitRef / perUnitOurs).toFixed(1)}× — and the reference is O(N²): at 100,000 units it would take ≈ ${(tRef * (N / SUB) ** 2 / 3600).toFixed(1)} h`);

// Dashboard: 5,000 items × 5 raters, 6 words and 18 phones per item (speechocean762's averages).
function synthetic(items: number, k: number): LoadedRatings {
  const s = ratings(items, k, 0.02, 3);
  const w = ratings(items * 6, k, 0, 4);
  const p = ratings(items * 18, k, 0, 5, 2);
  const t = Date.now();
  return {
    dataset: { id: "bench", name: "bench", rubric: SPEECHOCEAN762_RUBRIC },
    raters: Array.from({ length: k }, (_, i) => ({ id: `r${i}`, name: `rater-${i + 1}` })),
    items: Array.from({ length: items }, (_, i) => ({ id: `i${i}`, uttId: String(i), split: "test", speakerAge: 10 + (i % 20) })),
    words: w.map((_, i) => ({ id: `w${i}`, item: Math.floor(i / 6), index: i % 6, text: "W" })),
    phones: p.map((_, i) => ({ id: `p${i}`, item: Math.floor(i / 18), position: i % 18, symbol: "AH0" })),
    sentence: { accuracy: s, fluency: s, prosody: s, completeness: s.map((r) => r.map((v) => (v === null ? null : v / 10))), total: s },
    word: { accuracy: w, stress: w.map((r) => r.map((v) => (v === null ? null : v >= 5 ? 10 : 5))), total: w },
    phone: p,
    order: Array.from({ length: k }, () => Array.from({ length: items }, (_, i) => i)),
    reference: { sentence: new Map(), word: new Map(), phone: new Map() },
    // (timestamps are not used by the read model)
    ...({ _t: t } as object),
  } as LoadedRatings;
}
const data = synthetic(5_000, 5);
for (const replicates of [50, 200]) {
  t0 = performance.now();
  const d = dashboardFromRatings(data, { replicates, seed: 1 });
  const tCompute = secs(t0);
  t0 = performance.now();
  const svgs = d.charts.map((c) => renderChartSvg(c));
  const tRender = secs(t0);
  console.log(
    `dashboard, 5,000 items × 5 raters (${data.words.length} words, ${data.phones.length} phones), ${replicates} bootstrap resamples: ` +
      `figures ${tCompute.toFixed(2)} s + ${svgs.length} SVG charts ${tRender.toFixed(2)} s = ${(tCompute + tRender).toFixed(2)} s (target < 2 s; later views are cached)`,
  );
}
