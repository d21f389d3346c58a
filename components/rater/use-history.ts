"use client";
// Undo and redo for the workspace's score changes: each change records the state before it; a run
// of changes with the same group (the keys of one typed value, the letters of one comment) is one step.
import { useMemo, useRef } from "react";

const LIMIT = 500;

export function useHistory<T>() {
  const past = useRef<T[]>([]);
  const future = useRef<T[]>([]);
  const lastGroup = useRef<string | undefined>(undefined);
  return useMemo(
    () => ({
      /** Call before a change with the state it replaces. */
      record(current: T, group?: string) {
        if (group !== undefined && group === lastGroup.current) return;
        past.current.push(current);
        if (past.current.length > LIMIT) past.current.shift();
        future.current = [];
        lastGroup.current = group;
      },
      /** The state to go back to (null: nothing to undo); `current` becomes redoable. */
      undo(current: T): T | null {
        const prev = past.current.pop();
        if (prev === undefined) return null;
        future.current.push(current);
        lastGroup.current = undefined;
        return prev;
      },
      redo(current: T): T | null {
        const next = future.current.pop();
        if (next === undefined) return null;
        past.current.push(current);
        lastGroup.current = undefined;
        return next;
      },
    }),
    [],
  );
}
