"use client";
// Drafts autosave: every change goes to localStorage at once and to the server shortly after, so a
// reload or a dropped connection loses nothing. A save that gets no answer (network down) or a
// "try again" answer (502/503/504, e.g. while the database restarts) is retried by itself with
// backoff — 1 s, 2 s, 4 s … up to 30 s — until the server acknowledges it; a submission is retried
// with its idempotency key, so it is stored once. A stale revision comes back as a conflict with
// both versions; the rater chooses, nothing is overwritten silently.
import { useCallback, useEffect, useRef, useState } from "react";
import type { ScoreField } from "@/lib/rater/score-fields";
import { toPayload, type FormState, type JudgmentLike } from "./form-state";

/** The browser's copy of a draft; `v` tells this form's shape from older copies (ignored). */
export interface LocalDraft {
  v: 2;
  state: FormState;
  baseRevision: number | null;
  savedAt: number;
}

export const draftKey = (assignmentId: string) => `attest:draft:${assignmentId}`;

export function readLocalDraft(assignmentId: string): LocalDraft | null {
  try {
    const raw = window.localStorage.getItem(draftKey(assignmentId));
    const d = raw ? (JSON.parse(raw) as LocalDraft) : null;
    return d?.v === 2 && d.state?.values ? d : null;
  } catch {
    return null;
  }
}

/** "offline": the server did not answer; "retrying": it answered "try again" (e.g. database restarting). */
export type SaveStatus = "idle" | "saving" | "saved" | "offline" | "retrying" | "conflict" | "error";

export interface Conflict {
  message: string;
  theirs: (JudgmentLike & { revision: number; status: string }) | null;
}

/** Answers after which the same request may succeed later (the server or its database is back). */
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
export const RETRY_BASE_MS = 1000;
export const RETRY_MAX_MS = 30_000;
/** A save that has no answer after this long is treated as lost (and retried). */
const SAVE_TIMEOUT_MS = 20_000;

/** The wait before retry number `attempt` (0-based): 1 s, 2 s, 4 s … capped, or the server's Retry-After if longer. */
export function retryDelayMs(attempt: number, retryAfterMs = 0): number {
  return Math.min(RETRY_MAX_MS, Math.max(RETRY_BASE_MS * 2 ** Math.min(attempt, 16), retryAfterMs));
}

type Saved = { revision: number; status: string };
type Outcome = { kind: "ok"; judgment: Saved } | { kind: "conflict" } | { kind: "rejected" } | { kind: "transient"; offline: boolean; retryAfterMs: number };

