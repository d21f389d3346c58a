// Dashboard tables as CSV and charts as SVG, for the download route.
import { stringify } from "csv-stringify/sync";
import { AppError } from "@/lib/errors";
import { renderChartSvg } from "@/components/charts/render-svg";
import type { Dashboard } from "./dashboard";

export function tableCsv(d: Dashboard, name: string): string {
  const t = d.tables.find((x) => x.name === name);
  if (!t) throw new AppError("NOT_FOUND", `no table "${name}" (have ${d.tables.map((x) => x.name).join(", ")})`);
  return stringify([t.columns, ...t.rows.map((r) => r.map((v) => (v === null ? "" : v)))]);
}

export function chartSvg(d: Dashboard, name: string): string {
  const c = d.charts.find((x) => x.name === name);
  if (!c) throw new AppError("NOT_FOUND", `no chart "${name}" (have ${d.charts.map((x) => x.name).join(", ")})`);
  return renderChartSvg(c);
}
