"use client";
// A form that starts a job through an API route (202 + job id) and shows its progress until it ends.
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";

type Job = { id: string; status: string; done: number; total: number; message: string | null; error: string | null };

export interface JobStarterProps {
  endpoint: string;
  label: string;
  datasets: string[];
  models: string[];
  /** Second judges to offer (HTTP chat model versions); absent: no judge choice. */
  judges?: string[];
}

export function JobStarter({ endpoint, label, datasets, models, judges }: JobStarterProps) {
  const [jobId, setJobId] = useState<string | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const router = useRouter();

  useEffect(() => {
    if (!jobId) return;
    let stop = false;
    const poll = async () => {
      const r = await fetch(`/api/jobs/${jobId}`);
      if (r.ok) {
        const j = (await r.json()) as Job;
        setJob(j);
        if (["SUCCEEDED", "FAILED", "CANCELLED"].includes(j.status)) {
          // The page's results (model versions, audits) are read again without a reload.
          if (j.status === "SUCCEEDED") router.refresh();
          return;
        }
      }
      if (!stop) setTimeout(poll, 1000);
    };
    void poll();
    return () => {
      stop = true;
    };
  }, [jobId, router]);

  async function start(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    const f = new FormData(e.currentTarget);
    const r = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ dataset: f.get("dataset"), model: f.get("model"), ...(f.get("split") ? { split: f.get("split") } : {}), ...(f.get("judge") ? { judge: f.get("judge") } : {}) }),
    });
    const body = await r.json();
    if (!r.ok) return setError(body.error?.message ?? "could not start");
    setJob(null);
    setJobId(body.job.id);
  }

  const pct = job && job.total ? Math.round((job.done / job.total) * 100) : 0;
  return (
    <>
      <form className="inline" onSubmit={start}>
        <label>Dataset <select name="dataset">{datasets.map((d) => <option key={d}>{d}</option>)}</select></label>
        <label>Model <select name="model">{models.map((m) => <option key={m}>{m}</option>)}</select></label>
        <label>Split <select name="split"><option value="">all</option><option>test</option><option>train</option></select></label>
        {judges && (
          <label title="A second judge (an OpenAI-compatible chat model) reads every rationale too; the audit page then shows its agreement with the rules and their disagreements">
            Second judge <select name="judge"><option value="">none (rules only)</option>{judges.map((j) => <option key={j}>{j}</option>)}</select>
          </label>
        )}
        <button className="primary" type="submit" disabled={!datasets.length || !models.length}>{label}</button>
        {jobId && job?.status === "RUNNING" && (
          <button type="button" onClick={() => fetch(`/api/jobs/${jobId}/cancel`, { method: "POST" })}>Cancel</button>
        )}
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      {jobId && (
        <div aria-live="polite">
          <progress max={100} value={pct} style={{ width: "100%" }} />
          <p className="legend">
            {job ? `${job.status.toLowerCase()} — ${job.done}/${job.total}${job.message ? ` (${job.message})` : ""}` : "queued…"}
            {job?.error ? ` — ${job.error}` : ""}

          </p>
        </div>
      )}
    </>
  );
}
