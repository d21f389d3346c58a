"use client";
// All raters side by side (disagreements highlighted) and an adjudication column, prefilled with
// the median of the raters (or the existing adjudication), saved as an ADJUDICATED judgment.
import { useMemo, useState } from "react";
import type { getItemReview } from "@/lib/services/round-review";
import { buildFields, emptyState, fromJudgment, toPayload, type FormState } from "./form-state";

type Review = Awaited<ReturnType<typeof getItemReview>>;

const med = (xs: (number | null)[]) => {
  const v = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
  if (!v.length) return null;
  return v[Math.floor((v.length - 1) / 2)];
};

export function Adjudicate({ roundId, review, canWrite }: { roundId: string; review: Review; canWrite: boolean }) {
  const words = review.item.words.map((w, index) => ({ ...w, index }));
  const fields = useMemo(() => buildFields(words, review.rubric), [words, review.rubric]);
  const raterStates = review.raters.map((r) => (r.judgment ? fromJudgment(words, r.judgment) : null));
  const [state, setState] = useState<FormState>(() => {
    if (review.adjudicated) return fromJudgment(words, review.adjudicated);
    let s = emptyState(words);
    for (const f of fields) s = f.set(s, med(raterStates.map((r) => (r ? f.get(r) : null))));
    return s;
  });
  const [msg, setMsg] = useState<string | null>(null);
  const dis = new Set(review.disagreements);

  const save = async () => {
    const r = await fetch(`/api/rounds/${roundId}/items/${review.item.id}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ baseRevision: null, ...toPayload(state) }) });
    const body = await r.json().catch(() => null);
    setMsg(r.ok ? `saved (revision ${body.revision})` : (body?.error?.problems?.map((p: { message: string }) => p.message).join("; ") || body?.error?.message || "failed"));
  };

  return (
    <div className="panel">
      <table className="grid" data-testid="review-table">
        <thead>
          <tr>
            <th>Score</th>
            {review.raters.map((r, i) => (
              <th key={i} className="num">{r.rater}{r.isGold ? " (gold)" : ""}<br /><span className="muted">{r.status.toLowerCase()}</span></th>
            ))}
            <th className="num">Adjudicated</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f.key}>
              <td>{f.label}</td>
              {raterStates.map((s, i) => (
                <td key={i} className={`num${dis.has(f.key) ? " disagree" : ""}`}>{s ? (f.get(s) ?? "–") : "–"}</td>
              ))}
              <td className="num">
                <input
                  type="number"
                  step={f.scale.max <= 1 ? 0.1 : 1}
                  min={f.scale.min}
                  max={f.scale.max}
                  style={{ width: 70 }}
                  disabled={!canWrite}
                  value={f.get(state) ?? ""}
                  onChange={(e) => setState(f.set(state, e.target.value === "" ? null : Number(e.target.value)))}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canWrite && (
        <p>
          <button type="button" className="primary" onClick={() => void save()}>Save adjudicated consensus</button> {msg && <span className="muted">{msg}</span>}
        </p>
      )}
    </div>
  );
}
