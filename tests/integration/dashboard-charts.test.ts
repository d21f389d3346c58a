// The dashboard's charts as SVG (ECharts SSR): no "[object Object]" from zrender's hover CSS for the
// heatmap's gradient, and rater names drawn without the first word they all share.
import { describe, it, expect } from "vitest";
import { renderChartSvg, shortNames, withoutObjectFills } from "@/components/charts/render-svg";
import type { ChartData } from "@/lib/services/agreement/dashboard";

const RATERS = [1, 2, 3, 4, 5].map((i) => `speechocean762-expert-${i}`);

describe("dashboard charts", () => {
  it("renders the heatmap (gradient visual map) without [object Object]", () => {
    const heat: ChartData = { kind: "heatmap", name: "heatmap", title: "Rater × rater Pearson", labels: RATERS, values: RATERS.map((_, a) => RATERS.map((__, b) => (a === b ? 1 : a + b === 3 ? null : 0.4))) };
    const svg = renderChartSvg(heat);
    expect(svg).toMatch(/^<svg/);
    expect(svg).not.toContain("[object Object]");
    expect(svg).toContain(">expert-1<");
    expect(withoutObjectFills(".a:hover {\ncursor:pointer;\nfill:[object Object];\n}")).toBe(".a:hover {\ncursor:pointer;\n\n}");
  });

  it("leaves out only a shared first word", () => {
    expect(shortNames(RATERS)).toEqual(["expert-1", "expert-2", "expert-3", "expert-4", "expert-5"]);
    expect(shortNames(["alice", "alan"])).toEqual(["alice", "alan"]);
    expect(shortNames(["x-1", "x-"])).toEqual(["x-1", "x-"]); // would leave an empty name
    expect(shortNames(["4", "5", "10"])).toEqual(["4", "5", "10"]);
    expect(shortNames(["only-one"])).toEqual(["only-one"]);
  });

  it("draws every series of the drift and distribution charts with a legend", () => {
    const drift: ChartData = { kind: "lines", name: "drift", title: "Drift", xName: "window", yName: "mean offset", series: RATERS.map((n, k) => ({ name: n, points: [[1, k], [2, -k]] as [number, number][] })) };
    const svg = renderChartSvg(drift);
    for (let i = 1; i <= 5; i++) expect(svg).toContain(`>expert-${i}<`);
    expect(svg).not.toContain("[object Object]");
  });
});
