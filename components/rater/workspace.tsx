"use client";
// The rater workspace: waveform with tiers, guidelines, the scoring form, keyboard shortcuts (with
// undo/redo), autosaved drafts, submit → model panel and A/B (blind first) → next item.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import type { Workspace as WorkspaceData } from "@/lib/services/rater-workspace";
import { allowedText, stepTick } from "@/lib/rubric/scale";
import { typeAhead } from "@/lib/rubric/type-ahead";
import { fittingValue, scoreFields, type RawValue } from "@/lib/rater/score-fields";
import { Waveform, type WaveformHandle } from "./waveform";
import { ScoringForm } from "./scoring-form";
import { ModelPanel } from "./model-panel";
import { AbChoice } from "./ab-choice";
import { ShortcutsHelp } from "./shortcuts-help";
import { Guidelines } from "./guidelines";
import { emptyState, fromJudgment, missingOf, problemsOf, settle, type FormState } from "./form-state";
import { readLocalDraft, useAutosave } from "./use-autosave";
import { useHistory } from "./use-history";
import "./rater.css";

/** How long typed keys stay one value ("1" then "0" is 10). */
const TYPE_AHEAD_MS = 900;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function Workspace({ data }: { data: WorkspaceData }) {
  const router = useRouter();
  const words = data.item.words;
  const fields = useMemo(() => scoreFields(data.rubric, words), [words, data.rubric]);
  const [submitted, setSubmitted] = useState(data.judgment?.status === "SUBMITTED");
  // Once submitted, edits are kept locally until submitted again (a revision), never saved as a draft.
  const [everSubmitted, setEverSubmitted] = useState(data.judgment?.status === "SUBMITTED");
  const [state, setState] = useState<FormState>(() => (data.judgment ? fromJudgment(fields, words, data.judgment) : emptyState(fields, words)));
  const [restored, setRestored] = useState<string | null>(null);
  const [focus, setFocus] = useState(0);
  const [help, setHelp] = useState(false);
  const [guide, setGuide] = useState(false);
  const [skipOpen, setSkipOpen] = useState(false);
  const [skipReason, setSkipReason] = useState("");
  const [panelKey, setPanelKey] = useState(0);
  // After a submit attempt, empty scores are shown as problems at their fields too.
  const [showMissing, setShowMissing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const [tiers, setTiers] = useState(data.tiers);
  const [startedAt] = useState(() => Date.now());
  const wave = useRef<WaveformHandle>(null);
  const form = useRef<HTMLDivElement>(null);
  // The keys typed on the focused score in the last moment (one value, one undo step).
  const typed = useRef<{ field: number; buffer: string; at: number; group: string } | null>(null);
  const submitKey = useRef<string | null>(null);
  const save = useAutosave({ assignmentId: data.assignment.id, fields, initialRevision: data.judgment?.revision ?? null, serverDrafts: !everSubmitted, startedAt });
  const history = useHistory<FormState>();

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

  /** Every change of the form: kept for undo (`group` merges a run of keystrokes into one step) and saved. */
  const update = useCallback(
    (next: FormState, group?: string) => {
      history.record(state, group);
      setState(next);
      save.change(next);
    },
    [history, save, state],
  );
  const restore = useCallback(
    (to: FormState | null) => {
      if (!to) return setNotice("nothing to undo or redo");
      setState(to);
      save.change(to);
      setNotice(null);
    },
    [save],
  );

  const problems = useMemo(() => problemsOf(fields, state), [fields, state]);
  const missing = useMemo(() => missingOf(fields, state), [fields, state]);
  const shownProblems = useMemo(() => ({ ...(showMissing ? missing : {}), ...save.fieldProblems, ...problems }), [showMissing, missing, problems, save.fieldProblems]);
  const nProblems = Object.keys(problems).length;
  const nMissing = Object.keys(missing).length;
  const spans = useMemo(() => {
    const label = new Map([...words.map((w) => [w.id, w.text] as const), ...words.flatMap((w) => w.phones.map((p) => [p.id, p.symbol] as const))]);
    return {
      words: tiers.words.map((s) => ({ ...s, label: label.get(s.id) ?? "?" })),
      phones: tiers.phones.map((s) => ({ ...s, label: label.get(s.id) ?? "?" })),
    };
  }, [tiers, words]);
  const spanOf = (i: number) => fields[i]?.targetId ?? null;

  /** Moves the focused score; keeps the browser's focus on it when the form has it. */
  const moveTo = useCallback(
    (i: number) => {
      const next = Math.min(Math.max(i, 0), fields.length - 1);
      typed.current = null;
      setHint(null);
      setFocus(next);
      if (form.current?.contains(document.activeElement)) {
        requestAnimationFrame(() => form.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus());
      }
    },
    [fields.length],
  );

  /** Leaves this item for another (or the queue) once the draft is safe on the server (or in this browser). */
  const go = useCallback(
    async (assignmentId: string | null) => {
      await save.flushNow();
      router.push(assignmentId ? `/rate/${assignmentId}` : "/queue");
    },
    [save, router],
  );

  const doSubmit = useCallback(
    async (thenNext = false) => {
      if (nMissing > 0 || nProblems > 0) {
        setShowMissing(true);
        const first = fields.findIndex((f) => missing[f.key] || problems[f.key]);
        const parts = [nMissing ? `${plural(nMissing, "score")} still empty` : "", nProblems ? `${plural(nProblems, "score")} outside the scale` : ""].filter(Boolean);
        setNotice(`Not submitted: ${parts.join(" and ")} — first: ${missing[fields[first].key] ?? problems[fields[first].key]}`);
        setFocus(first);
        requestAnimationFrame(() => form.current?.querySelector<HTMLElement>(`[data-index="${first}"]`)?.focus());
        return;
      }
      setNotice(null);
      // One key per submission attempt: a retry of the same click is stored once.
      submitKey.current ??= `${data.assignment.id}:${crypto.randomUUID()}`;
      const j = await save.submit(state, submitKey.current);
      if (!j) return;
      submitKey.current = null;
      setSubmitted(true);
      setEverSubmitted(true);
      setShowMissing(false);
      setPanelKey((k) => k + 1);
      if (thenNext || (data.round.showModel === "never" && data.nextAssignmentId)) router.push(data.nextAssignmentId ? `/rate/${data.nextAssignmentId}` : "/queue");
    },
    [nMissing, nProblems, fields, missing, problems, state, save, data, router],
  );

  const setValue = useCallback(
    (i: number, v: RawValue, group?: string) => {
      const f = fields[i];
      update({ ...state, values: { ...state.values, [f.key]: v } }, group);
    },
    [fields, state, update],
  );

  const typeKey = useCallback(
    (key: string) => {
      const f = fields[focus];
      const t = typed.current;
      const more = !!t && t.field === focus && t.buffer !== "" && Date.now() - t.at < TYPE_AHEAD_MS;
      const r = typeAhead(f.scale, more ? t!.buffer : "", key);
      if (!r) {
        typed.current = null;
        setHint(`${f.subject} — ${f.aspect} is ${allowedText(f.scale)}: "${key}" gives no such value`);
        return;
      }
      setHint(null);
      const group = more ? t!.group : `keys:${focus}:${Date.now()}`;
      typed.current = { field: focus, buffer: r.buffer, at: Date.now(), group };
      if (r.value !== null && r.value !== state.values[f.key]) setValue(focus, r.value, group);
    },
    [fields, focus, state.values, setValue],
  );

  const onKey = useCallback(
    (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (t.closest("input, textarea, select, [contenteditable=true]")) return;
      const mod = e.ctrlKey || e.metaKey;
      const k = e.key;
      if (mod && (k === "z" || k === "Z")) {
        e.preventDefault();
        if (!submitted) restore(e.shiftKey ? history.redo(state) : history.undo(state));
        return;
      }
      if (mod && (k === "y" || k === "Y")) {
        e.preventDefault();
        if (!submitted) restore(history.redo(state));
        return;
      }
      if (mod && k === "Enter") {
        e.preventDefault();
        if (submitted) void go(data.nextAssignmentId);
        else void doSubmit(e.shiftKey);
        return;
      }
      if (mod || e.altKey) return;
      if (k === "?") return setHelp((h) => !h), e.preventDefault();
      if (k === "Escape") return setHelp(false), setGuide(false);
      if (k === "g" || k === "G") return setGuide((g) => !g), e.preventDefault();
      if (k === "]") return e.preventDefault(), void go(data.followingAssignmentId);
      if (k === "[") return e.preventDefault(), void go(data.prevAssignmentId);
      if ((k === "s" || k === "S") && !submitted) return e.preventDefault(), setSkipOpen(true);
      if ((k === "e" || k === "E") && !submitted) {
        e.preventDefault();
        form.current?.querySelector<HTMLInputElement>(`[data-index="${focus}"] input.fval`)?.select();
        return;
      }
      // The rest acts on the focused score: only while the form (or nothing) has the browser's focus,
      // so Space and Enter still press a focused button or follow a focused link.
      const inForm = t === document.body || !!form.current?.contains(t);
      if (!inForm) return;
      if (k === " ") return wave.current?.playPause(), e.preventDefault();
      if (k === "ArrowDown") return e.preventDefault(), moveTo(focus + 1);
      if (k === "ArrowUp") return e.preventDefault(), moveTo(focus - 1);
      if (k === "p" || k === "P" || k === "Enter") {
        const id = spanOf(focus);
        if (id) wave.current?.playSpan(id);
        return e.preventDefault();
      }
      if (submitted) return;
      const f = fields[focus];
      if (k === "ArrowRight" || k === "ArrowLeft") {
        e.preventDefault();
        return setValue(focus, stepTick(f.scale, fittingValue(f, state.values[f.key]), k === "ArrowRight" ? 1 : -1));
      }
      if (k === "Backspace" || k === "Delete") return e.preventDefault(), setValue(focus, null);
      if (/^[0-9.]$/.test(k)) return e.preventDefault(), typeKey(k);
    },
    // spanOf reads fields, listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [fields, focus, state, submitted, history, restore, doSubmit, go, data, moveTo, setValue, typeKey],
  );
  useEffect(() => {
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onKey]);

  useEffect(() => {
    form.current?.querySelector(`[data-index="${focus}"]`)?.scrollIntoView({ block: "nearest" });
  }, [focus]);

  const skip = async () => {
    await save.flushNow();
    const r = await fetch(`/api/rater/assignments/${data.assignment.id}/skip`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ reason: skipReason }) });
    if (r.ok) router.push(data.nextAssignmentId ? `/rate/${data.nextAssignmentId}` : "/queue");
    else setNotice(`Not skipped: ${((await r.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? `the server answered ${r.status}`}`);
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

  // The header says what state the work is in, and what is wrong when something is.
  const status = (() => {
    if (submitted) return { text: "submitted", bad: false };
    if (save.status === "error") return { text: `not saved: ${save.error ?? "the server refused the draft"}`, bad: true };
    if (save.status === "conflict") return { text: "not saved: saved elsewhere meanwhile — choose below", bad: true };
    if (save.status === "offline") return { text: "offline: no answer from the server — kept in this browser, saving when it answers", bad: true };
    if (save.status === "retrying") return { text: "retrying: the server is busy or restarting — kept in this browser", bad: true };
    const base = save.status === "idle" ? "not saved yet" : save.status === "saving" ? "saving…" : "saved";
    if (nProblems) return { text: `${base} · ${plural(nProblems, "score")} outside the scale: ${Object.values(problems)[0]}${nProblems > 1 ? " …" : ""}`, bad: true };
    return { text: base, bad: false };
  })();

  const pct = data.progress.total ? Math.round((100 * (data.progress.done + (submitted && data.assignment.status !== "SUBMITTED" ? 1 : 0))) / data.progress.total) : 0;
  return (
    <div className="workspace">
      <div className="ws-head">
        <div>
          <h1 data-testid="item-text">{data.item.text}</h1>
          <p className="sub">
            {data.round.name} · item {data.assignment.position + 1} of {data.progress.total} ·{" "}
            <span data-testid="save-status" className={status.bad ? "status-bad" : ""} role="status">{status.text}</span>
            {restored && <> · <span data-testid="restored">{restored}</span></>}
          </p>
          {notice && <p className="notice" data-testid="notice" role="alert">{notice}</p>}
        </div>
        <div className="progress" title={`${pct}% of your queue`}><div style={{ width: `${pct}%` }} /></div>
        <nav className="ws-nav" aria-label="Items">
          <button type="button" disabled={!data.prevAssignmentId} onClick={() => void go(data.prevAssignmentId)} title="Previous item ([)">← Previous</button>
          <button type="button" disabled={!data.followingAssignmentId} onClick={() => void go(data.followingAssignmentId)} title="Next item (])">Next →</button>
          <button type="button" aria-expanded={guide} onClick={() => setGuide((g) => !g)} title="Guidelines (G)">Guidelines</button>
          <button type="button" onClick={() => setHelp(true)} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">?</button>
        </nav>
      </div>
      {guide && <Guidelines rubric={data.rubric} instructions={data.round.instructions} onClose={() => setGuide(false)} />}
      <Waveform
        ref={wave}
        src={`/api/audio/${data.item.id}`}
        durationSec={data.item.durationSec}
        words={spans.words}
        phones={spans.phones}
        estimated={tiers.estimated}
        source={tiers.source}
        selectedId={spanOf(focus)}
        onSelect={(id) => {
          const i = fields.findIndex((f) => f.targetId === id);
          if (i >= 0) moveTo(i);
        }}
        onBoundaryChange={(id, s, e) => void onBoundary(id, s, e)}
      />
      {save.conflict && (
        <div className="panel conflict" data-testid="conflict">
          <b>Saved elsewhere.</b> {save.conflict.message}
          <div className="ab-sides">
            <pre>Yours: {JSON.stringify(state.values)}</pre>
            <pre>Theirs (revision {save.conflict.theirs?.revision ?? "–"}): {JSON.stringify(save.conflict.theirs?.sentence ?? null)}</pre>
          </div>
          <button type="button" onClick={() => save.resolve(true, state)}>Keep mine</button>{" "}
          <button type="button" onClick={() => { if (save.conflict?.theirs) setState(fromJudgment(fields, words, save.conflict.theirs)); save.resolve(false, state); }}>Take theirs</button>
        </div>
      )}
      <div className={`ws-body${submitted || data.round.showModel === "alongside" ? " with-model" : ""}`}>
        <ScoringForm
          ref={form}
          rubric={data.rubric}
          words={words}
          fields={fields}
          state={state}
          focus={focus}
          problems={shownProblems}
          hint={hint}
          readOnly={submitted}
          onFocus={(i) => {
            if (i !== focus) {
              typed.current = null;
              setHint(null);
              setFocus(i);
            }
          }}
          onSet={(i, v, typing) => setValue(i, v, typing ? `box:${i}` : undefined)}
          onSettle={(i) => {
            const f = fields[i];
            const v = settle(f, state.values[f.key] ?? null);
            if (v !== state.values[f.key]) setState((s) => ({ ...s, values: { ...s.values, [f.key]: v } }));
          }}
          onPronounced={(id, v) => update({ ...state, pronounced: { ...state.pronounced, [id]: v || null } }, `pron:${id}`)}
          onInserted={(id, v) => update({ ...state, inserted: { ...state.inserted, [id]: v } }, `ins:${id}`)}
          onComment={(v) => update({ ...state, comment: v }, "comment")}
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
          <>
            <button type="button" className="primary" data-testid="submit" onClick={() => void doSubmit()} title="Ctrl+Enter">Submit</button>
            <button type="button" data-testid="submit-next" onClick={() => void doSubmit(true)} title="Ctrl+Shift+Enter">Submit and next</button>
          </>
        ) : (
          <button type="button" onClick={() => setSubmitted(false)} title="Edit your submitted scores (kept as a new revision)">Edit scores</button>
        )}
        {submitted && <button type="button" className="primary" data-testid="next" onClick={() => void go(data.nextAssignmentId)} title="Ctrl+Enter">Next item →</button>}
        {!submitted && <span className="muted" data-testid="left">{nMissing} of {fields.length} scores left{nProblems ? ` · ${nProblems} outside the scale` : ""}</span>}
        {!submitted && !skipOpen && <button type="button" onClick={() => setSkipOpen(true)} title="S">Skip…</button>}
        {skipOpen && (
          <span className="skip">
            <input
              autoFocus
              aria-label="Why skip this item?"
              placeholder="why skip? (e.g. audio is silent)"
              value={skipReason}
              onChange={(e) => setSkipReason(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && skipReason.trim().length >= 3) void skip();
                if (e.key === "Escape") setSkipOpen(false);
              }}
            />
            <button type="button" disabled={skipReason.trim().length < 3} onClick={() => void skip()}>Skip item</button>
          </span>
        )}
      </div>
      {help && <ShortcutsHelp onClose={() => setHelp(false)} />}
    </div>
  );
}
