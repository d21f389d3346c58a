"use client";
// The rater workspace: waveform with tiers, the scoring form, keyboard shortcuts, autosaved drafts,
// submit → model panel and A/B (blind first) → next item.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import type { Workspace as WorkspaceData } from "@/lib/services/rater-workspace";
import { Waveform, type WaveformHandle } from "./waveform";
import { ScoringForm } from "./scoring-form";
import { ModelPanel } from "./model-panel";
import { AbChoice } from "./ab-choice";
import { ShortcutsHelp } from "./shortcuts-help";
import { buildFields, emptyState, fromJudgment, problemsOf, typedValue, type FormState } from "./form-state";
import { readLocalDraft, useAutosave } from "./use-autosave";
import "./rater.css";

export function Workspace({ data }: { data: WorkspaceData }) {
  const router = useRouter();
  const words = data.item.words;
  const fields = useMemo(() => buildFields(words, data.rubric), [words, data.rubric]);
  const [submitted, setSubmitted] = useState(data.judgment?.status === "SUBMITTED");
  // Once submitted, edits are kept locally until submitted again (a revision), never saved as a draft.
  const [everSubmitted, setEverSubmitted] = useState(data.judgment?.status === "SUBMITTED");
  const [state, setState] = useState<FormState>(() => (data.judgment ? fromJudgment(words, data.judgment) : emptyState(words)));
  const [restored, setRestored] = useState<string | null>(null);
  const [focus, setFocus] = useState(0);
  const [help, setHelp] = useState(false);
  const [skipOpen, setSkipOpen] = useState(false);
  const [skipReason, setSkipReason] = useState("");
  const [panelKey, setPanelKey] = useState(0);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [tiers, setTiers] = useState(data.tiers);
  const [startedAt] = useState(() => Date.now());
  const wave = useRef<WaveformHandle>(null);
  const lastDigit = useRef<{ field: number; digit: number; at: number } | null>(null);
  const submitKey = useRef<string | null>(null);
  const save = useAutosave({ assignmentId: data.assignment.id, initialRevision: data.judgment?.revision ?? null, serverDrafts: !everSubmitted, startedAt });

  // A local draft newer than the server's copy (saved offline, or lost in a reload) wins.
  useEffect(() => {
    const local = readLocalDraft(data.assignment.id);
    const serverRev = data.judgment?.revision ?? null;
    if (local && local.baseRevision === serverRev && (!data.judgment || local.savedAt > Date.parse(data.judgment.updatedAt))) {
      setState(local.state);
      setRestored("restored your unsaved changes from this browser");
      save.change(local.state);
    } else if (data.judgment?.status === "DRAFT") setRestored("draft restored");
    // Runs once per item.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data.assignment.id]);

  const update = useCallback(
    (next: FormState) => {
      setState(next);
      save.change(next);
    },
    [save],
  );

  const problems = useMemo(() => problemsOf(fields, state), [fields, state]);
  const missing = fields.filter((f) => f.get(state) === null).length;
  const spans = useMemo(() => {
    const label = new Map([...words.map((w) => [w.id, w.text] as const), ...words.flatMap((w) => w.phones.map((p) => [p.id, p.symbol] as const))]);
    return {
      words: tiers.words.map((s) => ({ ...s, label: label.get(s.id) ?? "?" })),
      phones: tiers.phones.map((s) => ({ ...s, label: label.get(s.id) ?? "?" })),
    };
  }, [tiers, words]);

  const doSubmit = useCallback(async () => {
    if (missing > 0 || Object.keys(problems).length) {
      setSubmitError(missing ? `${missing} score${missing === 1 ? "" : "s"} still empty (first: ${fields.find((f) => f.get(state) === null)?.label})` : "fix the highlighted scores");
      const first = fields.findIndex((f) => f.get(state) === null || problems[f.key]);
      if (first >= 0) setFocus(first);
      return;
    }
    setSubmitError(null);
    // One key per submission attempt: a retry of the same click is stored once.
    submitKey.current ??= `${data.assignment.id}:${crypto.randomUUID()}`;
    const j = await save.submit(state, submitKey.current);
    if (!j) return;
    submitKey.current = null;
    setSubmitted(true);
    setEverSubmitted(true);
    setPanelKey((k) => k + 1);
    if (data.round.showModel === "never" && data.nextAssignmentId) router.push(`/rate/${data.nextAssignmentId}`);
  }, [missing, problems, fields, state, save, data, router]);

  const onKey = useCallback(
    (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (t.closest("input, textarea, select")) return;
      if (e.key === "?") return setHelp((h) => !h), e.preventDefault();
      if (e.key === "Escape") return setHelp(false);
      if (e.key === " ") return wave.current?.playPause(), e.preventDefault();
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) return void doSubmit(), e.preventDefault();
      const move = (d: number) => {
        e.preventDefault();
        setFocus((f) => Math.min(Math.max(f + d, 0), fields.length - 1));
      };
      if (e.key === "ArrowDown" || (e.key === "Tab" && !e.shiftKey) || e.key === "ArrowRight") return move(1);
      if (e.key === "ArrowUp" || (e.key === "Tab" && e.shiftKey) || e.key === "ArrowLeft") return move(-1);
      if (e.key === "p" || e.key === "Enter") {
        const id = fields[focus]?.spanId;
        if (id) wave.current?.playSpan(id);
        return e.preventDefault();
      }
      if (submitted) return;
      if (e.key === "Backspace" || e.key === "Delete") return update(fields[focus].set(state, null));
      if (/^[0-9]$/.test(e.key)) {
        e.preventDefault();
        const d = Number(e.key);
        const f = fields[focus];
        // "1" then "0" within a moment types 10.
        const prev = lastDigit.current;
        const typed = prev && prev.field === focus && prev.digit === 1 && d === 0 && Date.now() - prev.at < 900 ? 10 : d;
        lastDigit.current = { field: focus, digit: d, at: Date.now() };
        update(f.set(state, typedValue(f.scale, typed)));
      }
    },
    [fields, focus, state, submitted, update, doSubmit],
  );
  useEffect(() => {
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onKey]);

  useEffect(() => {
    document.querySelector(`[data-field="${CSS.escape(fields[focus]?.key ?? "")}"]`)?.scrollIntoView({ block: "nearest" });
  }, [focus, fields]);

  const skip = async () => {
    const r = await fetch(`/api/rater/assignments/${data.assignment.id}/skip`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ reason: skipReason }) });
    if (r.ok) router.push(data.nextAssignmentId ? `/rate/${data.nextAssignmentId}` : "/queue");
    else setSubmitError(((await r.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? "could not skip");
  };

  const onBoundary = async (id: string, startSec: number, endSec: number) => {
    const next = {
      ...tiers,
      source: "RATER" as const,
      estimated: false,
      words: tiers.words.map((s) => (s.id === id ? { ...s, startSec, endSec } : s)),
      phones: tiers.phones.map((s) => (s.id === id ? { ...s, startSec, endSec } : s)),
    };
    setTiers(next);
    const wordIds = new Set(words.map((w) => w.id));
    await fetch(`/api/rater/assignments/${data.assignment.id}/alignment`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ spans: [...next.words, ...next.phones].map((s) => ({ ...(wordIds.has(s.id) ? { wordId: s.id } : { phoneId: s.id }), startSec: s.startSec, endSec: s.endSec })) }),
    });
  };

  const pct = data.progress.total ? Math.round((100 * (data.progress.done + (submitted && data.assignment.status !== "SUBMITTED" ? 1 : 0))) / data.progress.total) : 0;
  return (
    <div className="workspace">
      <div className="ws-head">
        <div>
          <h1 data-testid="item-text">{data.item.text}</h1>
          <p className="sub">
            {data.round.name} · item {data.assignment.position + 1} of {data.progress.total} · <span data-testid="save-status">{submitted ? "submitted" : save.status === "idle" ? "not saved yet" : save.status}</span>
            {restored && <> · <span data-testid="restored">{restored}</span></>}
          </p>
        </div>
        <div className="progress" title={`${pct}% of your queue`}><div style={{ width: `${pct}%` }} /></div>
        <button type="button" onClick={() => setHelp(true)} title="Keyboard shortcuts (?)">?</button>
      </div>
      <Waveform
        ref={wave}
        src={`/api/audio/${data.item.id}`}
        durationSec={data.item.durationSec}
        words={spans.words}
        phones={spans.phones}
        estimated={tiers.estimated}
        source={tiers.source}
        selectedId={fields[focus]?.spanId ?? null}
        onSelect={(id) => {
          const i = fields.findIndex((f) => f.spanId === id);
          if (i >= 0) setFocus(i);
        }}
        onBoundaryChange={(id, s, e) => void onBoundary(id, s, e)}
      />
      {save.conflict && (
        <div className="panel conflict" data-testid="conflict">
          <b>Saved elsewhere.</b> {save.conflict.message}
          <div className="ab-sides">
            <pre>Yours: {JSON.stringify(state.sentence)}</pre>
            <pre>Theirs (revision {save.conflict.theirs?.revision ?? "–"}): {JSON.stringify(save.conflict.theirs?.sentence ?? null)}</pre>
          </div>
          <button type="button" onClick={() => save.resolve(true, state)}>Keep mine</button>{" "}
          <button type="button" onClick={() => { if (save.conflict?.theirs) setState(fromJudgment(words, save.conflict.theirs as never)); save.resolve(false, state); }}>Take theirs</button>
        </div>
      )}
      <div className={`ws-body${submitted || data.round.showModel === "alongside" ? " with-model" : ""}`}>
        <ScoringForm
          rubric={data.rubric}
          words={words}
          fields={fields}
          state={state}
          focus={focus}
          problems={problems}
          readOnly={submitted}
          onFocus={setFocus}
          onSet={(i, v) => update(fields[i].set(state, v))}
          onPronounced={(id, v) => update({ ...state, phones: { ...state.phones, [id]: { ...state.phones[id], pronounced: v || null } } })}
          onInserted={(id, v) => update({ ...state, words: { ...state.words, [id]: { ...state.words[id], inserted: v } } })}
          onComment={(v) => update({ ...state, comment: v })}
        />
        {(submitted || data.round.showModel === "alongside") && (
          <div className="ws-model">
            <ModelPanel assignmentId={data.assignment.id} refreshKey={panelKey} />
            <AbChoice assignmentId={data.assignment.id} refreshKey={panelKey} />
          </div>
        )}
      </div>
      <div className="ws-actions">
        {!submitted ? (
          <button type="button" className="primary" data-testid="submit" onClick={() => void doSubmit()}>Submit (Ctrl+Enter)</button>
        ) : (
          <button type="button" onClick={() => setSubmitted(false)} title="Edit your submitted scores (kept as a new revision)">Edit scores</button>
        )}
        {submitted && <button type="button" className="primary" data-testid="next" onClick={() => router.push(data.nextAssignmentId ? `/rate/${data.nextAssignmentId}` : "/queue")}>Next item →</button>}
        {!submitted && <span className="muted">{missing} of {fields.length} scores left</span>}
        {!submitted && !skipOpen && <button type="button" onClick={() => setSkipOpen(true)}>Skip…</button>}
        {skipOpen && (
          <span className="skip">
            <input autoFocus placeholder="why skip? (e.g. audio is silent)" value={skipReason} onChange={(e) => setSkipReason(e.target.value)} />
            <button type="button" disabled={skipReason.trim().length < 3} onClick={() => void skip()}>Skip item</button>
          </span>
        )}
      </div>
      {(submitError || save.problems.length > 0) && (
        <div className="error" data-testid="submit-error">
          {submitError}
          {save.problems.map((p, i) => <div key={i}>{p.field ? `${p.field}: ` : ""}{p.message}</div>)}
        </div>
      )}
      {help && <ShortcutsHelp onClose={() => setHelp(false)} />}
    </div>
  );
}
