"use client";
// A/B: two responses for the same recording, sides in the round's seeded order, model names hidden.
import { useEffect, useState } from "react";

type Ab = { available: false; reason?: string } | { available: true; A: string; B: string; choice: { choice: string | null; strength: number | null; reason: string | null } | null };

export function AbChoice({ assignmentId, refreshKey }: { assignmentId: string; refreshKey: number }) {
  const [ab, setAb] = useState<Ab | null>(null);
  const [choice, setChoice] = useState<string | null>(null);
  const [strength, setStrength] = useState(2);
  const [reason, setReason] = useState("");
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    fetch(`/api/rater/assignments/${assignmentId}/ab`)
      .then((r) => r.json())
      .then((x: Ab) => {
        setAb(x);
        if (x.available && x.choice) {
          setChoice(x.choice.choice);
          setStrength(x.choice.strength ?? 2);
          setReason(x.choice.reason ?? "");
          setSaved("saved");
        }
      });
  }, [assignmentId, refreshKey]);

  if (!ab || !ab.available) return null;
  const save = async (c: string) => {
    setChoice(c);
    const r = await fetch(`/api/rater/assignments/${assignmentId}/ab`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ choice: c, strength, reason: reason || undefined }) });
    setSaved(r.ok ? `saved: ${c === "tie" ? "tie" : `${c} is better`}` : "could not save");
  };
  return (
    <div className="panel ab" data-testid="ab-choice">
      <h2>Which response is better?</h2>
      <div className="ab-sides">
        <pre data-side="A"><b>A</b>{"\n"}{ab.A}</pre>
        <pre data-side="B"><b>B</b>{"\n"}{ab.B}</pre>
      </div>
      <div className="ab-tools">
        <label>
          Strength{" "}
          <select value={strength} onChange={(e) => setStrength(Number(e.target.value))}>
            <option value={1}>slight</option>
            <option value={2}>clear</option>
            <option value={3}>strong</option>
          </select>
        </label>
        <input aria-label="Reason (optional)" placeholder="reason (optional)" value={reason} onChange={(e) => setReason(e.target.value)} />
        {(["A", "tie", "B"] as const).map((c) => (
          <button key={c} type="button" className={choice === c ? "primary" : ""} data-ab={c} onClick={() => void save(c)}>
            {c === "tie" ? "Tie" : `${c} is better`}
          </button>
        ))}
        {saved && <span className="muted" data-testid="ab-saved">{saved}</span>}
      </div>
    </div>
  );
}
