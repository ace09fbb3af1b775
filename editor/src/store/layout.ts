import dagre from '@dagrejs/dagre';
import type { CanvasEdge, CanvasNode } from './types.ts';

/** Card size used before React Flow has measured a node (e.g. right after paste or in tests). */
export const DEFAULT_NODE_SIZE = { width: 260, height: 96 };

/**
 * Top-to-bottom layered layout: step delivery reads downwards like a timeline. Edges are ordered
 * by output so a branch's cases keep their left-to-right order. Returns new positions only.
 */
export function tidyPositions(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): Map<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 48, ranksep: 72, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) {
    const width = node.measured?.width ?? DEFAULT_NODE_SIZE.width;
    const height = node.measured?.height ?? DEFAULT_NODE_SIZE.height;
    g.setNode(node.id, { width, height });
  }
  for (const edge of edges) if (g.hasNode(edge.source) && g.hasNode(edge.target)) g.setEdge(edge.source, edge.target);
  dagre.layout(g);
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of nodes) {
    const laid = g.node(node.id);
    const width = node.measured?.width ?? DEFAULT_NODE_SIZE.width;
    const height = node.measured?.height ?? DEFAULT_NODE_SIZE.height;
    // dagre gives centres; React Flow positions are top-left corners.
    if (laid) positions.set(node.id, { x: Math.round(laid.x - width / 2), y: Math.round(laid.y - height / 2) });
  }
  return positions;
}
