"use client";
// The rubric-driven scoring form: one row per score (sentence aspects, each word's accuracy and
// stress, each phone), totals derived and shown (never typed). Keyboard handling lives in the
// workspace; this component renders the focused row and accepts clicks as well.
import type { Rubric, Scale } from "@/lib/rubric/rubric";
import type { Field, FormState, WsWord } from "./form-state";
import { totals } from "./form-state";

function options(scale: Scale): number[] {
  if (scale.values) return scale.values;
  if (scale.max <= 1) return Array.from({ length: 11 }, (_, i) => Math.round(i * scale.max * 10) / 100);
  const out: number[] = [];
  for (let v = scale.min; v <= scale.max; v++) out.push(v);
  return out;
}

const fmt = (v: number | null) => (v === null ? "–" : Number.isInteger(v) ? String(v) : v.toFixed(1));

interface Props {
  rubric: Rubric;
  words: WsWord[];
  fields: Field[];
  state: FormState;
  focus: number;
  problems: Record<string, string>;
  readOnly: boolean;
  onFocus(i: number): void;
  onSet(i: number, v: number | null): void;
  onPronounced(phoneId: string, v: string): void;
  onInserted(wordId: string, v: string[]): void;
  onComment(v: string): void;
}

export function ScoringForm(p: Props) {
  const t = totals(p.rubric, p.state);
  const index = new Map(p.fields.map((f, i) => [f.key, i] as const));
  const row = (key: string, extra?: React.ReactNode, cls = "") => {
    const i = index.get(key)!;
    const f = p.fields[i];
    const v = f.get(p.state);
    return (
      <div
        key={key}
        className={`frow ${cls}${i === p.focus ? " focus" : ""}${p.problems[key] ? " invalid" : ""}`}
        data-field={key}
        data-value={v === null ? "" : String(v)}
        onClick={() => p.onFocus(i)}
      >
        <span className="flabel">{f.label}</span>
        <span className="opts">
          {options(f.scale).map((o) => (
            <button key={o} type="button" tabIndex={-1} disabled={p.readOnly} className={`opt${v === o ? " on" : ""}`} onClick={() => p.onSet(i, v === o ? null : o)}>
              {fmt(o)}
            </button>
          ))}
        </span>
        {extra}
        {p.problems[key] && <span className="ferr">{p.problems[key]}</span>}
      </div>
    );
  };

  return (
    <div className="scoring" data-testid="scoring-form">
      <h2>Sentence <span className="total" data-testid="sentence-total">total {fmt(t.sentence)}</span></h2>
      {(["accuracy", "fluency", "prosody", "completeness"] as const).map((a) => row(`s:${a}`))}
      <h2>Words and phonemes</h2>
      {p.words.map((w) => (
        <div key={w.id} className="wblock">
          <div className="whead">
            <b>{w.text}</b> <span className="total">total {fmt(t.words[w.id] ?? null)}</span>
            <label className="ins">
              inserted phones{" "}
              <input
                disabled={p.readOnly}
                placeholder="e.g. AH"
                value={p.state.words[w.id]?.inserted.join(" ") ?? ""}
                onChange={(e) => p.onInserted(w.id, e.target.value.toUpperCase().split(/\s+/).filter(Boolean))}
              />
            </label>
          </div>
          {row(`w:${w.id}:accuracy`)}
          {row(`w:${w.id}:stress`)}
          {w.phones.map((ph) =>
            row(
              `p:${ph.id}`,
              <label className="pron">
                pronounced as{" "}
                <input
                  disabled={p.readOnly}
                  size={4}
                  value={p.state.phones[ph.id]?.pronounced ?? ""}
                  onChange={(e) => p.onPronounced(ph.id, e.target.value.toUpperCase())}
                />
              </label>,
              "prow",
            ),
          )}
        </div>
      ))}
      <h2>Comment</h2>
      <textarea className="comment" disabled={p.readOnly} value={p.state.comment} onChange={(e) => p.onComment(e.target.value)} rows={2} />
    </div>
  );
}
