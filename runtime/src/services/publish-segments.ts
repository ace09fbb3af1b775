import { freezeSegments, parseFlowGraph, type SegmentResolver } from '@lsb/shared';

/**
 * The graph a published version stores: each branch condition's saved-segment references carry
 * the segment's condition as it is at this moment (`frozen`). A published scenario therefore keeps
 * using a segment as it was at publish; editing the segment changes it after the next publish.
 */
export function freezeGraphSegments(draft: unknown, resolve: SegmentResolver): unknown {
  const parsed = parseFlowGraph(draft);
  if (!parsed.ok) return draft;
  return {
    ...parsed.graph,
    nodes: parsed.graph.nodes.map((node) => (node.type === 'branch'
      ? { ...node, data: { ...node.data, cases: node.data.cases.map((c) => ({ ...c, condition: freezeSegments(c.condition, resolve) })) } }
      : node)),
  };
}
