import { Suspense } from "react";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { notFoundOnAppError } from "@/lib/http/pages";
import { pageFilters } from "@/lib/schemas/agreement";
import { servedDashboard } from "@/lib/services/agreement/served";
import { dashboardChoices } from "@/lib/services/agreement/choices";
import { ALL_ASPECT_KEYS } from "@/lib/services/agreement/aspects";
import type { DashboardFilters } from "@/lib/services/agreement/dashboard";
import { renderChartSvg } from "@/components/charts/render-svg";
import { ChartFigure } from "@/components/charts/chart-figure";
import { DataTable } from "@/components/charts/data-table";
import { FiguresLoading } from "@/components/charts/figures-loading";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ datasetId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const DEFAULT_KEY = "sentence.accuracy";

// The cheap parts (access, the dataset's choices, the filters) are sent at once; the figures, which
// a first view computes on the worker pool, stream in behind a loading state.
export default async function AgreementDashboard({ params, searchParams }: Props) {
  const { datasetId } = await params;
  await requirePageUser("agreement:read", `/agreement/${datasetId}`);
  const filters = pageFilters(await searchParams);
  const db = await getDb();
  const choices = await notFoundOnAppError(dashboardChoices(db, datasetId));
  const qs = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
  return (
    <>
      <h1>Agreement — {choices.dataset.name}</h1>
      <p className="sub">
        Submitted rater judgments only; a rater who did not rate a unit is missing, not zero. ICCs need every rater on every unit
        (null otherwise). Intervals: 95% seeded percentile bootstrap over units ({filters.replicates ?? 200} resamples).
      </p>
      <form className="inline filters">
        <select name="round" defaultValue={filters.round ?? ""} aria-label="round">
          <option value="">all rounds</option>
          {choices.rounds.map((r) => <option key={r.id} value={r.name}>{r.name}</option>)}
        </select>
        <select name="split" defaultValue={filters.split ?? ""} aria-label="split">
          <option value="">all splits</option>
          {choices.splits.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
        <select name="group" defaultValue={filters.group ?? ""} aria-label="speaker group">
          <option value="">all speakers</option>
          <option value="child">children (&lt; 18)</option>
          <option value="adult">adults</option>
        </select>
        <select name="key" defaultValue={filters.key ?? DEFAULT_KEY} aria-label="aspect for the charts">
          {ALL_ASPECT_KEYS.map((k) => <option key={k.key} value={k.key}>{k.key}</option>)}
        </select>
        <select name="model" defaultValue={filters.model ?? ""} aria-label="model">
          <option value="">no model</option>
          {choices.models.map((m) => <option key={m} value={m}>{m}</option>)}
        </select>
        <button type="submit">Apply</button>
      </form>
      <Suspense key={qs.toString()} fallback={<FiguresLoading />}>
        <Figures datasetId={choices.dataset.id} datasetName={choices.dataset.name} filters={filters} qs={qs} />
      </Suspense>
    </>
  );
}

async function Figures({ datasetId, datasetName, filters, qs }: { datasetId: string; datasetName: string; filters: DashboardFilters; qs: URLSearchParams }) {
  const { value: d } = await notFoundOnAppError(servedDashboard(await getDb(), datasetId, filters));
  const href = (kind: "table" | "chart", name: string) => `/api/agreement/${datasetId}/download?${new URLSearchParams([...qs, [kind, name]])}`;
  const [agreement, ...others] = d.tables;
  return (
    <>
      <DataTable table={agreement} csvHref={href("table", agreement.name)} />
      <div className="chart-grid">
        {d.charts.map((c) => (
          <ChartFigure key={c.name} name={`${datasetName}-${c.name}`} svg={renderChartSvg(c)} svgHref={href("chart", c.name)} />
        ))}
      </div>
      {others.map((t) => <DataTable key={t.name} table={t} csvHref={href("table", t.name)} />)}
    </>
  );
}
