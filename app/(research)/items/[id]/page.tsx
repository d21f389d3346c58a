import Link from "next/link";
import { Fragment } from "react";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getItemDetailOrThrow } from "@/lib/services/datasets";
import { notFoundOnAppError } from "@/lib/http/pages";
import { Score } from "@/components/scores/score";
import { SENTENCE_ASPECTS } from "@/lib/rubric/rubric";

export const dynamic = "force-dynamic";

export default async function ItemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageUser("judgments:read-all", `/items/${id}`);
  const item = await notFoundOnAppError(getItemDetailOrThrow(await getDb(), id));
  const cols = item.columns;
  return (
    <>
      <p className="legend"><Link href={`/datasets/${item.dataset.id}`}>{item.dataset.name}</Link> / {item.uttId}</p>
      <h1>{item.text}</h1>
      <p className="sub">
        Speaker {item.speakerId}{item.speakerAge !== null ? `, age ${item.speakerAge}` : ""}{item.speakerGender ? `, ${item.speakerGender}` : ""} ·
        {" "}{item.split} · {item.durationSec.toFixed(2)} s at {item.sampleRate / 1000} kHz
      </p>
      <div className="panel">
        <audio className="audio-player" controls preload="metadata" src={`/api/audio/${item.id}`} />
      </div>

      <h2>Sentence</h2>
      <table className="grid">
        <thead><tr><th>Aspect</th>{cols.map((c) => <th key={c.label} className="num">{c.label}</th>)}</tr></thead>
        <tbody>
          {SENTENCE_ASPECTS.map((a) => (
            <tr key={a}>
              <td>{a}{a === "completeness" ? " (0-1)" : ""}</td>
              {cols.map((c) => <td key={c.label} className="num"><Score value={c.sentence[a]} max={a === "completeness" ? 1 : 10} digits={2} /></td>)}
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Words and phones</h2>
      <p className="legend">Words: accuracy / stress (0-10). Phones: 0 wrong or missed, 1 accented, 2 correct (consensus: mean over raters). Inserted phones after the word.</p>
      <table className="grid">
        <thead><tr><th>Word / phone</th>{cols.map((c) => <th key={c.label} className="num">{c.label}</th>)}</tr></thead>
        <tbody>
          {item.words.map((w) => (
            <Fragment key={w.id}>
              <tr>
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
              </tr>
              {w.phones.map((p) => (
                <tr key={p.id} className="phone-row">
                  <td>{p.symbol}</td>
                  {cols.map((c) => <td key={c.label} className="num"><Score value={c.phones[p.id]?.score} max={2} /></td>)}
                </tr>
              ))}
            </Fragment>
          ))}
        </tbody>
      </table>
    </>
  );
}
