import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getDatasetOrThrow, listItems } from "@/lib/services/datasets";
import { Score } from "@/components/scores/score";
import { SENTENCE_ASPECTS } from "@/lib/rubric/rubric";
import { notFoundOnAppError } from "@/lib/http/pages";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ split?: string; q?: string; page?: string }> };

export default async function DatasetPage({ params, searchParams }: Props) {
  const { id } = await params;
  await requirePageUser("items:read-all", `/datasets/${id}`);
  const sp = await searchParams;
  const db = await getDb();
  const dataset = await notFoundOnAppError(getDatasetOrThrow(db, id));
  const page = Math.max(1, Number(sp.page) || 1);
  const items = await listItems(db, id, { split: sp.split || undefined, q: sp.q || undefined, page, pageSize: 50 });
  const pages = Math.max(1, Math.ceil(items.total / items.pageSize));
  const link = (p: number) => `?${new URLSearchParams({ ...(sp.split ? { split: sp.split } : {}), ...(sp.q ? { q: sp.q } : {}), page: String(p) })}`;
  return (
    <>
      <h1>{dataset.name}</h1>
      <p className="sub">{items.total} items. Consensus is the corpus&apos; published score; spread is the range across raters (outlined when ≥ 3 points).</p>
      <form className="inline">
        <select name="split" aria-label="Split" defaultValue={sp.split ?? ""}>
          <option value="">all splits</option>
          <option value="train">train</option>
          <option value="test">test</option>
        </select>
        <input name="q" aria-label="Search items" placeholder="text, utterance or speaker" defaultValue={sp.q ?? ""} />
        <button type="submit">Filter</button>
      </form>
      <table className="grid">
        <thead>
          <tr>
            <th>Utterance</th><th>Text</th><th>Speaker</th><th>Split</th><th className="num">Sec</th>
            {SENTENCE_ASPECTS.map((a) => <th key={a} className="num">{a}</th>)}
          </tr>
        </thead>
        <tbody>
          {items.rows.map((r) => (
            <tr key={r.id}>
              <td><Link href={`/items/${r.id}`}>{r.uttId}</Link></td>
              <td>{r.text}</td>
              <td>{r.speakerId}{r.speakerAge !== null ? ` (${r.speakerAge})` : ""}</td>
              <td>{r.split}</td>
              <td className="num">{r.durationSec.toFixed(1)}</td>
              {SENTENCE_ASPECTS.map((a) => {
                const max = a === "completeness" ? 1 : 10;
                const s = r.spread[a];
                const wide = s.range !== null && s.range >= (a === "completeness" ? 0.3 : 3);
                return (
                  <td key={a} className="num" title={`${s.n} raters, range ${s.range ?? "—"}`}>
                    <span className={wide ? "spread-wide" : ""}><Score value={r.consensus?.[a]} max={max} digits={2} /></span>
                    <span className="legend"> ±{s.range === null ? "—" : +(s.range / 2).toFixed(2)}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="pager">
        {page > 1 && <Link href={link(page - 1)}>← previous</Link>}
        <span>page {page} of {pages}</span>
        {page < pages && <Link href={link(page + 1)}>next →</Link>}
      </div>
    </>
  );
}
