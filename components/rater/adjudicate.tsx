"use client";
// All raters side by side (disagreements highlighted), the round's model beside them, and an
// adjudication column saved as an ADJUDICATED judgment. The column starts from the existing
// adjudication, else from the raters' mean rounded to the scale (a mean halfway between two points
// is left empty to decide). Saves carry the revision they were made on: a save made meanwhile by
// someone else is shown as a conflict, never overwritten silently.
import { useMemo, useState } from "react";
import type { getItemReview } from "@/lib/services/round-review";
import { formatValue } from "@/lib/rubric/scale";
import { scoreFields, type RawValue } from "@/lib/rater/score-fields";
import { emptyState, fromJudgment, missingOf, problemsOf, settle, toPayload, type FormState, type JudgmentLike } from "./form-state";

type Review = Awaited<ReturnType<typeof getItemReview>>;
type Theirs = JudgmentLike & { revision: number };

const show = (v: RawValue | undefined) => (v === null || v === undefined ? "" : typeof v === "number" ? formatValue(v) : v);
const modelText = (v: number | null, label: string | null) => `${v === null ? "–" : formatValue(Math.round(v * 100) / 100)}${label ? ` (${label})` : ""}`;

export function Adjudicate({ roundId, review, canWrite }: { roundId: string; review: Review; canWrite: boolean }) {
  const words = useMemo(() => review.item.words.map((w, index) => ({ ...w, index })), [review.item.words]);
  const fields = useMemo(() => scoreFields(review.rubric, words), [words, review.rubric]);
  const raterStates = review.raters.map((r) => (r.judgment ? fromJudgment(fields, words, r.judgment) : null));
  const [state, setState] = useState<FormState>(() =>
    review.adjudicated ? fromJudgment(fields, words, review.adjudicated) : { ...emptyState(fields, words), values: { ...review.prefill } },
  );
  const [base, setBase] = useState<number | null>(review.adjudicated?.revision ?? null);
  const [msg, setMsg] = useState<{ text: string; bad: boolean } | null>(null);
  const [serverProblems, setServerProblems] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<{ message: string; theirs: Theirs | null } | null>(null);
  const [tried, setTried] = useState(false);
  const dis = new Set(review.disagreements);
  const problems = { ...(tried ? missingOf(fields, state) : {}), ...serverProblems, ...problemsOf(fields, state) };

  const save = async (on: number | null) => {
    setTried(true);
    const r = await fetch(`/api/rounds/${roundId}/items/${review.item.id}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ baseRevision: on, ...toPayload(fields, state) }),
    });
    const body = await r.json().catch(() => null);
    if (r.ok) {
      setBase(body.revision);
      setConflict(null);
      setServerProblems({});
      setMsg({ text: `saved (revision ${body.revision})`, bad: false });
    } else if (r.status === 409 && body?.conflict) {
      setConflict(body.conflict);
      setMsg({ text: `not saved: ${body.conflict.message}`, bad: true });
    } else {
      const ps: { field?: string; message: string }[] = body?.error?.problems ?? [];
      setServerProblems(Object.fromEntries(ps.filter((p) => p.field).map((p) => [p.field!, p.message])));
      setMsg({ text: `not saved: ${body?.error?.message ?? `the server answered ${r.status}`}`, bad: true });
    }
  };

  const set = (key: string, v: RawValue) => setState((s) => ({ ...s, values: { ...s.values, [key]: v } }));
  return (
    <div className="panel">
      <p className="legend" data-testid="prefill-rule">
        {review.adjudicated
          ? `The adjudication column shows the saved adjudication (revision ${review.adjudicated.revision}).`
          : "The adjudication column starts from the mean of the raters' submitted scores, rounded to the nearest point of the scale; where the mean is exactly halfway between two points it is left empty for you to decide."}{" "}
        Highlighted rows: the raters disagree.
      </p>
      <table className="grid" data-testid="review-table">
        <thead>
          <tr>
            <th>Score</th>
            {review.raters.map((r, i) => (
              <th key={i} className="num">{r.rater}{r.isGold ? " (gold)" : ""}<br /><span className="muted">{r.status.toLowerCase()}</span></th>
            ))}
            <th className="num">Model<br /><span className="muted">{review.model ? review.model.name : "no prediction"}</span></th>
            <th>Adjudicated</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => {
            const m = review.model?.values[f.key];
            const v = state.values[f.key] ?? null;
            return (
              <tr key={f.key} data-field={f.key} className={dis.has(f.key) ? "disagree-row" : undefined}>
                <td>{f.label}</td>
                {raterStates.map((s, i) => (
                  <td key={i} className={`num${dis.has(f.key) ? " disagree" : ""}`}>{s ? show(s.values[f.key]) || "–" : "–"}</td>
                ))}
                <td className="num" data-model={f.key}>{m ? modelText(m.value, m.label) : "–"}</td>
                <td>
                  <input
                    className="fval"
                    size={5}
                    inputMode="decimal"
                    aria-label={`${f.label}: adjudicated value`}
                    disabled={!canWrite}
                    value={show(v)}
                    // Raters scored it but their mean is halfway between two points: the adjudicator decides.
                    placeholder={!review.adjudicated && review.prefill[f.key] === null && raterStates.some((r) => r && r.values[f.key] !== null) ? "decide" : undefined}
                    onChange={(e) => set(f.key, e.target.value)}
                    onBlur={() => set(f.key, settle(f, v))}
                  />
                  {problems[f.key] && <div className="ferr" data-problem={f.key}>{problems[f.key]}</div>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {conflict && (
        <div className="panel conflict" data-testid="conflict">
          <b>Saved by someone else meanwhile.</b> {conflict.message}
          <p>
            <button type="button" onClick={() => { if (conflict.theirs) { setState(fromJudgment(fields, words, conflict.theirs)); setBase(conflict.theirs.revision); } setConflict(null); setMsg(null); }}>
              Load theirs
            </button>{" "}
            <button type="button" onClick={() => void save(conflict.theirs?.revision ?? null)}>Save mine over theirs</button>
          </p>
        </div>
      )}
      {canWrite && (
        <p>
          <label htmlFor="adj-comment">Comment</label>{" "}
          <input id="adj-comment" style={{ width: "50%" }} value={state.comment} onChange={(e) => setState({ ...state, comment: e.target.value })} />{" "}
          <button type="button" className="primary" onClick={() => void save(base)}>Save adjudicated consensus</button>{" "}
          {msg && <span className={msg.bad ? "status-bad" : "muted"} data-testid="adjudicate-status" role="status">{msg.text}</span>}
        </p>
      )}
    </div>
  );
}
