import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listDatasets } from "@/lib/services/datasets";

export const dynamic = "force-dynamic";

export default async function AgreementIndex() {
  await requirePageUser("agreement:read", "/agreement");
  const datasets = await listDatasets(await getDb());
  return (
    <>
      <h1>Agreement</h1>
      <p className="sub">How far the raters agree with each other, and how far a model agrees with them.</p>
      <div className="cards">
        {datasets.map((d) => (
          <div className="panel card" key={d.id}>
            <h3><Link href={`/agreement/${d.id}`}>{d.name}</Link></h3>
            <div className="stats"><span><b>{d.items}</b> items</span><span><b>{d.raters}</b> raters</span><span><b>{d.judgments}</b> judgments</span></div>
          </div>
        ))}
        {datasets.length === 0 && <div className="panel">No dataset yet.</div>}
      </div>
    </>
  );
}
