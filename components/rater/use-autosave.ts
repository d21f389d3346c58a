"use client";
// Drafts autosave: every change goes to localStorage at once and to the server shortly after, so a
// reload or a dropped connection loses nothing. A stale revision comes back as a conflict with both
// versions; the rater chooses, nothing is overwritten silently.
import { useCallback, useEffect, useRef, useState } from "react";
import { toPayload, type FormState } from "./form-state";

export interface LocalDraft {
  state: FormState;
  baseRevision: number | null;
  savedAt: number;
}

export const draftKey = (assignmentId: string) => `attest:draft:${assignmentId}`;

export function readLocalDraft(assignmentId: string): LocalDraft | null {
  try {
    const raw = window.localStorage.getItem(draftKey(assignmentId));
    return raw ? (JSON.parse(raw) as LocalDraft) : null;
  } catch {
    return null;
  }
}

export type SaveStatus = "idle" | "saving" | "saved" | "offline" | "conflict" | "error";

export interface Conflict {
  message: string;
  theirs: { revision: number; status: string; sentence: Record<string, number | null>; words: unknown[]; phones: unknown[]; comment: string | null } | null;
}

export function useAutosave(opts: { assignmentId: string; initialRevision: number | null; serverDrafts: boolean; startedAt: number }) {
  const [status, setStatus] = useState<SaveStatus>("idle");
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [problems, setProblems] = useState<{ field?: string; message: string }[]>([]);
  const base = useRef<number | null>(opts.initialRevision);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<FormState | null>(null);
  // Saves go one at a time: two in flight on the same base revision would conflict with each other.
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const serial = <T,>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.current.then(fn, fn);
    chain.current = next.catch(() => undefined);
    return next;
  };

  const put = useCallback(
    async (state: FormState, status: "DRAFT" | "SUBMITTED", idempotencyKey?: string) => {
      const r = await fetch(`/api/rater/assignments/${opts.assignmentId}/judgment`, {
        method: "PUT",
        headers: { "content-type": "application/json", ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}) },
        body: JSON.stringify({ status, baseRevision: base.current, durationMs: Date.now() - opts.startedAt, ...toPayload(state) }),
      });
      const body = await r.json().catch(() => null);
      if (r.status === 409 && body?.conflict) {
        // The "other" version may be our own save that was still in flight during a reload: the
        // same scores are no conflict, just a newer revision to build on.
        const { yours, theirs } = body.conflict;
        const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
        if (theirs && status === "DRAFT" && theirs.status === "DRAFT" && same(yours.sentence, theirs.sentence) && same(yours.words, theirs.words) && same(yours.phones, theirs.phones) && same(yours.comment, theirs.comment)) {
          base.current = theirs.revision;
          return theirs as { revision: number; status: string };
        }
        setConflict(body.conflict);
        setStatus("conflict");
        return null;
      }
      if (!r.ok) {
        setProblems(body?.error?.problems?.length ? body.error.problems : [{ message: body?.error?.message ?? `save failed (${r.status})` }]);
        setStatus("error");
        return null;
      }
      base.current = body.judgment.revision;
      setProblems([]);
      return body.judgment as { revision: number; status: string };
    },
    [opts.assignmentId, opts.startedAt],
  );

  const flush = useCallback(() => serial(async () => {
    const state = pending.current;
    if (!state || !opts.serverDrafts || conflict) return;
    pending.current = null;
    setStatus("saving");
    try {
      const j = await put(state, "DRAFT");
      if (j) {
        setStatus("saved");
        window.localStorage.setItem(draftKey(opts.assignmentId), JSON.stringify({ state, baseRevision: base.current, savedAt: Date.now() } satisfies LocalDraft));
      }
    } catch {
      // Offline: the local copy stays and the save is retried on the next change or when back online.
      pending.current = pending.current ?? state;
      setStatus("offline");
    }
  }), [put, opts.serverDrafts, opts.assignmentId, conflict]);

  const change = useCallback(
    (state: FormState) => {
      window.localStorage.setItem(draftKey(opts.assignmentId), JSON.stringify({ state, baseRevision: base.current, savedAt: Date.now() } satisfies LocalDraft));
      pending.current = state;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), 600);
    },
    [flush, opts.assignmentId],
  );

  useEffect(() => {
    const online = () => void flush();
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, [flush]);

  const submit = useCallback(
    (state: FormState, idempotencyKey: string) => serial(async () => {
      if (timer.current) clearTimeout(timer.current);
      pending.current = null;
      setStatus("saving");
      try {
        const j = await put(state, "SUBMITTED", idempotencyKey);
        if (j) {
          window.localStorage.removeItem(draftKey(opts.assignmentId));
          setStatus("saved");
        }
        return j;
      } catch {
        setStatus("offline");
        return null;
      }
    }),
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
        setTimeout(() => void flush(), 0);
      } else setStatus("idle");
    },
    [conflict, flush],
  );

  return { status, conflict, problems, change, submit, resolve, baseRevision: () => base.current };
}
