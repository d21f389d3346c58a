import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listAudits } from "@/lib/services/audit-report";
import { JobStarter } from "@/components/jobs/job-starter";
import { JobList } from "@/components/jobs/job-list";
import { listJobRows } from "@/lib/jobs/job-list";

export const dynamic = "force-dynamic";

export default async function AuditsPage() {
  await requirePageUser("audits:read", "/audits");
  const db = await getDb();
  const [audits, datasets, models, judges, jobs] = await Promise.all([
    listAudits(db),
    db.prisma.dataset.findMany({ select: { name: true }, orderBy: { name: "asc" } }),
    db.prisma.modelVersion.findMany({ where: { predictions: { some: {} } }, select: { name: true }, orderBy: { name: "asc" } }),
    // A second judge is an OpenAI-compatible chat endpoint (models register-http).
    db.prisma.modelVersion.findMany({ where: { kind: "HTTP" }, select: { name: true }, orderBy: { name: "asc" } }),
    listJobRows(db, { kinds: ["audit"], take: 10 }),
  ]);
  return (
    <>
      <h1>Rationale audits</h1>
      <p className="sub">Per model version and dataset: are the rationales plausible (agree with the model&apos;s own labels) and faithful (agree with the raters), at sentence, word and phoneme level?</p>
      <div className="panel" style={{ marginBottom: 16 }}>
        <JobStarter endpoint="/api/audits" label="Run audit" datasets={datasets.map((d) => d.name)} models={models.map((m) => m.name)} judges={judges.map((j) => j.name)} />
        {judges.length === 0 && <p className="legend">Second judge: none registered. Register an OpenAI-compatible chat model with <code>npm run cli -- models register-http</code> to have it read the rationales beside the rules.</p>}
      </div>
      {audits.length === 0 ? (
        <div className="panel">No audit yet. Start one above, or run <code>npm run cli -- audit --dataset &lt;name&gt; --model &lt;name&gt;</code>.</div>
      ) : (
        <table className="grid">
          <thead><tr><th>model</th><th>dataset</th><th className="num">predictions</th><th className="num" title="rationales with at least one flag at any granularity">flagged rationales</th></tr></thead>
          <tbody>
            {audits.map((a) => (
              <tr key={`${a.modelId}:${a.datasetId}`}>
                <td><Link href={`/audits/${a.modelId}/${a.datasetId}`}>{a.model}</Link></td>
                <td>{a.dataset}</td>
                <td className="num">{a.predictions}</td>
                <td className="num">{a.flagged}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Recent audit jobs</h2>
      <JobList initial={jobs} kinds={["audit"]} empty="No audit job yet." />
      <p className="legend"><Link href="/jobs">All jobs →</Link></p>
    </>
  );
}
