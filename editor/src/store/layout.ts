import dagre from '@dagrejs/dagre';
import { outputIds } from './rules.ts';
import type { CanvasEdge, CanvasNode } from './types.ts';

/** Card size used before React Flow has measured a node (e.g. right after paste or in tests). */
export const DEFAULT_NODE_SIZE = { width: 260, height: 96 };
const NODE_SEP = 48;

type Point = { x: number; y: number };
const sizeOf = (node: CanvasNode) => ({
  width: node.measured?.width ?? DEFAULT_NODE_SIZE.width,
  height: node.measured?.height ?? DEFAULT_NODE_SIZE.height,
});

/**
 * Top-to-bottom layered layout: step delivery reads downwards like a timeline. A node's outputs
 * keep their left-to-right order below it (a branch's cases, then それ以外; a random split's
 * arms), so no arm crosses another. Returns new positions only.
 */
export function tidyPositions(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): Map<string, Point> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: NODE_SEP, ranksep: 72, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) g.setNode(node.id, sizeOf(node));
  const ordered = orderedEdges(nodes, edges);
  // Added in output order: dagre's first ordering follows it, and the fix below makes it certain.
  for (const edge of ordered) if (g.hasNode(edge.source) && g.hasNode(edge.target)) g.setEdge(edge.source, edge.target);
  dagre.layout(g);
  const positions = new Map<string, Point>();
  for (const node of nodes) {
    const laid = g.node(node.id);
    const { width, height } = sizeOf(node);
    // dagre gives centres; React Flow positions are top-left corners.
    if (laid) positions.set(node.id, { x: Math.round(laid.x - width / 2), y: Math.round(laid.y - height / 2) });
  }
  keepOutputOrder(nodes, ordered, positions);
  return positions;
}

/** Each node's outgoing edges in the order of its outputs (handles), sources in node order. */
function orderedEdges(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): CanvasEdge[] {
  const rank = new Map<string, number>();
  nodes.forEach((node) => outputIds(node).forEach((handle, i) => rank.set(`${node.id}\u0000${handle}`, i)));
  const nodeIndex = new Map(nodes.map((node, i) => [node.id, i]));
  const handleRank = (edge: CanvasEdge) => rank.get(`${edge.source}\u0000${edge.sourceHandle}`) ?? Number.MAX_SAFE_INTEGER;
  return [...edges].sort((a, b) => (nodeIndex.get(a.source) ?? 0) - (nodeIndex.get(b.source) ?? 0) || handleRank(a) - handleRank(b));
}

/**
 * dagre minimises crossings but may put a node's second output left of its first. Where it did,
 * the arms are laid side by side again in output order: each arm moves with everything below it
 * that only it reaches (a shared merge node below stays where dagre put it).
 */
function keepOutputOrder(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[], positions: Map<string, Point>): void {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const children = new Map<string, string[]>();
  for (const edge of edges) children.set(edge.source, [...(children.get(edge.source) ?? []), edge.target]);
  // Everything below `floor` reachable from start (a loop back up is not part of an arm).
  const reach = (start: string, floor: number): Set<string> => {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id) || (positions.get(id)?.y ?? -Infinity) <= floor) continue;
      seen.add(id);
      stack.push(...(children.get(id) ?? []));
    }
    return seen;
  };
  for (const node of nodes) {
    const source = positions.get(node.id);
    // Arms are the distinct targets below the node, in output order (a loop back up is not an arm).
    const arms = [...new Set(children.get(node.id) ?? [])].filter((id) => (positions.get(id)?.y ?? -Infinity) > (source?.y ?? Infinity));
    if (!source || arms.length < 2) continue;
    const reached = arms.map((arm) => reach(arm, source.y));
    // What only one arm reaches moves with it; an arm that leads straight into another's path stays.
    const blocks = reached
      .map((set, i) => [...set].filter((id) => !reached.some((other, j) => j !== i && other.has(id))))
      .filter((ids) => ids.length > 0);
    const lefts = blocks.map((ids) => Math.min(...ids.map((id) => positions.get(id)!.x)));
    if (blocks.length < 2 || lefts.every((x, i) => i === 0 || x > lefts[i - 1]!)) continue;
    const bounds = blocks.map((ids, i) => ({ left: lefts[i]!, right: Math.max(...ids.map((id) => positions.get(id)!.x + sizeOf(byId.get(id)!).width)) }));
    let cursor = Math.min(...bounds.map((b) => b.left));
    blocks.forEach((ids, i) => {
      const shift = cursor - bounds[i]!.left;
      for (const id of ids) positions.set(id, { ...positions.get(id)!, x: positions.get(id)!.x + shift });
      cursor += bounds[i]!.right - bounds[i]!.left + NODE_SEP;
    });
  }
}
