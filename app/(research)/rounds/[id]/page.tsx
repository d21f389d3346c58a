import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { roundSettings } from "@/lib/services/rounds";
import { RoundInstructionsForm } from "@/components/rater/round-instructions-form";
import { getDb } from "@/lib/db/client";
import { notFoundOnAppError } from "@/lib/http/pages";
import { getRoundOverview } from "@/lib/services/round-review";
import "@/components/rater/rater.css";

export const dynamic = "force-dynamic";

const f = (v: number | null, d = 1) => (v === null ? "–" : v.toFixed(d));

export default async function RoundPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser("judgments:read-all", `/rounds/${id}`);
  const o = await notFoundOnAppError(getRoundOverview(await getDb(), id));
  return (
    <>
      <h1>{o.round.name}</h1>
      <p className="sub">{o.round.dataset} · {o.round.kind.toLowerCase()} · seed {o.round.seed} · <Link href="/rounds">all rounds</Link></p>
      <h2>Instructions</h2>
      <RoundInstructionsForm roundId={o.round.id} initial={roundSettings(o.round.settings).instructions ?? null} canWrite={can(user.role, "rounds:write")} />
      <h2>Raters</h2>
      <table className="grid" data-testid="rater-stats">
        <thead><tr><th>Rater</th><th className="num">Assigned</th><th className="num">Done</th><th className="num">Skipped</th><th className="num">Median s / item</th><th className="num">|Δ total| vs others</th><th className="num">Gold items</th><th className="num">Gold accuracy (±1)</th></tr></thead>
        <tbody>
          {o.raters.map((r) => (
            <tr key={r.rater}>
              <td>{r.rater}</td><td className="num">{r.assigned}</td><td className="num">{r.done}</td><td className="num">{r.skipped}</td>
              <td className="num">{f(r.medianSeconds)}</td><td className="num">{f(r.meanAbsDiffFromOthers, 2)}</td><td className="num">{r.goldItems}</td>
              <td className="num">{r.goldAccuracy === null ? "–" : `${Math.round(r.goldAccuracy * 100)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Items</h2>
      <table className="grid">
        <thead><tr><th>Utterance</th><th>Text</th><th className="num">Submitted</th><th className="num">Spread of totals</th><th>Consensus</th></tr></thead>
        <tbody>
          {o.items.map((i) => (
            <tr key={i.id}>
              <td><Link href={`/rounds/${id}/items/${i.id}`}>{i.uttId}</Link></td>
              <td>{i.text}</td>
              <td className="num">{i.submitted} / {i.assigned}</td>
              <td className={`num${i.spread >= 3 ? " disagree" : ""}`}>{i.submitted >= 2 ? i.spread.toFixed(1) : "–"}</td>
              <td>{i.adjudicated ? <span className="pill">adjudicated</span> : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
