import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listQueue } from "@/lib/services/queue";

export const dynamic = "force-dynamic";

export default async function QueuePage() {
  const user = await requirePageUser("judgments:write", "/queue");
  const queue = await listQueue(await getDb(), user.id);
  return (
    <>
      <h1>My queue</h1>
      <p className="sub">{queue.done} of {queue.total} recordings scored.</p>
      {queue.total === 0 ? (
        <div className="panel">Nothing is assigned to you yet. A researcher assigns recordings in a rating round.</div>
      ) : (
        <table className="grid">
          <thead><tr><th>#</th><th>Round</th><th>Text</th><th>Status</th></tr></thead>
          <tbody>
            {queue.rows.map((r, i) => (
              <tr key={r.id}><td>{i + 1}</td><td>{r.round}</td><td>{r.text}</td><td>{r.status.toLowerCase()}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
