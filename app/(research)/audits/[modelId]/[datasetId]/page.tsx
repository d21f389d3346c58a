import Link from "next/link";
import { redirect } from "next/navigation";
import { requireApiUser, requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { notFoundOnAppError } from "@/lib/http/pages";
import { runAction } from "@/lib/http/actions";
import { FLAG_CODES, type LabelSet } from "@/lib/audit";
import { getAuditReport } from "@/lib/services/audit-report";
import { flagAgreement, sendFlaggedToReview } from "@/lib/services/audit-review";
import { listRaterAccounts } from "@/lib/services/rounds";
import { ratesChartSvg } from "@/components/audit/rates-chart";
import { HighlightedRationale } from "@/components/audit/highlighted-rationale";

export const dynamic = "force-dynamic";

const pct = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(1)}%`);

function Labels({ title, set }: { title: string; set: LabelSet }) {
  const s = set.sentence;
  return (
    <div className="labels">
      <b>{title}</b>: accuracy {s.accuracy ?? "?"} · fluency {s.fluency ?? "?"} · prosody {s.prosody ?? "?"}
      {set.words ? <> · words {set.words.map((l) => l ?? "?").join(" ")}</> : null}
    </div>
  );
}

async function sendToReview(form: FormData) {
  "use server";
  const modelId = String(form.get("modelId") ?? "");
  const datasetId = String(form.get("datasetId") ?? "");
  const back = `/audits/${encodeURIComponent(modelId)}/${encodeURIComponent(datasetId)}`;
  const r = await runAction(back, async () => {
    const user = await requireApiUser("rounds:write");
    const code = String(form.get("code") || "") || undefined;
    const raterIds = form.getAll("raterIds").map(String);
    return sendFlaggedToReview(await getDb(), { modelId, datasetId, raterIds, createdById: user.id, code });
  });
  redirect(`${back}?sent=${encodeURIComponent(r.name)}&items=${r.items}`);
}

export default async function AuditPage({ params, searchParams }: { params: Promise<{ modelId: string; datasetId: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { modelId, datasetId } = await params;
  const sp = await searchParams;
  const user = await requirePageUser("audits:read", `/audits/${modelId}/${datasetId}`);
  const db = await getDb();
  const code = FLAG_CODES.includes(sp.code as never) ? sp.code : undefined;
  const report = await notFoundOnAppError(getAuditReport(db, modelId, datasetId, { code, limit: 100 }));
  const loop = await flagAgreement(db, modelId, datasetId);
  const raters = can(user.role, "rounds:write") ? await listRaterAccounts(db) : [];
  const rows = (["sentence", "word", "phone"] as const).map((g) => ({ granularity: g, ...report.summary[g] }));
  const base = `/audits/${modelId}/${datasetId}`;
  return (
    <>
      <h1>Audit: {report.model.name} on {report.dataset.name}</h1>
      <p className="sub"><Link href="/audits">All audits</Link> · plausibility = agreement with the model&apos;s own labels; faithfulness = agreement with the human consensus.</p>
      {sp.sent && <div className="panel">Sent {sp.items} flagged items to the review round “{sp.sent}”.</div>}
      {sp.error && <div className="panel error" role="alert">Not sent: {sp.error}</div>}
      <div className="panel chart" dangerouslySetInnerHTML={{ __html: ratesChartSvg(rows) }} />
      <table className="grid" style={{ marginTop: 12 }}>
        <thead><tr><th>granularity</th><th className="num">plausibility</th><th className="num">faithfulness</th><th className="num">recall of negatives</th><th className="num">mentions</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.granularity}>
              <td>{r.granularity}</td>
              <td className="num">{pct(r.plausibility)} <span className="missing">n={r.plausibility_n}</span></td>
              <td className="num">{pct(r.faithfulness)} <span className="missing">n={r.faithfulness_n}</span></td>
              <td className="num">{pct(r.recall)} <span className="missing">n={r.recall_n}</span></td>
              <td className="num">{r.mentions}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Flagged rationales ({report.total}{code ? ` with ${code}` : ""})</h2>
      <p className="legend">
        <Link href={base}>all</Link>
        {FLAG_CODES.map((c) => (
          <span key={c}> · <Link href={`${base}?code=${c}`}>{c}</Link> ({report.codeCounts[c]})</span>
        ))}
      </p>
      <p className="legend">
        <mark className="m-agrees">agrees</mark> <mark className="m-contradicts">contradicts</mark> <mark className="m-notin">not in utterance</mark> <mark className="m-ambiguous">ambiguous</mark>
      </p>
      {raters.length > 0 && report.total > 0 && (
        <form action={sendToReview} className="panel inline" style={{ flexWrap: "wrap" }}>
          <input type="hidden" name="modelId" value={modelId} />
          <input type="hidden" name="datasetId" value={datasetId} />
          <input type="hidden" name="code" value={code ?? ""} />
          <span>Send {report.total} flagged items to a review round for</span>
          {raters.map((r) => (
            <label key={r.id}><input type="checkbox" name="raterIds" value={r.id} defaultChecked /> {r.email}</label>
          ))}
          <button className="primary" type="submit">Send to review</button>
        </form>
      )}
      {report.flagged.map((f) => (
        <div className="panel" key={f.predictionId} style={{ marginBottom: 10 }}>
          <div><Link href={`/items/${f.itemId}`}>{f.uttId}</Link> — “{f.text}”</div>
          <HighlightedRationale text={f.rationale} mentions={f.mentions} />
          <ul>
            {f.flags.map((x, i) => (
              <li key={i}>
                <span className="pill">{x.code}</span> {x.granularity} · {x.severity} · “{x.mention?.text ?? ""}”
                {x.evidence.target ? ` → ${x.evidence.target}` : ""}
                {x.evidence.prediction !== undefined ? ` · model ${x.evidence.prediction ?? "?"}` : ""}
                {x.evidence.consensus !== undefined ? ` · consensus ${x.evidence.consensus ?? "?"}` : ""}
                {x.evidence.raters?.length ? ` · raters ${x.evidence.raters.map((v) => v ?? "–").join(", ")}` : ""}
                {x.evidence.missed ? ` · missed ${x.evidence.missed.map((m) => `${m.text} (${m.consensus})`).join(", ")}` : ""}
                {x.evidence.candidates ? ` · candidates ${x.evidence.candidates.join(", ")}` : ""}
                {x.evidence.note && !x.evidence.missed ? ` · ${x.evidence.note}` : ""}
              </li>
            ))}
          </ul>
          <Labels title="model" set={f.prediction} />
          <Labels title="consensus" set={f.consensus} />
        </div>
      ))}

      <h2>Flags against raters</h2>
      <div className="panel">
        {loop.answered === 0 ? (
          <>No rater has answered a mention of these rationales yet: send flagged items to a review round.</>
        ) : (
          <>Over {loop.answered} mentions raters judged: flag precision {pct(loop.precision)} ({loop.flaggedAndIncorrect}/{loop.flagged} flagged mentions raters called incorrect), recall {pct(loop.recall)} ({loop.flaggedAndIncorrect}/{loop.incorrect} incorrect mentions flagged).</>
        )}
      </div>
    </>
  );
}
