// Server-side chart rendering: ECharts' SSR mode draws straight to an SVG string, so pages load
// without a charting bundle and every chart is downloadable as the same SVG.
import * as echarts from "echarts";
import type { ChartData } from "@/lib/services/agreement/dashboard";
import { BAND, CHART_SIZE, FONT, GRID_LINE, HEAT_RANGE, INK, MUTED, PALETTE } from "./theme";

type Opt = Record<string, unknown>;

const axis = (name: string, extra: Opt = {}): Opt => ({
  name,
  nameLocation: "middle",
  nameGap: 28,
  nameTextStyle: { color: MUTED },
  axisLabel: { color: MUTED },
  splitLine: { lineStyle: { color: GRID_LINE } },
  ...extra,
});

const base = (c: ChartData): Opt => ({
  animation: false,
  color: PALETTE,
  textStyle: { fontFamily: FONT, color: INK },
  title: { text: c.title, left: 8, top: 4, textStyle: { fontSize: 13, fontWeight: 600, color: INK } },
  grid: { left: 64, right: 24, top: 56, bottom: 52 },
});

/**
 * Names as drawn: a first word that every name shares ("speechocean762-expert-1",
 * "speechocean762-expert-2" → "expert-1", "expert-2") is left out so that labels and legends fit;
 * the tables beside the charts keep the full names.
 */
export function shortNames(names: string[]): string[] {
  if (names.length < 2) return names;
  let p = names[0];
  for (const n of names) while (!n.startsWith(p)) p = p.slice(0, -1);
  const cut = p.search(/[-_. ]/) + 1; // up to the first separator only: "expert-1" stays whole
  return cut > 0 && names.every((n) => n.length > cut) ? names.map((n) => n.slice(cut)) : names;
}

const legend = (names: string[]): Opt | undefined =>
  names.length > 1 ? { top: 28, left: "center", itemWidth: 14, itemHeight: 8, itemGap: 12, textStyle: { color: MUTED, fontSize: 11 } } : undefined;

export function chartOptions(c: ChartData): Opt {
  switch (c.kind) {
    case "heatmap": {
      const data: [number, number, number | string][] = [];
      c.values.forEach((row, i) => row.forEach((v, j) => data.push([j, i, v === null ? "-" : Number(v.toFixed(2))])));
      const labels = shortNames(c.labels);
      return {
        ...base(c),
        grid: { left: 16, right: 72, top: 40, bottom: 12, containLabel: true },
        xAxis: { type: "category", data: labels, axisLabel: { rotate: labels.length > 6 ? 30 : 0, interval: 0, color: MUTED } },
        yAxis: { type: "category", data: labels, axisLabel: { interval: 0, color: MUTED } },
        visualMap: { min: 0, max: 1, calculable: false, orient: "vertical", right: 8, top: "middle", inRange: { color: HEAT_RANGE }, textStyle: { color: MUTED } },
        series: [{ type: "heatmap", data, label: { show: true, color: INK, fontSize: 11 } }],
      };
    }
    case "bars": {
      const names = shortNames(c.series.map((s) => s.name));
      return {
        ...base(c),
        legend: legend(names),
        xAxis: axis("", { type: "category", data: shortNames(c.categories), axisLabel: { color: MUTED, interval: 0, hideOverlap: true } }),
        yAxis: axis(c.yName, { type: "value", nameGap: 44 }),
        series: c.series.map((s, i) => ({ type: "bar", name: names[i], data: s.values })),
      };
    }
    case "lines": {
      const names = shortNames(c.series.map((s) => s.name));
      return {
        ...base(c),
        legend: legend([...names, ...(c.diagonal ? ["nominal"] : [])]),
        xAxis: axis(c.xName, { type: "value", scale: true }),
        yAxis: axis(c.yName, { type: "value", scale: true, nameGap: 44 }),
        series: [
          ...c.series.map((s, i) => ({ type: "line", name: names[i], data: s.points, symbolSize: 5 })),
          ...(c.diagonal
            ? [{ type: "line", name: "nominal", data: [[0.5, 0.5], [1, 1]], lineStyle: { type: "dashed", color: MUTED }, itemStyle: { color: MUTED }, symbol: "none" }]
            : []),
        ],
      };
    }
    case "scatter": {
      const bars = c.points.filter((p) => p.low !== null && p.high !== null).map((p) => [p.x, p.low, p.high]);
      return {
        ...base(c),
        xAxis: axis(c.xName, { type: "value", scale: true }),
        yAxis: axis(c.yName, { type: "value", scale: true, nameGap: 44 }),
        series: [
          {
            type: "custom",
            name: "interval",
            data: bars,
            renderItem: (_: unknown, api: { value(i: number): number; coord(p: number[]): number[] }) => {
              const lo = api.coord([api.value(0), api.value(1)]);
              const hi = api.coord([api.value(0), api.value(2)]);
              return { type: "line", shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style: { stroke: BAND, lineWidth: 2 } };
            },
          },
          { type: "scatter", name: "prediction", data: c.points.map((p) => [p.x, p.y]), symbolSize: 5 },
        ],
      };
    }
  }
}

/**
 * zrender's SSR writes a :hover rule per element with its fill "lifted"; for a gradient fill (the
 * heatmap's visual map bar) it stringifies the gradient object: `fill:[object Object];`. Such a
 * declaration is invalid CSS and means nothing, so it is dropped (the rule keeps its cursor).
 */
export function withoutObjectFills(svg: string): string {
  return svg.replace(/(fill|stroke):\[object Object\];?/g, "");
}

export function renderChartSvg(c: ChartData, size: { width: number; height: number } = CHART_SIZE): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(chartOptions(c) as echarts.EChartsOption);
    return withoutObjectFills(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}
