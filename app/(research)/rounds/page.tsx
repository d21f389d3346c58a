import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listRounds } from "@/lib/services/rounds";
import { roundState } from "@/lib/services/round-lifecycle";
import { formatDateTime } from "@/lib/format/date";

export const dynamic = "force-dynamic";

export default async function RoundsPage({ searchParams }: { searchParams: Promise<{ archived?: string }> }) {
  await requirePageUser("rounds:write", "/rounds");
  const archived = (await searchParams).archived === "1";
  const rounds = await listRounds(await getDb(), { archived });
  return (
    <>
      <h1>Rating rounds</h1>
      <p className="sub">Blind multi-rater rounds: k raters per item, balanced seeded assignment, optional gold items. <Link href="/rounds/new">New round →</Link> · {archived ? <Link href="/rounds">hide archived rounds</Link> : <Link href="/rounds?archived=1">show archived rounds</Link>}</p>
      {rounds.length === 0 ? (
        <div className="panel">No rounds yet.</div>
      ) : (
        <table className="grid">
          <thead><tr><th>Round</th><th>Dataset</th><th>Kind</th><th>State</th><th className="num">Assignments</th><th className="num">Submitted</th><th className="num">Skipped</th><th>Created</th></tr></thead>
          <tbody>
            {rounds.map((r) => (
              <tr key={r.id}>
                <td><Link href={`/rounds/${r.id}`}>{r.name}</Link></td>
                <td>{r.dataset}</td>
                <td>{r.kind.toLowerCase()}</td>
                <td><span className={`pill state-${roundState(r)}`}>{roundState(r)}</span></td>
                <td className="num">{r.assignments}</td>
                <td className="num">{r.submitted}</td>
                <td className="num">{r.skipped}</td>
                <td>{formatDateTime(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
