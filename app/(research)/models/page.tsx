import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listModelVersions } from "@/lib/inference/model-versions";
import { listJobRows } from "@/lib/jobs/job-list";
import { JobStarter } from "@/components/jobs/job-starter";
import { MODEL_NAME } from "@/lib/schemas/infer";
import { JobList } from "@/components/jobs/job-list";

export const dynamic = "force-dynamic";

const MODEL_JOB_KINDS = ["infer", "rationale-variant"];

export default async function ModelsPage() {
  await requirePageUser("models:write", "/models");
  const db = await getDb();
  const [models, datasets, jobs] = await Promise.all([
    listModelVersions(db),
    db.prisma.dataset.findMany({ select: { name: true }, orderBy: { name: "asc" } }),
    listJobRows(db, { kinds: MODEL_JOB_KINDS, take: 10 }),
  ]);
  // Versions the CLI registered under a file's path cannot be named in a request (see MODEL_NAME).
  const names = Array.from(new Set(["default", ...models.map((m) => m.name).filter((n) => MODEL_NAME.test(n))]));
  return (
    <>
      <h1>Models</h1>
      <p className="sub">Model versions and their predictions. Run one over a dataset: the job continues where it stopped if the server restarts.</p>
      <div className="panel">
        <JobStarter endpoint="/api/models/infer" label="Run inference" datasets={datasets.map((d) => d.name)} models={names} />
      </div>
      <h2>Model versions</h2>
      <table className="grid">
        <thead><tr><th>Name</th><th>Kind</th><th>Description</th><th className="num">Predictions</th></tr></thead>
        <tbody>
          {models.length === 0 && <tr><td colSpan={4}>No model has run yet; the built-in model is called <code>default</code>.</td></tr>}
          {models.map((m) => (
            <tr key={m.id}><td>{m.name}</td><td>{m.kind.toLowerCase()}</td><td>{m.description ?? ""}</td><td className="num">{m.predictions}</td></tr>
          ))}
        </tbody>
      </table>
      <h2>Recent inference jobs</h2>
      <JobList initial={jobs} kinds={MODEL_JOB_KINDS} empty="No inference job yet." />
      <p className="legend"><Link href="/jobs">All jobs →</Link></p>
    </>
  );
}
