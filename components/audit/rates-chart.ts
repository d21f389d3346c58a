// Plausibility vs faithfulness per granularity as a server-rendered ECharts SVG (no client JS):
// the sentence-vs-token gap should be visible at a glance.
import * as echarts from "echarts";

export interface RateRow {
  granularity: string;
  plausibility: number | null;
  faithfulness: number | null;
  plausibility_non_contradicting?: number | null;
  faithfulness_non_contradicting?: number | null;
  mentions: number;
}

export function ratesChartSvg(rows: RateRow[], width = 860, height = 320): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  chart.setOption({
    animation: false,
    legend: { top: 0, data: ["plausibility (vs model)", "plausibility, non-contradicting", "faithfulness (vs humans)", "faithfulness, non-contradicting"] },
    grid: { left: 48, right: 16, top: 36, bottom: 40 },
    xAxis: { type: "category", data: rows.map((r) => `${r.granularity} (n=${r.mentions})`) },
    yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
    series: [
      { name: "plausibility (vs model)", type: "bar", data: rows.map((r) => pct(r.plausibility)), itemStyle: { color: "#2452c9" }, label: { show: true, position: "top", formatter: "{c}%", fontSize: 10 } },
      { name: "plausibility, non-contradicting", type: "bar", data: rows.map((r) => pct(r.plausibility_non_contradicting ?? null)), itemStyle: { color: "#9db3ea" }, label: { show: true, position: "top", formatter: "{c}%", fontSize: 10 } },
      { name: "faithfulness (vs humans)", type: "bar", data: rows.map((r) => pct(r.faithfulness)), itemStyle: { color: "#1e8449" }, label: { show: true, position: "top", formatter: "{c}%", fontSize: 10 } },
      { name: "faithfulness, non-contradicting", type: "bar", data: rows.map((r) => pct(r.faithfulness_non_contradicting ?? null)), itemStyle: { color: "#98d3ad" }, label: { show: true, position: "top", formatter: "{c}%", fontSize: 10 } },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}
