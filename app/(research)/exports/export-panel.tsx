"use client";
import { useEffect, useState } from "react";
import { formatDateTime } from "@/lib/format/date";

type ExportRow = {
  id: string; kind: string; status: string; done: number; total: number; message: string | null; error: string | null;
  dataset: string; source: string | null; format: string | null; audio: string | null; splits: string[] | null; rows: number | null; by: string; createdAt: string;
};

const KINDS = [
  ["dpo", "Preference pairs (DPO)"],
  ["speechocean762", "speechocean762 layout"],
  ["audiofolder", "Hugging Face audiofolder"],
  ["textgrid", "Praat TextGrids"],
] as const;
const SOURCES = ["all", "label_flip", "rater_preference", "rater_correction"];

export function ExportPanel({ datasets, initial }: { datasets: { name: string; splits: string[] }[]; initial: ExportRow[] }) {
  const [rows, setRows] = useState(initial);
  const [kind, setKind] = useState<string>("dpo");
  const [dataset, setDataset] = useState(datasets[0]?.name ?? "");
  const [source, setSource] = useState("all");
  const [format, setFormat] = useState("trl");
  const [audio, setAudio] = useState("copy");
  const [split, setSplit] = useState("");
  const [seed, setSeed] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const splits = datasets.find((d) => d.name === dataset)?.splits ?? [];
  const running = rows.some((r) => r.status === "QUEUED" || r.status === "RUNNING");

  // The list updates by itself: every second while an export is queued or running (progress moves),
  // every 5 s otherwise (an export started elsewhere appears).
  useEffect(() => {
    let stop = false;
    const t = setTimeout(async () => {
      const r = await fetch("/api/exports", { cache: "no-store" }).catch(() => null);
      if (!stop && r?.ok) setRows((await r.json()).exports);
    }, running ? 1000 : 5000);
    return () => {
      stop = true;
      clearTimeout(t);
    };
  }, [rows, running]);

  async function start(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    const r = await fetch("/api/exports", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind, dataset, source, format, audio, seed, splits: split ? [split] : undefined }),
    });
    if (!r.ok) {
      setError((await r.json().catch(() => null))?.error?.message ?? `failed (${r.status})`);
      return;
    }
    const list = await fetch("/api/exports");
    if (list.ok) setRows((await list.json()).exports);
  }

  return (
    <>
      <form className="panel filters" onSubmit={start} aria-label="new export">
        <label>What <select value={kind} onChange={(e) => setKind(e.target.value)}>{KINDS.map(([k, t]) => <option key={k} value={k}>{t}</option>)}</select></label>
        <label>Dataset <select value={dataset} onChange={(e) => setDataset(e.target.value)}>{datasets.map((d) => <option key={d.name}>{d.name}</option>)}</select></label>
        <label>Split <select value={split} onChange={(e) => setSplit(e.target.value)}><option value="">all</option>{splits.map((s) => <option key={s}>{s}</option>)}</select></label>
        {kind === "dpo" && (
          <>
            <label>Source <select value={source} onChange={(e) => setSource(e.target.value)}>{SOURCES.map((s) => <option key={s}>{s}</option>)}</select></label>
            <label>Format <select value={format} onChange={(e) => setFormat(e.target.value)}><option value="trl">TRL JSONL</option><option value="csv">SpeechLLM CSV</option></select></label>
            <label>Recordings <select value={audio} onChange={(e) => setAudio(e.target.value)}><option value="copy">in the download (audio/&lt;utt_id&gt;.wav)</option><option value="source">paths they were imported from</option></select></label>
            <label>Seed <input type="number" min={0} value={seed} onChange={(e) => setSeed(Number(e.target.value) || 0)} style={{ width: "6em" }} /></label>
          </>
        )}
        <button type="submit" disabled={!dataset}>Start export</button>
        {error && <span className="error">{error}</span>}
      </form>
      <div className="panel scroll">
        <table>
          <thead><tr><th>Started</th><th>By</th><th>Export</th><th>Dataset</th><th>Split</th><th>Status</th><th>Rows</th><th></th></tr></thead>
          <tbody data-testid="export-list">
            {rows.length === 0 && <tr><td colSpan={8} className="legend">No exports yet.</td></tr>}
            {rows.map((r) => (
              <tr key={r.id} data-job-id={r.id} data-status={r.status}>
                <td>{formatDateTime(r.createdAt)}</td>
                <td>{r.by}</td>
                <td>{r.kind.replace("export.", "")}{r.source ? ` · ${r.source}` : ""}{r.format ? ` · ${r.format}` : ""}{r.audio === "copy" ? " · with audio" : r.audio === "source" ? " · source paths" : ""}</td>
                <td>{r.dataset}</td>
                <td>{r.splits?.join(", ") ?? "all"}</td>
                <td>
                  {r.status === "RUNNING" || r.status === "QUEUED" ? (
                    <><progress max={r.total || 1} value={r.done} /> {r.message ?? ""} {r.done}{r.total ? `/${r.total}` : ""}</>
                  ) : (
                    <span className={r.status === "FAILED" ? "error" : "pill"} title={r.error ?? undefined}>{r.status.toLowerCase()}</span>
                  )}
                </td>
                <td>{r.rows ?? ""}</td>
                <td>{r.status === "SUCCEEDED" && r.by !== "command line" ? <a href={`/api/exports/${r.id}/download`}>Download</a> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
