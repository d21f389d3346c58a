"use client";
// The model's labels and rationale, each statement and word/phoneme mention highlighted and
// answerable (correct / incorrect / can't tell), plus "would you trust this rationale?".
import { useEffect, useState } from "react";

interface Mention { key: string; kind: "word" | "phone"; text: string; start: number; end: number }
interface Statement { key: string; text: string; start: number; end: number; mentions: Mention[] }
interface Panel {
  visible: boolean;
  reason?: string;
  prediction?: { id: string; model: string | null; sentence: Record<string, string | null>; words: { text: string; label: string | null }[]; phones: { symbol: string; label: string | null }[]; rationale: string; statements: Statement[] };
  answers?: Record<string, string>;
}

const CHOICES = [["correct", "✓ correct"], ["incorrect", "✗ incorrect"], ["cant_tell", "? can't tell"]] as const;
const TRUST = [["yes", "Yes"], ["no", "No"], ["unsure", "Unsure"]] as const;

export function ModelPanel({ assignmentId, refreshKey }: { assignmentId: string; refreshKey: number }) {
  const [panel, setPanel] = useState<Panel | null>(null);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let gone = false;
    fetch(`/api/rater/assignments/${assignmentId}/model`)
      .then((r) => r.json())
      .then((p: Panel) => {
        if (gone) return;
        setPanel(p);
        setAnswers(p.answers ?? {});
      })
      .catch(() => setError("could not load the model's assessment"));
    return () => {
      gone = true;
    };
  }, [assignmentId, refreshKey]);

  const answer = async (mentionKey: string, value: string) => {
    setAnswers((a) => ({ ...a, [mentionKey]: value }));
    const r = await fetch(`/api/rater/assignments/${assignmentId}/mention-answers`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ mentionKey, answer: value }) });
    if (!r.ok) setError(((await r.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? "could not save the answer");
  };

  if (!panel) return null;
  if (!panel.visible || !panel.prediction) return <div className="panel model-panel muted" data-testid="model-hidden">{panel.reason}</div>;
  const p = panel.prediction;
  const buttons = (key: string, list: readonly (readonly [string, string])[]) => (
    <span className="ans" data-answer-for={key}>
      {list.map(([v, label]) => (
        <button key={v} type="button" className={answers[key] === v ? "on" : ""} data-choice={v} onClick={() => void answer(key, v)}>
          {label}
        </button>
      ))}
    </span>
  );
  return (
    <div className="panel model-panel" data-testid="model-panel">
      <h2>{p.model === null ? "The model's assessment" : `Model: ${p.model}`}</h2>
      {p.model === null && <p className="legend" data-testid="model-blind">The model is not named while you compare two responses (A/B).</p>}
      <div className="stats">
        {Object.entries(p.sentence).map(([k, v]) => (
          <span key={k}>{k} <b>{v ?? "–"}</b></span>
        ))}
      </div>
      {p.words.length > 0 && (
        <p className="legend">
          Words: {p.words.map((w, i) => <span key={i} className={`lab lab-${(w.label ?? "").toLowerCase()}`}>{w.text} ({w.label ?? "?"}) </span>)}
        </p>
      )}
      <h2>Rationale — is each statement right?</h2>
      {p.statements.map((s) => {
        const parts: React.ReactNode[] = [];
        let at = s.start;
        for (const m of s.mentions) {
          if (m.start > at) parts.push(p.rationale.slice(at, m.start));
          parts.push(<mark key={m.key} className={`mention ${m.kind}`}>{p.rationale.slice(m.start, m.end)}</mark>);
          at = m.end;
        }
        parts.push(p.rationale.slice(at, s.end));
        return (
          <div key={s.key} className="stmt" data-statement={s.key}>
            <div className="stmt-text">{parts} {buttons(s.key, CHOICES)}</div>
            {s.mentions.map((m) => (
              <div key={m.key} className="mention-row" data-mention={m.key}>
                <mark className={`mention ${m.kind}`}>{m.text}</mark> <span className="muted">{m.kind === "word" ? "word" : "phoneme"}</span> {buttons(m.key, CHOICES)}
              </div>
            ))}
          </div>
        );
      })}
      <div className="trust">Would you trust this rationale? {buttons("trust", TRUST)}</div>
      {error && <p className="error">{error}</p>}
    </div>
  );
}
