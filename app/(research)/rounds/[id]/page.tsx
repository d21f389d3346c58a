import Link from "next/link";
import { redirect } from "next/navigation";
import { requireApiUser, requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { runAction } from "@/lib/http/actions";
import { listRaterAccounts, roundSettings } from "@/lib/services/rounds";
import { ROUND_STATES, addRatersToRound, setRoundState, type RoundState } from "@/lib/services/round-lifecycle";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { RoundInstructionsForm } from "@/components/rater/round-instructions-form";
import { getDb } from "@/lib/db/client";
import { notFoundOnAppError } from "@/lib/http/pages";
import { getRoundOverview } from "@/lib/services/round-review";
import { AppError } from "@/lib/errors";
import "@/components/rater/rater.css";

export const dynamic = "force-dynamic";

const f = (v: number | null, d = 1) => (v === null ? "–" : v.toFixed(d));

// Close / reopen / archive from the round page (a form post); the server checks the scope.
async function changeState(form: FormData) {
  "use server";
  const id = String(form.get("roundId") ?? "");
  const state = String(form.get("state") ?? "") as RoundState;
  const back = `/rounds/${encodeURIComponent(id)}`;
  await runAction(back, async () => {
    const user = await requireApiUser("rounds:write");
    if (!ROUND_STATES.includes(state)) throw new AppError("INVALID_INPUT", `no round state “${state}” (open, closed or archived)`);
    return setRoundState(await getDb(), id, state, user.id);
  });
  redirect(`${back}?state=${encodeURIComponent(state)}`);
}

async function addRaters(form: FormData) {
  "use server";
  const id = String(form.get("roundId") ?? "");
  const back = `/rounds/${encodeURIComponent(id)}`;
  const r = await runAction(back, async () => {
    const user = await requireApiUser("rounds:write");
    return addRatersToRound(await getDb(), id, form.getAll("raterIds").map(String), user.id);
  });
  redirect(`${back}?added=${r.added.length}&assignments=${Object.values(r.assignments).reduce((a, b) => a + b, 0)}`);
}

const STATE_TEXT = { open: "open: raters can work", closed: "closed: nothing can be saved in it", archived: "archived: closed and left out of the rounds list" } as const;

export default async function RoundPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { id } = await params;
  const sp = await searchParams;
  const user = await requirePageUser("judgments:read-all", `/rounds/${id}`);
  const db = await getDb();
  const o = await notFoundOnAppError(getRoundOverview(db, id));
  const writer = can(user.role, "rounds:write");
  const inRound = new Set([...roundSettings(o.round.settings).raterIds, ...o.raters.map((r) => r.id)]);
  const addable = writer && o.round.state === "open" ? (await listRaterAccounts(db)).filter((r) => !inRound.has(r.id)) : [];
  const filter = roundSettings(o.round.settings).filter;
  const stateForm = (state: RoundState, label: string, confirm?: string) => (
    <form action={changeState} style={{ display: "inline" }}>
      <input type="hidden" name="roundId" value={o.round.id} />
      <input type="hidden" name="state" value={state} />
      {confirm ? <ConfirmButton message={confirm}>{label}</ConfirmButton> : <button type="submit">{label}</button>}
    </form>
  );
  return (
    <>
      <h1>{o.round.name} <span className={`pill state-${o.round.state}`} data-testid="round-state">{o.round.state}</span></h1>
      <p className="sub">
        {o.round.dataset} · {o.round.kind.toLowerCase()} · seed <b data-testid="round-seed">{o.round.seed}</b>
        {filter?.limit ? <> · a random sample of {filter.limit} drawn with this seed</> : null} · <Link href="/rounds">all rounds</Link>
      </p>
      {sp.error && <div className="panel error" role="alert">{sp.error}</div>}
      {sp.state && !sp.error && <div className="panel" role="status">Round {sp.state === "open" ? "reopened" : sp.state}.</div>}
      {sp.added && <div className="panel" role="status">Added {sp.added} rater{sp.added === "1" ? "" : "s"} ({sp.assignments} assignments).</div>}
      <div className="panel inline" data-testid="round-lifecycle" style={{ flexWrap: "wrap" }}>
        <span>This round is {STATE_TEXT[o.round.state]}.</span>
        {writer && o.round.state === "open" && stateForm("closed", "Close round", `Close “${o.round.name}”? Raters can no longer save judgments, drafts, skips, A/B choices or answers in it, and it cannot be adjudicated, until it is reopened.`)}
        {writer && o.round.state !== "open" && stateForm("open", "Reopen round")}
        {writer && o.round.state === "archived" && stateForm("closed", "Unarchive (keep closed)")}
        {writer && o.round.state !== "archived" && stateForm("archived", "Archive round", `Archive “${o.round.name}”? It is closed and left out of the rounds list (shown under “show archived rounds”, where it can be reopened).`)}
      </div>
      <h2>Instructions</h2>
      <RoundInstructionsForm roundId={o.round.id} initial={roundSettings(o.round.settings).instructions ?? null} canWrite={writer && o.round.state === "open"} />
      <h2>Raters</h2>
      <table className="grid" data-testid="rater-stats">
        <thead><tr><th>Rater</th><th>Progress</th><th className="num">Assigned</th><th className="num">Done</th><th className="num">Skipped</th><th className="num">Median s / item</th><th className="num">|Δ total| vs others</th><th className="num">Gold items</th><th className="num">Gold accuracy (±1)</th></tr></thead>
        <tbody>
          {o.raters.map((r) => (
            <tr key={r.id} data-rater={r.rater}>
              <td>{r.rater}</td>
              <td>
                <div className="progress" role="progressbar" aria-label={`${r.rater}: finished`} aria-valuemin={0} aria-valuemax={r.assigned} aria-valuenow={r.done + r.skipped}><div style={{ width: `${Math.round((r.progress ?? 0) * 100)}%` }} /></div>
                <span className="legend">{r.done + r.skipped} of {r.assigned} ({Math.round((r.progress ?? 0) * 100)}%){r.open ? ` · ${r.open} open` : ""}</span>
              </td>
              <td className="num">{r.assigned}</td><td className="num">{r.done}</td><td className="num">{r.skipped}</td>
              <td className="num">{f(r.medianSeconds)}</td><td className="num">{f(r.meanAbsDiffFromOthers, 2)}</td><td className="num">{r.goldItems}</td>
              <td className="num">{r.goldAccuracy === null ? "–" : `${Math.round(r.goldAccuracy * 100)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {addable.length > 0 && (
        <form action={addRaters} className="panel inline" style={{ flexWrap: "wrap" }} data-testid="add-raters">
          <input type="hidden" name="roundId" value={o.round.id} />
          <span>Add raters{o.round.kind === "REVIEW" ? " (each gets every item)" : " (each takes an even share of the unstarted assignments; k per item stays)"}:</span>
          {addable.map((r) => (
            <label key={r.id}><input type="checkbox" name="raterIds" value={r.id} /> {r.email}</label>
          ))}
          <button type="submit">Add raters</button>
        </form>
      )}
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
