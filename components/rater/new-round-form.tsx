"use client";
// Create a round: dataset or a filtered subset, k raters per item from a chosen pool, gold rate,
// and whether the model is shown after submission (blind first) or alongside.
import { useState } from "react";
import { useRouter } from "next/navigation";

/** What instructions may look like: what to attend to, with examples. */
export const INSTRUCTIONS_EXAMPLE = `For example:
Score what you hear, not what the text says. Listen to the whole recording once before scoring.
Word stress: 10 when the stress is right or the word has one syllable; 5 when it is wrong (e.g. "PHOtograph" read as "phoTOgraph").
Phonemes: 1 for an accented but recognisable sound (e.g. /θ/ in THINK said close to /s/), 0 when it is replaced or dropped.
Skip an item (S) when the recording is silent or is another sentence.`;

interface Props {
  datasets: { id: string; name: string; splits: string[] }[];
  raters: { id: string; email: string; name: string | null }[];
  models: { id: string; name: string }[];
  /** A fresh random seed (drawn on the server), shown and editable; stored with the round. */
  initialSeed?: number;
}

export function NewRoundForm({ datasets, raters, models, initialSeed = 1 }: Props) {
  const router = useRouter();
  const [f, setF] = useState({ datasetId: datasets[0]?.id ?? "", name: "", k: 2, seed: initialSeed, split: "", speakers: "", limit: "", goldRate: 0, showModel: "after_submit", modelVersionId: "", flagged: false, instructions: "" });
  const [pool, setPool] = useState<Set<string>>(new Set(raters.map((r) => r.id)));
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
    setF({ ...f, [k]: e.target.type === "checkbox" ? (e.target as HTMLInputElement).checked : e.target.type === "number" ? Number(e.target.value) : e.target.value });
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const body = {
      datasetId: f.datasetId,
      name: f.name,
      k: f.k,
      seed: f.seed,
      raterIds: [...pool],
      goldRate: f.goldRate,
      showModel: f.showModel,
      ...(f.modelVersionId ? { modelVersionId: f.modelVersionId } : {}),
      ...(f.instructions.trim() ? { instructions: f.instructions } : {}),
      filter: {
        ...(f.split ? { split: f.split } : {}),
        ...(f.speakers.trim() ? { speakerIds: f.speakers.split(/[\s,]+/).filter(Boolean) } : {}),
        ...(f.limit ? { limit: Number(f.limit) } : {}),
        ...(f.flagged ? { auditFlagged: true } : {}),
      },
    };
    const r = await fetch("/api/rounds", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const j = await r.json().catch(() => null);
    if (r.ok) router.push(`/rounds/${j.id}`);
    else setError([j?.error?.message, ...(j?.error?.problems ?? []).map((p: { field?: string; message: string }) => `${p.field ?? ""} ${p.message}`)].filter(Boolean).join(" · "));
  };
  const ds = datasets.find((d) => d.id === f.datasetId);
  return (
    <form className="panel login" style={{ maxWidth: 640, margin: 0 }} onSubmit={(e) => void submit(e)}>
      <label>Dataset</label>
      <select aria-label="Dataset" value={f.datasetId} onChange={set("datasetId")}>{datasets.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}</select>
      <label>Name</label>
      <input aria-label="Name" required value={f.name} onChange={set("name")} />
      <label>Raters per item (k) and seed</label>
      <div style={{ display: "flex", gap: 8 }}><input aria-label="Raters per item (k)" type="number" min={1} value={f.k} onChange={set("k")} /><input aria-label="Seed" type="number" value={f.seed} onChange={set("seed")} /></div>
      <label>Filter: split, speakers (ids), at most n items (a random sample drawn with the seed)</label>
      <div style={{ display: "flex", gap: 8 }}>
        <select aria-label="Split" value={f.split} onChange={set("split")}><option value="">all splits</option>{ds?.splits.map((s) => <option key={s}>{s}</option>)}</select>
        <input aria-label="Speaker ids" placeholder="speaker ids" value={f.speakers} onChange={set("speakers")} />
        <input aria-label="At most n items" placeholder="limit" value={f.limit} onChange={set("limit")} />
      </div>
      <label><input type="checkbox" style={{ width: "auto" }} checked={f.flagged} onChange={set("flagged")} /> only items whose rationale audit is flagged</label>
      <label>Gold rate (0–1, items with a known consensus mixed in)</label>
      <input aria-label="Gold rate" type="number" step={0.05} min={0} max={1} value={f.goldRate} onChange={set("goldRate")} />
      <label>Model shown to raters</label>
      <div style={{ display: "flex", gap: 8 }}>
        <select aria-label="Model shown to raters" value={f.modelVersionId} onChange={set("modelVersionId")}><option value="">latest prediction</option>{models.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}</select>
        <select aria-label="When raters see the model" value={f.showModel} onChange={set("showModel")}><option value="after_submit">after submitting (blind first)</option><option value="alongside">alongside</option><option value="never">never</option></select>
      </div>
      <label htmlFor="round-instructions">Instructions for raters (shown in the workspace beside the rubric; give examples)</label>
      <textarea
        id="round-instructions"
        rows={6}
        style={{ width: "100%", font: "inherit" }}
        placeholder={INSTRUCTIONS_EXAMPLE}
        value={f.instructions}
        onChange={set("instructions")}
      />
      <label>Rater pool ({pool.size})</label>
      {raters.map((r) => (
        <div key={r.id}>
          <label style={{ fontWeight: 400, margin: 0 }}>
            <input type="checkbox" style={{ width: "auto" }} checked={pool.has(r.id)} onChange={(e) => { const p = new Set(pool); if (e.target.checked) p.add(r.id); else p.delete(r.id); setPool(p); }} /> {r.name ?? r.email}
          </label>
        </div>
      ))}
      <button className="primary" type="submit">Create round</button>
      {error && <p className="error">{error}</p>}
    </form>
  );
}
