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
import { getJudgeComparison, settleDisagreement } from "@/lib/services/audit-judge-report";
import type { SideView } from "@/lib/audit/compare-judges";
import { ratesChartSvg } from "@/components/audit/rates-chart";
import { HighlightedRationale, MentionTable, decidingWords } from "@/components/audit/highlighted-rationale";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { FlagItem } from "@/components/audit/flag-item";

export const dynamic = "force-dynamic";

const pct = (v: number | null | undefined) => (v == null ? "–" : `${(v * 100).toFixed(1)}%`);
const f3 = (v: number | null) => (v === null ? "–" : v.toFixed(3));
const GRANS = ["sentence", "word", "phone"] as const;

/** Plausibility and faithfulness, each exact and non-contradicting (METRICS.md), recall of negatives, per granularity. */
function RatesTable({ summary }: { summary: Record<(typeof GRANS)[number], { plausibility: number | null; faithfulness: number | null; plausibility_non_contradicting: number | null; faithfulness_non_contradicting: number | null; recall: number | null; plausibility_n: number; faithfulness_n: number; recall_n: number; mentions: number }> }) {
  return (
    <table className="grid" style={{ marginTop: 12 }}>
      <thead>
        <tr><th rowSpan={2}>granularity</th><th className="num" colSpan={2}>plausibility (vs model)</th><th className="num" colSpan={2}>faithfulness (vs humans)</th><th className="num" rowSpan={2}>recall of negatives</th><th className="num" rowSpan={2}>mentions</th></tr>
        <tr><th className="num">exact</th><th className="num">non-contradicting</th><th className="num">exact</th><th className="num">non-contradicting</th></tr>
      </thead>
      <tbody>
        {GRANS.map((g) => {
          const r = summary[g];
          return (
            <tr key={g}>
              <td>{g}</td>
              <td className="num">{pct(r.plausibility)} <span className="missing">n={r.plausibility_n}</span></td>
              <td className="num">{pct(r.plausibility_non_contradicting)}</td>
              <td className="num">{pct(r.faithfulness)} <span className="missing">n={r.faithfulness_n}</span></td>
              <td className="num">{pct(r.faithfulness_non_contradicting)}</td>
              <td className="num">{pct(r.recall)} <span className="missing">n={r.recall_n}</span></td>
              <td className="num">{r.mentions}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** One judge's reading of a disputed mention: its polarity, the words that decided it, its flags. */
function Side({ title, v }: { title: string; v: SideView | null }) {
  if (!v) return <div><b>{title}</b>: <span className="missing">no such mention</span></div>;
  const m = v.mention;
  const cue = m ? decidingWords(m) : null;
  return (
    <div>
      <b>{title}</b>: “{v.text}”
      {m ? <> · {m.type}{m.status !== "ok" ? ` (${m.status.replace(/_/g, " ")})` : ""} · <span className={`pol-${m.polarity.slice(0, 3)}`}>{m.polarity}</span> · {cue ? <>decided by “{cue}”</> : <span className="missing">no deciding words</span>}</> : " · no-error claim"}
      {v.flags.length ? <> · {v.flags.map((f) => <span key={f} className="pill">{f}</span>)}</> : <span className="missing"> · no flag</span>}
    </div>
  );
}

function Labels({ title, set }: { title: string; set: LabelSet }) {
  const s = set.sentence;
  return (
    <div className="labels">
      <b>{title}</b>: accuracy {s.accuracy ?? "?"} · fluency {s.fluency ?? "?"} · prosody {s.prosody ?? "?"}
      {set.words ? <> · words {set.words.map((l) => l ?? "?").join(" ")}</> : null}
    </div>
  );
}

function Pager({ page, pages, link }: { page: number; pages: number; link: (p: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label="pages of flagged rationales">
      {page > 1 ? <Link href={link(page - 1)} rel="prev">← previous</Link> : null}
      <span>page {page} of {pages}</span>
      {page < pages ? <Link href={link(page + 1)} rel="next">next →</Link> : null}
    </nav>
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
    const q = String(form.get("q") || "") || undefined;
    const raterIds = form.getAll("raterIds").map(String);
    return sendFlaggedToReview(await getDb(), { modelId, datasetId, raterIds, createdById: user.id, code, q });
  });
  redirect(`${back}?sent=${encodeURIComponent(r.name)}&items=${r.items}`);
}

async function settle(form: FormData) {
  "use server";
  const modelId = String(form.get("modelId") ?? "");
  const datasetId = String(form.get("datasetId") ?? "");
  const judge = String(form.get("judge") ?? "");
  const back = `/audits/${encodeURIComponent(modelId)}/${encodeURIComponent(datasetId)}${judge ? `?judge=${encodeURIComponent(judge)}` : ""}`;
  await runAction(back, async () => {
    const user = await requireApiUser("rounds:write");
    return settleDisagreement(await getDb(), user.id, {
      predictionId: String(form.get("predictionId") ?? ""),
      judgeId: String(form.get("judgeId") ?? ""),
      key: String(form.get("key") ?? ""),
      choice: String(form.get("choice") ?? "") as "rules" | "judge",
    });
  });
  redirect(`${back}#judges`);
}

export default async function AuditPage({ params, searchParams }: { params: Promise<{ modelId: string; datasetId: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { modelId, datasetId } = await params;
  const sp = await searchParams;
  const user = await requirePageUser("audits:read", `/audits/${modelId}/${datasetId}`);
  const db = await getDb();
  const code = FLAG_CODES.includes(sp.code as never) ? sp.code : undefined;
  const q = sp.q?.trim().slice(0, 200) || undefined;
  const report = await notFoundOnAppError(getAuditReport(db, modelId, datasetId, { code, q, page: Math.max(1, Number(sp.page) || 1), pageSize: 20 }));
  const loop = await flagAgreement(db, modelId, datasetId);
  const raters = can(user.role, "rounds:write") ? await listRaterAccounts(db) : [];
  const rows = GRANS.map((g) => ({ granularity: g, ...report.summary[g] }));
  const cmp = await getJudgeComparison(db, modelId, datasetId, { judge: sp.judge, open: sp.open === "1", limit: 50 });
  const canSettle = can(user.role, "rounds:write");
  const base = `/audits/${modelId}/${datasetId}`;
  const link = (o: { code?: string; page?: number }) => {
    const u = new URLSearchParams({ ...(o.code ? { code: o.code } : {}), ...(q ? { q } : {}), ...(o.page && o.page > 1 ? { page: String(o.page) } : {}), ...(sp.judge ? { judge: sp.judge } : {}) });
    return `${base}${u.size ? `?${u}` : ""}`;
  };
  const first = (report.page - 1) * report.pageSize;
  return (
    <>
      <h1>Audit: {report.model.name} on {report.dataset.name}</h1>
      <p className="sub"><Link href="/audits">All audits</Link> · plausibility = agreement with the model&apos;s own labels; faithfulness = agreement with the human consensus.</p>
      {sp.sent && <div className="panel">Sent {sp.items} flagged items to the review round “{sp.sent}”.</div>}
      {sp.error && <div className="panel error" role="alert">Not sent: {sp.error}</div>}
      <div className="panel chart" dangerouslySetInnerHTML={{ __html: ratesChartSvg(rows) }} />
      <RatesTable summary={report.summary} />

      <h2 id="flagged">Flagged rationales</h2>
      <p className="sub" data-testid="flag-count">
        {report.flaggedRationales} of {report.audited} rationales are flagged (at least one flag at any granularity; every count on this page counts rationales).
        {code || q ? <> Showing <b>{report.total}</b>{code ? <> with <code>{code}</code></> : null}{q ? <> matching “{q}”</> : null}.</> : null}
      </p>
      <form className="inline" role="search" action={base}>
        {code && <input type="hidden" name="code" value={code} />}
        <label htmlFor="audit-q">Search</label>
        <input id="audit-q" name="q" type="search" defaultValue={q ?? ""} placeholder="word, phone, flag code or utterance" />
        <button type="submit">Search</button>
        {q && <Link href={link({ code })}>clear</Link>}
      </form>
      <p className="legend" data-testid="code-filters">
        {code ? <Link href={link({})}>all</Link> : <b>all</b>} ({report.all})
        {FLAG_CODES.map((c) => (
          <span key={c}> · {c === code ? <b>{c}</b> : <Link href={link({ code: c })}>{c}</Link>} ({report.codeCounts[c]})</span>
        ))}
      </p>
      <p className="legend">
        <mark className="m-agrees">agrees</mark> <mark className="m-contradicts">contradicts</mark> <mark className="m-differs">differs (neutral on one side)</mark> <mark className="m-notin">not in utterance</mark> <mark className="m-ambiguous">ambiguous</mark> <span className="rationale"><span className="cue">words that decided a polarity</span></span>
      </p>
      {raters.length > 0 && report.total > 0 && (
        <form action={sendToReview} className="panel inline" style={{ flexWrap: "wrap" }}>
          <input type="hidden" name="modelId" value={modelId} />
          <input type="hidden" name="datasetId" value={datasetId} />
          <input type="hidden" name="code" value={code ?? ""} />
          <input type="hidden" name="q" value={q ?? ""} />
          <span>Send the {report.total} flagged items listed below (all pages) to a review round for</span>
          {raters.map((r) => (
            <label key={r.id}><input type="checkbox" name="raterIds" value={r.id} defaultChecked /> {r.email}</label>
          ))}
          <ConfirmButton className="primary" message={`Create a review round with ${report.total} items for the checked raters?`}>Send to review</ConfirmButton>
        </form>
      )}
      {report.total === 0 && <div className="panel">No flagged rationale{code ? ` with ${code}` : ""}{q ? ` matches “${q}”` : ""}.</div>}
      {report.total > 0 && <p className="legend" data-testid="range">{first + 1}–{first + report.flagged.length} of {report.total}</p>}
      {report.flagged.map((f) => (
        <div className="panel" key={f.predictionId} style={{ marginBottom: 10 }}>
          <div><Link href={`/items/${f.itemId}`}>{f.uttId}</Link> — “{f.text}”</div>
          <HighlightedRationale text={f.rationale} mentions={f.mentions} />
          <details><summary className="legend">every mention with the words that decided its polarity</summary><MentionTable mentions={f.mentions} /></details>
          <ul>
            {f.flags.map((x, i) => <FlagItem key={i} flag={x} />)}
          </ul>
          <Labels title="model" set={f.prediction} />
          <Labels title="consensus" set={f.consensus} />
        </div>
      ))}

      <Pager page={report.page} pages={report.pages} link={(p) => link({ code, page: p })} />

      <h2 id="judges">Second judge</h2>
      {cmp.judges.length === 0 ? (
        <div className="panel">Only the built-in rules read these rationales. To compare them with a second judge (an OpenAI-compatible chat model registered with <code>models register-http</code>), choose it when you run the audit on the <Link href="/audits">audits page</Link>, or run <code>npm run cli -- audit --dataset {report.dataset.name} --model {report.model.name} --judge &lt;name&gt;</code>.</div>
      ) : (
        <>
          <p className="legend">
            Judges that read these rationales besides the rules:
            {cmp.judges.map((j) => (
              <span key={j.id}> · {j.id === cmp.judge?.id ? <b>{j.name}</b> : <Link href={`${base}?judge=${encodeURIComponent(j.name)}#judges`}>{j.name}</Link>} ({j.read})</span>
            ))}
          </p>
          {cmp.judge && cmp.agreement && (
            <div className="panel">
              <p>
                <b>rules</b> vs <b>{cmp.judge.name}</b> over {cmp.agreement.responses} rationales both read{cmp.failed ? ` (${cmp.failed} without a usable answer from ${cmp.judge.name})` : ""}:
                polarity Cohen&apos;s κ <b>{f3(cmp.agreement.polarity.kappa)}</b> over {cmp.agreement.polarity.n} matched mentions ({pct(cmp.agreement.polarity.agreement)} equal; {cmp.agreement.mentions.rules_only} found by the rules only, {cmp.agreement.mentions.judge_only} by {cmp.judge.name} only);
                flags both raise <b>{pct(cmp.agreement.flags.share_both)}</b> ({cmp.agreement.flags.both} both, {cmp.agreement.flags.rules_only} rules only, {cmp.agreement.flags.judge_only} {cmp.judge.name} only).
              </p>
              {cmp.failures.length > 0 && <p className="legend">No usable answer: {cmp.failures.slice(0, 5).map((f) => `${f.uttId} (${f.message})`).join("; ")}</p>}
              {cmp.summary && <><p className="legend">{cmp.judge.name}&apos;s reading, rated like the rules&apos;:</p><RatesTable summary={cmp.summary} /></>}
            </div>
          )}
          <h3>Disagreements ({cmp.totalDisagreements}; settled: {cmp.settled.rules} for the rules, {cmp.settled.judge} for {cmp.judge?.name})</h3>
          <p className="legend">
            {sp.open === "1" ? <Link href={`${base}?judge=${encodeURIComponent(cmp.judge?.name ?? "")}#judges`}>show all</Link> : <Link href={`${base}?judge=${encodeURIComponent(cmp.judge?.name ?? "")}&open=1#judges`}>show only unsettled</Link>}
          </p>
          {cmp.disagreements.length === 0 && <div className="panel">{cmp.totalDisagreements ? "Every disagreement is settled." : "The two judges agree on every mention and flag."}</div>}
          {cmp.disagreements.map((d) => (
            <div className="panel" key={`${d.predictionId}:${d.key}`} style={{ marginBottom: 10 }}>
              <div><Link href={`/items/${d.itemId}`}>{d.uttId}</Link> · differs in {d.about === "mention" ? "whether it is a mention" : d.about === "claim" ? "the no-error claim" : d.about}{d.settled ? <> · <b>settled for {d.settled.choice === "rules" ? "the rules" : cmp.judge?.name}</b>{d.settled.by ? ` by ${d.settled.by}` : ""}</> : null}</div>
              <p className="rationale">{d.rationale.slice(0, (d.rules ?? d.judge)!.start)}<mark className="m-differs">{d.rationale.slice((d.rules ?? d.judge)!.start, (d.rules ?? d.judge)!.end)}</mark>{d.rationale.slice((d.rules ?? d.judge)!.end)}</p>
              <div className="sides">
                <Side title="rules" v={d.rules} />
                <Side title={cmp.judge?.name ?? "judge"} v={d.judge} />
              </div>
              {canSettle && cmp.judge && (
                <form action={settle} className="inline" style={{ marginTop: 6 }}>
                  <input type="hidden" name="modelId" value={modelId} />
                  <input type="hidden" name="datasetId" value={datasetId} />
                  <input type="hidden" name="judge" value={cmp.judge.name} />
                  <input type="hidden" name="judgeId" value={cmp.judge.id} />
                  <input type="hidden" name="predictionId" value={d.predictionId} />
                  <input type="hidden" name="key" value={d.key} />
                  <span className="legend">Settle:</span>
                  <button type="submit" name="choice" value="rules" disabled={d.settled?.choice === "rules"}>the rules are right</button>
                  <button type="submit" name="choice" value="judge" disabled={d.settled?.choice === "judge"}>{cmp.judge.name} is right</button>
                </form>
              )}
            </div>
          ))}
        </>
      )}

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
