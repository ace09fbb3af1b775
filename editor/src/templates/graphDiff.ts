import type { FlowGraph, FlowNode } from '../flow/language.ts';
import type { NodeMark } from './GraphPicture.tsx';

export interface GraphDiff {
  added: FlowNode[];
  removed: FlowNode[];
  changed: FlowNode[];
  /** The union of both graphs (removed nodes kept where they were) with each node's mark. */
  merged: FlowGraph;
  marks: Map<string, NodeMark>;
}

/**
 * What changed between two versions of a template, node by node (ids persist across versions, as
 * they do across a scenario's versions): added, removed, or changed in kind or data.
 */
export function diffGraphs(before: FlowGraph, after: FlowGraph): GraphDiff {
  const old = new Map(before.nodes.map((n) => [n.id, n]));
  const now = new Map(after.nodes.map((n) => [n.id, n]));
  const added = after.nodes.filter((n) => !old.has(n.id));
  const removed = before.nodes.filter((n) => !now.has(n.id));
  const changed = after.nodes.filter((n) => {
    const prev = old.get(n.id);
    return prev !== undefined && (prev.type !== n.type || JSON.stringify(prev.data) !== JSON.stringify(n.data));
  });
  const marks = new Map<string, NodeMark>();
  for (const n of added) marks.set(n.id, 'added');
  for (const n of removed) marks.set(n.id, 'removed');
  for (const n of changed) marks.set(n.id, 'changed');
  const edgeIds = new Set(after.edges.map((e) => e.id));
  const merged: FlowGraph = {
    ...after,
    nodes: [...after.nodes, ...removed],
    edges: [...after.edges, ...before.edges.filter((e) => !edgeIds.has(e.id) && (!now.has(e.source) || !now.has(e.target)))],
  };
  return { added, removed, changed, merged, marks };
}
