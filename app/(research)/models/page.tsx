import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listModelVersions } from "@/lib/inference/model-versions";
import { recentInferenceJobs } from "@/lib/services/inference-jobs";
import { JobStarter } from "@/components/jobs/job-starter";
import { MODEL_NAME } from "@/lib/schemas/infer";

export const dynamic = "force-dynamic";

export default async function ModelsPage() {
  await requirePageUser("models:write", "/models");
  const db = await getDb();
  const [models, datasets, jobs] = await Promise.all([
    listModelVersions(db),
    db.prisma.dataset.findMany({ select: { name: true }, orderBy: { name: "asc" } }),
    recentInferenceJobs(db),
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
      <table className="grid">
        <thead><tr><th>Started</th><th>Parameters</th><th>Status</th><th className="num">Progress</th></tr></thead>
        <tbody>
          {jobs.map((j) => (
            <tr key={j.id}>
              <td>{j.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
              <td><code>{JSON.stringify(j.params)}</code></td>
              <td>{j.status.toLowerCase()}{j.error ? `: ${j.error}` : ""}</td>
              <td className="num">{j.done}/{j.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
