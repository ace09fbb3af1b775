import type { Snapshot } from './types.ts';

export const HISTORY_LIMIT = 100;

/** Undo stacks hold whole snapshots; immutable updates make them share all unchanged objects. */
export interface History {
  past: Snapshot[];
  future: Snapshot[];
}

export const emptyHistory = (): History => ({ past: [], future: [] });

export function record(history: History, before: Snapshot): History {
  const past = [...history.past, before];
  if (past.length > HISTORY_LIMIT) past.shift();
  return { past, future: [] };
}

export function undo(history: History, current: Snapshot): { history: History; snapshot: Snapshot } | undefined {
  const snapshot = history.past.at(-1);
  if (!snapshot) return undefined;
  return { snapshot, history: { past: history.past.slice(0, -1), future: [current, ...history.future] } };
}

export function redo(history: History, current: Snapshot): { history: History; snapshot: Snapshot } | undefined {
  const [snapshot, ...future] = history.future;
  if (!snapshot) return undefined;
  return { snapshot, history: { past: [...history.past, current], future } };
}
