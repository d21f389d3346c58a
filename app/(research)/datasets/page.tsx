import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { listDatasets } from "@/lib/services/datasets";

export const dynamic = "force-dynamic";

export default async function DatasetsPage() {
  const user = await requirePageUser("datasets:read", "/datasets");
  const datasets = await listDatasets(await getDb());
  return (
    <>
      <h1>Datasets</h1>
      <p className="sub">
        Recordings with their texts, canonical phones and every rater&apos;s scores.
        {can(user.role, "datasets:write") && <> <Link href="/datasets/import" data-testid="import-link">Import recordings</Link></>}
      </p>
      {datasets.length === 0 ? (
        <div className="panel">
          No dataset yet. Import one with <code>npm run cli -- import speechocean762 &lt;dir&gt;</code> or <code>npm run cli -- import audio &lt;manifest&gt;</code>, or upload recordings on the import page.
        </div>
      ) : (
        <div className="cards">
          {datasets.map((d) => (
            <div className="panel card" key={d.id}>
              <h3><Link href={`/datasets/${d.id}`}>{d.name}</Link></h3>
              <div className="stats">
                <span><b>{d.items}</b> items</span>
                <span><b>{d.speakers}</b> speakers</span>
                <span><b>{d.raters}</b> raters</span>
                <span><b>{d.judgments}</b> judgments</span>
                <span><b>{(d.hours * 60).toFixed(1)}</b> min audio</span>
              </div>
              <p className="legend">
                {Object.entries(d.splits).map(([s, n]) => `${s}: ${n}`).join(" · ")} — format {d.sourceFormat}
              </p>
            </div>
          ))}
        </div>
      )}
    </>
  );
}
