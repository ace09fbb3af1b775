import type { FlowState } from './createFlowStore.ts';
import type { CanvasEdge } from './types.ts';

// Selectors return stable references so components re-render only when their slice changes.

const usedCache = new WeakMap<readonly CanvasEdge[], Set<string>>();

export const outputKey = (nodeId: string, handle: string) => `${nodeId}\u0000${handle}`;

/** Outputs with an edge, as `outputKey`s; recomputed once per edges array, shared by every card. */
export function usedOutputs(edges: readonly CanvasEdge[]): Set<string> {
  let used = usedCache.get(edges);
  if (!used) {
    used = new Set(edges.map((e) => outputKey(e.source, e.sourceHandle)));
    usedCache.set(edges, used);
  }
  return used;
}

export const selectUsedOutputs = (s: FlowState) => usedOutputs(s.edges);

/** The one selected node, or null when none or several are selected. */
export function selectSingleSelectedId(s: FlowState): string | null {
  let found: string | null = null;
  for (const n of s.nodes) {
    if (!n.selected) continue;
    if (found !== null) return null;
    found = n.id;
  }
  return found;
}

export const selectHasSelection = (s: FlowState) => s.nodes.some((n) => n.selected) || s.edges.some((e) => e.selected);
export const selectCanUndo = (s: FlowState) => s.history.past.length > 0;
export const selectCanRedo = (s: FlowState) => s.history.future.length > 0;
