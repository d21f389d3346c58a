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

export function chartOptions(c: ChartData): Opt {
  switch (c.kind) {
    case "heatmap": {
      const data: [number, number, number | string][] = [];
      c.values.forEach((row, i) => row.forEach((v, j) => data.push([j, i, v === null ? "-" : Number(v.toFixed(2))])));
      return {
        ...base(c),
        grid: { left: 110, right: 80, top: 56, bottom: 80 },
        xAxis: { type: "category", data: c.labels, axisLabel: { rotate: 30, color: MUTED } },
        yAxis: { type: "category", data: c.labels, axisLabel: { color: MUTED } },
        visualMap: { min: 0, max: 1, calculable: false, orient: "vertical", right: 8, top: "middle", inRange: { color: HEAT_RANGE }, textStyle: { color: MUTED } },
        series: [{ type: "heatmap", data, label: { show: true, color: INK, fontSize: 11 } }],
      };
    }
    case "bars":
      return {
        ...base(c),
        legend: c.series.length > 1 ? { top: 26, textStyle: { color: MUTED } } : undefined,
        xAxis: axis("", { type: "category", data: c.categories }),
        yAxis: axis(c.yName, { type: "value", nameGap: 44 }),
        series: c.series.map((s) => ({ type: "bar", name: s.name, data: s.values })),
      };
    case "lines":
      return {
        ...base(c),
        legend: { top: 26, textStyle: { color: MUTED } },
        xAxis: axis(c.xName, { type: "value", scale: true }),
        yAxis: axis(c.yName, { type: "value", scale: true, nameGap: 44 }),
        series: [
          ...c.series.map((s) => ({ type: "line", name: s.name, data: s.points, symbolSize: 5 })),
          ...(c.diagonal
            ? [{ type: "line", name: "nominal", data: [[0.5, 0.5], [1, 1]], lineStyle: { type: "dashed", color: MUTED }, itemStyle: { color: MUTED }, symbol: "none" }]
            : []),
        ],
      };
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

export function renderChartSvg(c: ChartData, size: { width: number; height: number } = CHART_SIZE): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(chartOptions(c) as echarts.EChartsOption);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
