"use client";
// The round's instructions for raters, editable by researchers: saved on the server and shown in
// every rater's workspace (Guidelines) from the next item they open.
import { useState } from "react";
import { INSTRUCTIONS_EXAMPLE } from "./new-round-form";

export function RoundInstructionsForm({ roundId, initial, canWrite }: { roundId: string; initial: string | null; canWrite: boolean }) {
  const [text, setText] = useState(initial ?? "");
  const [saved, setSaved] = useState(initial ?? "");
  const [msg, setMsg] = useState<{ text: string; bad: boolean } | null>(null);
  if (!canWrite) return initial ? <div className="instructions" data-testid="round-instructions">{initial}</div> : <p className="muted">No instructions for raters.</p>;
  const save = async () => {
    const r = await fetch(`/api/rounds/${roundId}/instructions`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ instructions: text }) });
    const body = await r.json().catch(() => null);
    if (r.ok) {
      setSaved(text.trim());
      setMsg({ text: text.trim() ? "saved: raters see these instructions from the next item they open" : "saved: this round has no instructions now", bad: false });
    } else setMsg({ text: `not saved: ${body?.error?.problems?.[0]?.message ?? body?.error?.message ?? `the server answered ${r.status}`}`, bad: true });
  };
  return (
    <div className="panel" data-testid="round-instructions-form">
      <label htmlFor="round-instructions-edit"><b>Instructions for raters</b> <span className="muted">(shown in the workspace beside the rubric; give examples)</span></label>
      <textarea id="round-instructions-edit" rows={6} style={{ width: "100%", font: "inherit", marginTop: 6 }} placeholder={INSTRUCTIONS_EXAMPLE} value={text} onChange={(e) => setText(e.target.value)} />
      <p>
        <button type="button" className="primary" disabled={text.trim() === saved} onClick={() => void save()}>Save instructions</button>{" "}
        {msg && <span className={msg.bad ? "status-bad" : "muted"} role="status">{msg.text}</span>}
      </p>
    </div>
  );
}
