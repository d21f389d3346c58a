"use client";
// The rubric-driven scoring form: one row per score (sentence aspects, each word's aspects, each
// phone), totals derived and shown (never typed). Each row has the scale's points as buttons and a
// box to type a value; a value outside the rubric stays as typed and the row says what is wrong.
// The focused row is the form's one Tab stop (arrow keys move between rows: see workspace.tsx), so
// Tab goes on to the rest of the page; the focused row's own boxes follow it in the Tab order.
import { forwardRef } from "react";
import type { Rubric } from "@/lib/rubric/rubric";
import { anchorFor, anchorRange, formatValue, scaleTicks } from "@/lib/rubric/scale";
import { fittingValue, type RawValue, type ScoreField } from "@/lib/rater/score-fields";
import type { FormState, WsWord } from "./form-state";
import { totals } from "./form-state";

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? "–" : formatValue(v));
const shown = (v: RawValue) => (v === null ? "" : typeof v === "number" ? formatValue(v) : v);

interface Props {
  rubric: Rubric;
  words: WsWord[];
  fields: ScoreField[];
  state: FormState;
  focus: number;
  /** What is wrong at each field (out of scale, or empty after a submit), by field key. */
  problems: Record<string, string>;
  /** A passing note at the focused row (a key the scale has no value for). */
  hint: string | null;
  readOnly: boolean;
  onFocus(i: number): void;
  onSet(i: number, v: RawValue, typing?: boolean): void;
  onSettle(i: number): void;
  onPronounced(phoneId: string, v: string): void;
  onInserted(wordId: string, v: string[]): void;
  onComment(v: string): void;
}

export const ScoringForm = forwardRef<HTMLDivElement, Props>(function ScoringForm(p, ref) {
  const t = totals(p.rubric, p.fields, p.state);
  const focused = p.fields[p.focus];
  const focusWord = focused?.granularity === "word" ? focused.targetId : focused?.granularity === "phone" ? p.words.find((w) => w.phones.some((x) => x.id === focused.targetId))?.id : null;

  const row = (i: number, extra?: (tab: number) => React.ReactNode) => {
    const f = p.fields[i];
    const v = p.state.values[f.key] ?? null;
    const fit = fittingValue(f, v);
    const on = i === p.focus;
    const tab = on ? 0 : -1;
    const problem = p.problems[f.key];
    const anchor = on ? anchorFor(f.scale, fit) : null;
    const errId = `err-${f.key}`;
    return (
      <div
        key={f.key}
        className={`frow${f.granularity === "phone" ? " prow" : ""}${on ? " focus" : ""}${problem ? " invalid" : ""}`}
        data-field={f.key}
        data-value={v === null ? "" : String(v)}
        data-index={i}
        role="group"
        aria-label={f.label}
        aria-describedby={problem ? errId : undefined}
        tabIndex={tab}
        onFocus={(e) => {
          if (e.target === e.currentTarget || !on) p.onFocus(i);
        }}
        onClick={() => p.onFocus(i)}
      >
        <span className="flabel">{f.label}</span>
        <input
          className="fval"
          tabIndex={tab}
          disabled={p.readOnly}
          inputMode="decimal"
          size={4}
          aria-label={`${f.label}: type a value`}
          data-value-input={f.key}
          value={shown(v)}
          onChange={(e) => p.onSet(i, e.target.value, true)}
          onBlur={() => p.onSettle(i)}
          onKeyDown={(e) => {
            if (e.key === "Enter" || e.key === "Escape") {
              e.preventDefault();
              p.onSettle(i);
              (e.currentTarget.closest(".frow") as HTMLElement | null)?.focus();
            }
          }}
        />
        <span className="opts">
          {scaleTicks(f.scale).map((o) => {
            const a = anchorFor(f.scale, o);
            return (
              <button
                key={o}
                type="button"
                tabIndex={-1}
                disabled={p.readOnly}
                aria-pressed={fit === o}
                title={a ? `${fmt(o)}: ${a.meaning}` : undefined}
                className={`opt${fit === o ? " on" : ""}`}
                onClick={() => p.onSet(i, fit === o ? null : o)}
              >
                {fmt(o)}
              </button>
            );
          })}
        </span>
        {extra?.(tab)}
        {problem && (
          <span className="ferr" id={errId} data-problem={f.key}>
            {problem}
          </span>
        )}
        {!problem && on && p.hint && <span className="fhint">{p.hint}</span>}
        {!problem && on && !p.hint && anchor && (
          <span className="fanchor" data-anchor={f.key}>
            {anchorRange(anchor)}: {anchor.meaning}
          </span>
        )}
      </div>
    );
  };

  const firstOfPhone = new Map<string, number>();
  p.fields.forEach((f, i) => {
    if (f.granularity === "phone" && !firstOfPhone.has(f.targetId!)) firstOfPhone.set(f.targetId!, i);
  });
  const sentenceRows = p.fields.map((f, i) => (f.granularity === "sentence" ? i : -1)).filter((i) => i >= 0);
  const derivedText = (d: Record<string, number | null>) => Object.entries(d).map(([a, v]) => `${a} ${fmt(v)}`).join(" · ");
  return (
    <div className="scoring" data-testid="scoring-form" ref={ref}>
      <h2>
        Sentence <span className="total" data-testid="sentence-total">{derivedText(t.sentence)}</span>
      </h2>
      {sentenceRows.map((i) => row(i))}
      <h2>Words and phonemes</h2>
      {p.words.map((w) => {
        const mine = p.fields.map((f, i) => [f, i] as const).filter(([f]) => (f.granularity === "word" && f.targetId === w.id) || (f.granularity === "phone" && w.phones.some((x) => x.id === f.targetId)));
        const tab = focusWord === w.id ? 0 : -1;
        return (
          <div key={w.id} className="wblock">
            <div className="whead">
              <b>{w.text}</b> <span className="total">{derivedText(t.words[w.id] ?? {})}</span>
              <label className="ins">
                inserted phones{" "}
                <input
                  tabIndex={tab}
                  disabled={p.readOnly}
                  placeholder="e.g. AH"
                  value={p.state.inserted[w.id]?.join(" ") ?? ""}
                  onChange={(e) => p.onInserted(w.id, e.target.value.toUpperCase().split(/\s+/).filter(Boolean))}
                />
              </label>
            </div>
            {mine.map(([f, i]) =>
              // "pronounced as" once per phone, on its first row.
              f.granularity === "phone" && firstOfPhone.get(f.targetId!) === i
                ? row(i, (rowTab) => (
                    <label className="pron">
                      pronounced as{" "}
                      <input
                        tabIndex={rowTab}
                        disabled={p.readOnly}
                        size={4}
                        value={p.state.pronounced[f.targetId!] ?? ""}
                        onChange={(e) => p.onPronounced(f.targetId!, e.target.value.toUpperCase())}
                      />
                    </label>
                  ))
                : row(i),
            )}
          </div>
        );
      })}
      <h2>
        <label htmlFor="ws-comment">Comment</label>
      </h2>
      <textarea id="ws-comment" className="comment" disabled={p.readOnly} value={p.state.comment} onChange={(e) => p.onComment(e.target.value)} rows={2} />
    </div>
  );
});
