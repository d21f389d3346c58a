"use client";
// A list of jobs that keeps itself up to date: it asks GET /api/jobs again every second while a job
// is queued or running (progress bars move), and every 5 s otherwise (a job started elsewhere, on
// the command line or in another tab, appears). When a job finishes, the page's server data is
// refreshed so results (predictions, audits, downloads) show without a reload.
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import type { JobRow } from "@/lib/jobs/job-list";
import { formatDateTime } from "@/lib/format/date";

const ACTIVE = new Set(["QUEUED", "RUNNING"]);
const when = (iso: string | null) => (iso ? formatDateTime(iso) : "");
const params = (p: Record<string, unknown>) =>
  Object.entries(p)
    .filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(", ") : String(v)}`)
    .join(" · ");

export function JobList({ initial, kinds, caption, empty = "No jobs yet." }: { initial: JobRow[]; kinds?: string[]; caption?: string; empty?: string }) {
  const [rows, setRows] = useState(initial);
  const [stale, setStale] = useState(false);
  const router = useRouter();
  const active = rows.some((r) => ACTIVE.has(r.status));
  const activeIds = useRef(new Set(initial.filter((r) => ACTIVE.has(r.status)).map((r) => r.id)));
  const query = kinds?.length ? `?${kinds.map((k) => `kind=${encodeURIComponent(k)}`).join("&")}` : "";

  useEffect(() => {
    let stop = false;
    const t = setTimeout(async () => {
      try {
        const r = await fetch(`/api/jobs${query}`, { cache: "no-store" });
        if (!r.ok || stop) return setStale(true);
        const next = (await r.json()).jobs as JobRow[];
        setStale(false);
        setRows(next);
        // A job we saw running has ended: the page's own data (results) is refreshed too.
        const ended = next.some((j) => activeIds.current.has(j.id) && !ACTIVE.has(j.status));
        activeIds.current = new Set(next.filter((j) => ACTIVE.has(j.status)).map((j) => j.id));
        if (ended) router.refresh();
      } catch {
        setStale(true);
      }
    }, active ? 1000 : 5000);
    return () => {
      stop = true;
      clearTimeout(t);
    };
  }, [rows, active, query, router]);

  return (
    <div className="panel scroll" data-testid="job-list">
      <table className="grid">
        {caption && <caption>{caption}{stale ? " (not updating: the server did not answer)" : ""}</caption>}
        <thead><tr><th>Started</th><th>Job</th><th>Parameters</th><th>By</th><th>Status</th><th>Progress</th><th>Result</th></tr></thead>
        <tbody>
          {rows.length === 0 && <tr><td colSpan={7} className="legend">{empty}</td></tr>}
          {rows.map((j) => (
            <tr key={j.id} data-job-id={j.id} data-kind={j.kind} data-status={j.status}>
              <td>{when(j.createdAt)}</td>
              <td>{j.kind}</td>
              <td>{params(j.params)}</td>
              <td>{j.by}</td>
              <td><span className={j.status === "FAILED" ? "status-bad" : "pill"}>{j.status.toLowerCase()}</span></td>
              <td>
                {ACTIVE.has(j.status) ? (
                  <>
                    <progress max={j.total || 1} value={j.done} aria-label={`${j.kind} progress`} /> {j.done}{j.total ? ` / ${j.total}` : ""}
                    {j.message ? <span className="legend"> {j.message}</span> : null}
                  </>
                ) : (
                  <>{j.done}{j.total ? ` / ${j.total}` : ""}</>
                )}
              </td>
              <td>{j.error ? <span className="status-bad">{j.error}</span> : Object.entries(j.summary).map(([k, v]) => `${k} ${v}`).join(" · ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
