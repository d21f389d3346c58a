import Link from "next/link";
import { Fragment } from "react";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getItemView, type ItemModel, type ModelValue } from "@/lib/services/item-view";
import { notFoundOnAppError } from "@/lib/http/pages";
import { Score } from "@/components/scores/score";
import { ItemWaveform } from "@/components/rater/item-waveform";
import { HighlightedRationale } from "@/components/audit/highlighted-rationale";
import { FlagItem } from "@/components/audit/flag-item";
import { SENTENCE_ASPECTS } from "@/lib/rubric/rubric";

export const dynamic = "force-dynamic";

/** A model's value on the rubric's scale with its label, or a dash. */
function ModelCell({ v, max, digits = 1 }: { v: ModelValue | undefined; max: number; digits?: number }) {
  if (!v) return <span className="missing" title="the model gave none">—</span>;
  return (
    <>
      {v.value !== null ? <Score value={v.value} max={max} digits={digits} /> : null}
      {v.label ? <span className={`lab lab-${v.label.toLowerCase()}`}> {v.label}</span> : null}
    </>
  );
}

function ModelSection({ m, datasetId, uttId }: { m: ItemModel; datasetId: string; uttId: string }) {
  const flags = m.audit?.flags ?? [];
  return (
    <div className="panel model-view" data-testid="model-view" data-model={m.model}>
      <h3>Model: {m.model}</h3>
      <p className="legend">
        Labels: {Object.entries(m.sentenceLabels).length ? Object.entries(m.sentenceLabels).map(([k, l]) => <span key={k}>{k} <b>{l ?? "?"}</b> · </span>) : "none in the response · "}
        {m.parseWarnings.length ? <span title={m.parseWarnings.join("\n")}>{m.parseWarnings.length} parse warning{m.parseWarnings.length > 1 ? "s" : ""}</span> : "read without warnings"}
      </p>
      <h4>Rationale</h4>
      {m.rationale ? (m.audit ? <HighlightedRationale text={m.rationale} mentions={m.audit.mentions} /> : <p className="rationale">{m.rationale}</p>) : <p className="missing">The response has no rationale.</p>}
      <h4>Audit flags</h4>
      {m.audit === null ? (
        <p className="missing" data-testid="flags">Not audited yet (Audits → run an audit of {m.model} on this dataset).</p>
      ) : flags.length === 0 ? (
        <p data-testid="flags">No flags: every mention agrees with the labels.</p>
      ) : (
        <>
          <ul data-testid="flags">
            {flags.map((f, i) => <FlagItem key={i} flag={f} />)}
          </ul>
          <p className="legend"><Link href={`/audits/${m.modelId}/${datasetId}?q=${encodeURIComponent(uttId)}`}>This rationale on the audit page</Link></p>
        </>
      )}
    </div>
  );
}

