import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getRaterQueue } from "@/lib/services/rater-workspace";
import "@/components/rater/rater.css";

export const dynamic = "force-dynamic";

export default async function QueuePage() {
  const user = await requirePageUser("judgments:write", "/queue");
  const queue = await getRaterQueue(await getDb(), user.id);
  const pct = queue.total ? Math.round((100 * queue.done) / queue.total) : 0;
  return (
    <>
      <h1>My queue</h1>
      <div className="queue-head">
        <div className="progress" title={`${pct}%`} data-testid="queue-progress"><div style={{ width: `${pct}%` }} /></div>
        <span className="sub" style={{ margin: 0 }}>{queue.done} of {queue.total} recordings done.</span>
        {queue.nextAssignmentId ? (
          <Link className="button primary" href={`/rate/${queue.nextAssignmentId}`} data-testid="queue-next">
            <button type="button" className="primary">Next recording →</button>
          </Link>
        ) : queue.total > 0 ? (
          <span className="pill">All done — thank you.</span>
        ) : null}
      </div>
      {queue.total === 0 ? (
        <div className="panel">Nothing is assigned to you yet. A researcher assigns recordings in a rating round.</div>
      ) : (
        <table className="grid">
          <thead><tr><th>#</th><th>Round</th><th>Text</th><th className="num">Seconds</th><th>Status</th></tr></thead>
          <tbody>
            {queue.rows.map((r, i) => (
              <tr key={r.id}>
                <td>{i + 1}</td>
                <td>{r.round}</td>
                <td><Link href={`/rate/${r.id}`}>{r.text}</Link></td>
                <td className="num">{r.durationSec.toFixed(1)}</td>
                <td>{r.status.toLowerCase().replace("_", " ")}{r.skipReason ? ` — ${r.skipReason}` : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