export function useAutosave(opts: { assignmentId: string; fields: ScoreField[]; initialRevision: number | null; serverDrafts: boolean; startedAt: number }) {
  const [status, setStatus] = useState<SaveStatus>("idle");
  const [conflict, setConflictState] = useState<Conflict | null>(null);
  // Read by saves scheduled earlier (timers, retries), whose closures hold an older `conflict`.
  const conflictOpen = useRef(false);
  const setConflict = (c: Conflict | null) => {
    conflictOpen.current = c !== null;
    setConflictState(c);
  };
  // What the server said when it refused a save: its message, and its problems at their field keys.
  const [error, setError] = useState<string | null>(null);
  const [fieldProblems, setFieldProblems] = useState<Record<string, string>>({});
  const refused = (message: string, problems: { field?: string; message: string }[]) => {
    setError(message);
    setFieldProblems(Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field!, p.message])));
  };
  const base = useRef<number | null>(opts.initialRevision);
  const fieldsRef = useRef(opts.fields);
  fieldsRef.current = opts.fields;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<FormState | null>(null);
  // A draft save that got no acknowledgement: it may or may not have reached the database. It goes
  // again, unchanged, before anything newer: if it was stored, the server answers with our own
  // scores as "theirs" (no conflict, we build on that revision); if not, it is stored now.
  const doubt = useRef<FormState | null>(null);
  const attempt = useRef(0);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const wake = useRef<(() => void) | null>(null);
  const alive = useRef(true);
  // Saves go one at a time: two in flight on the same base revision would conflict with each other.
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const serial = <T,>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.current.then(fn, fn);
    chain.current = next.catch(() => undefined);
    return next;
  };

  const put = useCallback(
    async (state: FormState, status: "DRAFT" | "SUBMITTED", idempotencyKey?: string): Promise<Outcome> => {
      let r: Response;
      try {
        r = await fetch(`/api/rater/assignments/${opts.assignmentId}/judgment`, {
          method: "PUT",
          headers: { "content-type": "application/json", ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}) },
          body: JSON.stringify({ status, baseRevision: base.current, durationMs: Date.now() - opts.startedAt, ...toPayload(fieldsRef.current, state) }),
          signal: AbortSignal.timeout(SAVE_TIMEOUT_MS),
        });
      } catch {
        return { kind: "transient", offline: true, retryAfterMs: 0 };
      }
      const body = await r.json().catch(() => null);
      if (r.status === 409 && body?.conflict) {
        // The "other" version may be our own save that was still in flight during a reload or
        // whose answer was lost: the same scores are no conflict, just a newer revision to build on.
        const { yours, theirs } = body.conflict;
        const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
        if (theirs && status === "DRAFT" && theirs.status === "DRAFT" && same(yours.sentence, theirs.sentence) && same(yours.words, theirs.words) && same(yours.phones, theirs.phones) && same(yours.unfit, theirs.unfit) && same(yours.comment, theirs.comment)) {
          base.current = theirs.revision;
          attempt.current = 0;
          return { kind: "ok", judgment: theirs as Saved };
        }
        setConflict(body.conflict);
        setStatus("conflict");
        return { kind: "conflict" };
      }
      if (RETRY_STATUSES.has(r.status)) {
        const seconds = Number(r.headers.get("retry-after"));
        return { kind: "transient", offline: false, retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0 };
      }
      if (!r.ok) {
        refused(body?.error?.message ?? `the server answered ${r.status}`, body?.error?.problems ?? []);
        setStatus("error");
        return { kind: "rejected" };
      }
      base.current = body.judgment.revision;
      attempt.current = 0;
      setError(null);
      setFieldProblems({});
      return { kind: "ok", judgment: body.judgment as Saved };
    },
    [opts.assignmentId, opts.startedAt],
  );

  /** Shows the waiting state and returns how long to wait before the next try. */
  const backoff = (out: Extract<Outcome, { kind: "transient" }>) => {
    setStatus(out.offline ? "offline" : "retrying");
    return retryDelayMs(attempt.current++, out.retryAfterMs);
  };
  const clearRetry = () => {
    if (retryTimer.current) clearTimeout(retryTimer.current);
    retryTimer.current = null;
  };
  const keepLocal = (state: FormState) =>
    window.localStorage.setItem(draftKey(opts.assignmentId), JSON.stringify({ v: 2, state, baseRevision: base.current, savedAt: Date.now() } satisfies LocalDraft));

  const flushRef = useRef<() => Promise<void>>(async () => {});
  const flush = useCallback(() => serial(async () => {
    if (!opts.serverDrafts || conflictOpen.current) return;
    clearRetry();
    while (alive.current) {
      const state = doubt.current ?? pending.current;
      if (!state) return;
      if (state === pending.current) pending.current = null;
      doubt.current = null;
      setStatus("saving");
      const out = await put(state, "DRAFT");
      if (out.kind === "transient") {
        // The local copy stays; the same save goes again after the backoff (or on the next change,
        // or when the browser is back online).
        doubt.current = state;
        const wait = backoff(out);
        retryTimer.current = setTimeout(() => void flushRef.current(), wait);
        return;
      }
      if (out.kind !== "ok") {
        // A conflict or a refused draft: what the rater typed since stays pending.
        return;
      }
      // The newest local copy stays, now on top of the acknowledged revision.
      keepLocal(pending.current ?? state);
      if (!pending.current) {
        setStatus("saved");
        return;
      }
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [put, opts.serverDrafts, opts.assignmentId]);
  flushRef.current = flush;

  const change = useCallback(
    (state: FormState) => {
      keepLocal(state);
      pending.current = state;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), 600);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [flush, opts.assignmentId],
  );

  useEffect(() => {
    const online = () => {
      attempt.current = 0;
      wake.current?.();
      void flushRef.current();
    };
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, []);

  // Leaving the page (reload, closing the tab, following a link) with a change not yet on the server:
  // one last save goes out with keepalive, which the browser completes after the page is gone. The
  // browser's copy stays either way.
  const lastChance = useRef<() => void>(() => {});
  lastChance.current = () => {
    const state = pending.current ?? doubt.current;
    if (!state || !opts.serverDrafts || conflictOpen.current) return;
    void fetch(`/api/rater/assignments/${opts.assignmentId}/judgment`, {
      method: "PUT",
      keepalive: true,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: "DRAFT", baseRevision: base.current, durationMs: Date.now() - opts.startedAt, ...toPayload(fieldsRef.current, state) }),
    }).catch(() => undefined);
  };
  useEffect(() => {
    alive.current = true;
    const leave = () => lastChance.current();
    window.addEventListener("pagehide", leave);
    return () => {
      window.removeEventListener("pagehide", leave);
      if (timer.current) clearTimeout(timer.current);
      leave();
      alive.current = false;
      clearRetry();
      wake.current?.();
    };
  }, []);

  /** Saves what is pending now (no debounce) and resolves when the server has it or it is kept in this browser only. */
  const flushNow = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    // A save that cannot reach the server would wait for its backoff: the browser's copy is enough to leave.
    await Promise.race([flush(), new Promise((r) => setTimeout(r, SAVE_TIMEOUT_MS))]);
  }, [flush]);

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        wake.current = null;
        resolve();
      }, ms);
      wake.current = () => {
        clearTimeout(t);
        wake.current = null;
        resolve();
      };
    });

  const submit = useCallback(
    (state: FormState, idempotencyKey: string) => serial(async () => {
      if (timer.current) clearTimeout(timer.current);
      clearRetry();
      pending.current = null;
      while (alive.current) {
        setStatus("saving");
        // A draft whose answer was lost is settled first (see `doubt`), so that the submission
        // builds on the revision it may have created instead of conflicting with it.
        const unsure = doubt.current;
        const out = unsure ? await put(unsure, "DRAFT") : await put(state, "SUBMITTED", idempotencyKey);
        if (out.kind === "transient") {
          await sleep(backoff(out));
          continue;
        }
        if (unsure) {
          doubt.current = null;
          if (out.kind === "conflict") return null;
          continue;
        }
        if (out.kind !== "ok") return null;
        window.localStorage.removeItem(draftKey(opts.assignmentId));
        setStatus("saved");
        return out.judgment;
      }
      return null;
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [put, opts.assignmentId],
  );

  /** Keep mine: save again on top of the other version's revision. Take theirs: the caller loads it. */
  const resolve = useCallback(
    (keepMine: boolean, state: FormState) => {
      const theirs = conflict?.theirs;
      setConflict(null);
      base.current = theirs ? theirs.revision : null;
      if (keepMine) {
        pending.current = state;
        setTimeout(() => void flushRef.current(), 0);
      } else setStatus("idle");
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [conflict],
  );

  return { status, conflict, error, fieldProblems, change, flushNow, submit, resolve, baseRevision: () => base.current };
}