export default async function ItemPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { id } = await params;
  const sp = await searchParams;
  await requirePageUser("judgments:read-all", `/items/${id}`);
  const v = await notFoundOnAppError(getItemView(await getDb(), id, { roundId: sp.round || undefined }));
  const { item, tiers, models, nav } = v;
  const cols = item.columns;
  const q = nav.round ? `?round=${encodeURIComponent(nav.round.id)}` : "";
  const wordLabel = new Map(item.words.map((w) => [w.id, w.text]));
  const phoneLabel = new Map(item.words.flatMap((w) => w.phones.map((p) => [p.id, p.symbol] as const)));
  const raters = cols.filter((c) => c.kind === "RATER").length;
  return (
    <>
      <nav className="item-nav" aria-label="items">
        <span className="legend">
          <Link href={`/datasets/${item.dataset.id}`}>{item.dataset.name}</Link>
          {nav.round ? <> · round <Link href={`/rounds/${nav.round.id}`}>{nav.round.name}</Link></> : null} / {item.uttId}
        </span>
        <span className="item-nav-links">
          {nav.prev ? <Link href={`/items/${nav.prev.id}${q}`} rel="prev" title={nav.prev.uttId}>← previous</Link> : <span className="missing">← previous</span>}
          <span data-testid="item-position">item {nav.position} of {nav.total} in {nav.round ? "the round" : "the dataset"}</span>
          {nav.next ? <Link href={`/items/${nav.next.id}${q}`} rel="next" title={nav.next.uttId}>next →</Link> : <span className="missing">next →</span>}
        </span>
      </nav>
      {nav.notice && <p className="panel" role="status">{nav.notice}</p>}
      <h1>{item.text}</h1>
      <p className="sub">
        Speaker {item.speakerId}{item.speakerAge !== null ? `, age ${item.speakerAge}` : ""}{item.speakerGender ? `, ${item.speakerGender}` : ""} ·
        {" "}{item.split} · {item.durationSec.toFixed(2)} s at {item.sampleRate / 1000} kHz · {raters} rater{raters === 1 ? "" : "s"} · {models.length} model prediction{models.length === 1 ? "" : "s"}
      </p>
      <ItemWaveform
        key={item.id}
        src={`/api/audio/${item.id}`}
        durationSec={item.durationSec}
        words={tiers.words.map((s) => ({ ...s, label: wordLabel.get(s.id) ?? "?" }))}
        phones={tiers.phones.map((s) => ({ ...s, label: phoneLabel.get(s.id) ?? "?" }))}
        estimated={tiers.estimated}
        source={tiers.source}
      />

      <h2>Sentence</h2>
      {cols.length === 0 && models.length === 0 ? <p className="missing">No submitted judgment or model prediction yet.</p> : null}
      <div className="scroll">
        <table className="grid" data-testid="sentence-scores">
          <thead>
            <tr>
              <th>Aspect</th>
              {cols.map((c) => <th key={c.label} className="num">{c.label}</th>)}
              {models.map((m) => <th key={m.predictionId} className="num model-col">model {m.model}</th>)}
            </tr>
          </thead>
          <tbody>
            {SENTENCE_ASPECTS.map((a) => (
              <tr key={a}>
                <td>{a}{a === "completeness" ? " (0-1)" : ""}</td>
                {cols.map((c) => <td key={c.label} className="num"><Score value={c.sentence[a]} max={a === "completeness" ? 1 : 10} digits={2} /></td>)}
                {models.map((m) => (
                  <td key={m.predictionId} className="num model-col">
                    {/* An aspect the rubric derives (total) has no field: the response's label alone. */}
                    <ModelCell v={m.values.sentence[a] ?? (m.sentenceLabels[a] ? { value: null, label: m.sentenceLabels[a] } : undefined)} max={a === "completeness" ? 1 : 10} digits={2} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Words and phones</h2>
      <p className="legend">Words: accuracy / stress (0-10); the model gives accuracy only. Phones: 0 wrong or missed, 1 accented, 2 correct (consensus: mean over raters). Inserted phones after the word. Click a word or phone on the tiers to play it and find its row.</p>
      <div className="scroll">
        <table className="grid" data-testid="word-scores">
          <thead>
            <tr>
              <th>Word / phone</th>
              {cols.map((c) => <th key={c.label} className="num">{c.label}</th>)}
              {models.map((m) => <th key={m.predictionId} className="num model-col">model {m.model}</th>)}
            </tr>
          </thead>
          <tbody>
            {item.words.map((w) => (
              <Fragment key={w.id}>
                <tr data-row={w.id}>
                  <td><b>{w.text}</b></td>
                  {cols.map((c) => {
                    const s = c.words[w.id];
                    return (
                      <td key={c.label} className="num">
                        <Score value={s?.accuracy} max={10} /> / <Score value={s?.stress} max={10} />
                        {s?.inserted.length ? <div className="legend">+[{s.inserted.join(" ")}]</div> : null}
                      </td>
                    );
                  })}
                  {models.map((m) => <td key={m.predictionId} className="num model-col"><ModelCell v={m.values.words[w.id]} max={10} /></td>)}
                </tr>
                {w.phones.map((p) => (
                  <tr key={p.id} className="phone-row" data-row={p.id}>
                    <td>{p.symbol}</td>
                    {cols.map((c) => <td key={c.label} className="num"><Score value={c.phones[p.id]?.score} max={2} /></td>)}
                    {models.map((m) => <td key={m.predictionId} className="num model-col"><ModelCell v={m.values.phones[p.id]} max={2} /></td>)}
                  </tr>
                ))}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>

      <h2>The model{models.length > 1 ? "s" : ""}: rationale and audit flags</h2>
      {models.length === 0 ? <p className="missing">No model has scored this recording.</p> : null}
      <p className="legend">
        <mark className="m-agrees">agrees</mark> <mark className="m-contradicts">contradicts</mark> <mark className="m-differs">differs (neutral on one side)</mark> <mark className="m-notin">not in utterance</mark> <mark className="m-ambiguous">ambiguous</mark>
      </p>
      {models.map((m) => <ModelSection key={m.predictionId} m={m} datasetId={item.dataset.id} uttId={item.uttId} />)}
    </>
  );
}
