"use client";
import { useEffect, useRef, useState } from "react";

type Problem = { file?: string; line?: number; field?: string; message: string };
type Report = { dataset: string; items: number; words: number; phones: number; oov_words: string[]; seconds: number; problems: Problem[]; files: number; bytes: number };
type Job = { id: string; status: string; done: number; total: number; message: string | null; result: Record<string, unknown> | null; error: string | null };
type Limits = { maxFileBytes: number; maxTotalBytes: number; maxFiles: number };

const mb = (b: number) => `${(b / 1048576).toFixed(b < 10485760 ? 1 : 0)} MB`;

async function errorOf(r: Response): Promise<string> {
  const body = await r.json().catch(() => null);
  return body?.error?.message ?? `failed (${r.status})`;
}

export function ImportPanel({ limits }: { limits: Limits }) {
  const [dataset, setDataset] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [upload, setUpload] = useState<string | null>(null);
  const [sent, setSent] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const total = files.reduce((n, f) => n + f.size, 0);
  const tooBig = files.find((f) => f.size > limits.maxFileBytes);
  const limitError = tooBig
    ? `${tooBig.name} is larger than the ${mb(limits.maxFileBytes)} a file may have`
    : total > limits.maxTotalBytes
      ? `the files add up to ${mb(total)}, over the ${mb(limits.maxTotalBytes)} an upload may have`
      : files.length > limits.maxFiles
        ? `${files.length} files, over the ${limits.maxFiles} an upload may have`
        : null;

  function choose(list: FileList | null) {
    if (!list) return;
    setFiles((old) => [...old.filter((f) => ![...list].some((n) => n.name === f.name)), ...list]);
    setUpload(null);
    setReport(null);
    setJob(null);
    setError(null);
  }

  // Upload every file (each streamed as the request body), then ask for the validation report.
  async function check(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setReport(null);
    try {
      let id = upload;
      if (!id) {
        setBusy("uploading");
        setSent(0);
        const r = await fetch("/api/uploads", { method: "POST" });
        if (!r.ok) throw new Error(await errorOf(r));
        id = (await r.json()).id as string;
        for (let i = 0; i < files.length; i++) {
          const f = files[i];
          const put = await fetch(`/api/uploads/${id}/files/${encodeURIComponent(f.name)}`, { method: "PUT", body: f, headers: { "content-type": "application/octet-stream" } });
          if (!put.ok) throw new Error(`${f.name}: ${await errorOf(put)}`);
          setSent(i + 1);
        }
        setUpload(id);
      }
      setBusy("checking");
      const v = await fetch(`/api/uploads/${id}/validate`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ dataset }) });
      if (!v.ok) throw new Error(await errorOf(v));
      setReport((await v.json()).report);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  }

  async function start() {
    setError(null);
    const r = await fetch(`/api/uploads/${upload}/import`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ dataset }) });
    if (!r.ok) return setError(await errorOf(r));
    const { job: id } = await r.json();
    setJob({ id, status: "QUEUED", done: 0, total: 0, message: null, result: null, error: null });
  }

  const running = job && (job.status === "QUEUED" || job.status === "RUNNING");
  useEffect(() => {
    if (!running || !job) return;
    const t = setInterval(async () => {
      const r = await fetch(`/api/jobs/${job.id}`);
      if (r.ok) setJob(await r.json());
    }, 500);
    return () => clearInterval(t);
  }, [running, job]);

  const ok = report && report.problems.length === 0;
  return (
    <>
      <form className="panel" onSubmit={check} aria-label="upload recordings">
        <label>
          Dataset name{" "}
          <input name="dataset" value={dataset} onChange={(e) => { setDataset(e.target.value); setReport(null); }} placeholder="my-lab-2026" required pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}" />
        </label>
        <div
          data-testid="dropzone"
          className={`dropzone${over ? " over" : ""}`}
          onDragOver={(e) => { e.preventDefault(); setOver(true); }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => { e.preventDefault(); setOver(false); choose(e.dataTransfer.files); }}
          onClick={() => input.current?.click()}
          role="button"
          tabIndex={0}
          onKeyDown={(e) => (e.key === "Enter" || e.key === " ") && input.current?.click()}
        >
          Drop audio files and a manifest here, or one zip — or click to choose.
          <input ref={input} data-testid="upload-input" type="file" multiple hidden onChange={(e) => choose(e.target.files)} accept=".wav,.flac,.mp3,.opus,.ogg,.oga,.csv,.tsv,.jsonl,.zip,audio/*" />
        </div>
        <p className="legend">
          Limits: {mb(limits.maxFileBytes)} a file, {mb(limits.maxTotalBytes)} an upload, {limits.maxFiles} files (ATTEST_UPLOAD_MAX_FILE_MB, ATTEST_UPLOAD_MAX_TOTAL_MB, ATTEST_UPLOAD_MAX_FILES).
        </p>
        {files.length > 0 && (
          <p data-testid="chosen">
            {files.length} file{files.length === 1 ? "" : "s"}, {mb(total)}: {files.slice(0, 8).map((f) => f.name).join(", ")}{files.length > 8 ? ` and ${files.length - 8} more` : ""}{" "}
            <button type="button" onClick={() => { setFiles([]); setUpload(null); setReport(null); }}>Clear</button>
          </p>
        )}
        <button type="submit" data-testid="check" disabled={!files.length || !dataset || !!busy || !!limitError || !!running}>
          Upload and check
        </button>{" "}
        {busy === "uploading" && <span><progress max={files.length} value={sent} /> uploading {sent}/{files.length}</span>}
        {busy === "checking" && <span>checking every recording…</span>}
        {limitError && <div className="error">{limitError}</div>}
        {error && <div className="error" data-testid="upload-error">{error}</div>}
      </form>

      {report && (
        <div className="panel" data-testid="report" data-ok={ok ? "1" : "0"}>
          <h2>Validation report</h2>
          <div className="stats">
            <span><b>{report.items}</b> recordings</span>
            <span><b>{report.words}</b> words</span>
            <span><b>{report.phones}</b> phones</span>
            <span><b>{report.files}</b> files, {mb(report.bytes)}</span>
          </div>
          {report.oov_words.length > 0 && (
            <p data-testid="oov">Not in the CMU dictionary (phones estimated, correctable later): {report.oov_words.join(", ")}</p>
          )}
          {ok ? (
            <p>
              Nothing has been written yet.{" "}
              <button type="button" data-testid="import" onClick={start} disabled={!!job}>Import {report.items} recordings into {report.dataset}</button>
            </p>
          ) : (
            <>
              <p className="error">{report.problems.length} problem{report.problems.length === 1 ? "" : "s"}: fix them and upload again; nothing was written.</p>
              <table data-testid="problems">
                <thead><tr><th>File</th><th>Line</th><th>Field</th><th>Problem</th></tr></thead>
                <tbody>
                  {report.problems.map((p, i) => (
                    <tr key={i}><td>{p.file ?? ""}</td><td>{p.line ?? ""}</td><td>{p.field ?? ""}</td><td>{p.message}</td></tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}

      {job && (
        <div className="panel" data-testid="job" data-status={job.status}>
          <h2>Import</h2>
          {running ? (
            <p><progress max={job.total || 1} value={job.done} /> {job.message ?? "waiting"} {job.done}{job.total ? `/${job.total}` : ""}</p>
          ) : job.status === "SUCCEEDED" ? (
            <p>Imported {String(job.result?.items ?? "")} recordings into <a href="/datasets">{String(job.result?.dataset ?? dataset)}</a> in {String(job.result?.seconds ?? "")} s.</p>
          ) : (
            <p className="error">{job.status.toLowerCase()}: {job.error}</p>
          )}
        </div>
      )}
    </>
  );
}
