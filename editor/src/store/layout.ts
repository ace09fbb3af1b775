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
  const ordered = orderedEdges(nodes, edges);
  const order = readingOrder(nodes, ordered);
  // dagre often mirrors a split; laid out from both edge orders, the one closer to reading order
  // needs the fewest moves below, so arms stay aligned under their outputs.
  const candidates = [dagreCentres(nodes, ordered), dagreCentres(nodes, [...ordered].reverse())];
  const centres = candidates.reduce((best, next) => (misplaced(next, order) < misplaced(best, order) ? next : best));
  keepOutputOrder(centres, order);
  const positions = new Map<string, Point>();
  // dagre gives centres; React Flow positions are top-left corners.
  for (const [id, c] of centres) positions.set(id, { x: Math.round(c.x - c.width / 2), y: Math.round(c.y - c.height / 2) });
  return positions;
}

type Centres = Map<string, Point & { width: number; height: number }>;

function dagreCentres(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): Centres {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: NODE_SEP, ranksep: 72, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) g.setNode(node.id, sizeOf(node));
  for (const edge of edges) if (g.hasNode(edge.source) && g.hasNode(edge.target)) g.setEdge(edge.source, edge.target);
  dagre.layout(g);
  const centres: Centres = new Map();
  for (const node of nodes) {
    const laid = g.node(node.id);
    if (laid) centres.set(node.id, { x: laid.x, y: laid.y, ...sizeOf(node) });
  }
  return centres;
}

function rowsOf(centres: Centres): string[][] {
  const rows = new Map<number, string[]>();
  for (const [id, c] of centres) rows.set(c.y, [...(rows.get(c.y) ?? []), id]);
  return [...rows.values()];
}

/** How many pairs of nodes on a row stand in the opposite of reading order. */
function misplaced(centres: Centres, order: Map<string, number>): number {
  let count = 0;
  for (const ids of rowsOf(centres)) {
    for (const a of ids) for (const b of ids) if ((order.get(a) ?? 0) < (order.get(b) ?? 0) && centres.get(a)!.x > centres.get(b)!.x) count += 1;
  }
  return count;
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
 * The order a person reads the flow in: depth first from each start, a node's outputs in their
 * order (case 1, case 2, それ以外; A, B, C). A node reached twice (a merge) counts where first met.
 */
function readingOrder(nodes: readonly CanvasNode[], ordered: readonly CanvasEdge[]): Map<string, number> {
  const children = new Map<string, string[]>();
  const hasParent = new Set<string>();
  for (const edge of ordered) {
    children.set(edge.source, [...(children.get(edge.source) ?? []), edge.target]);
    hasParent.add(edge.target);
  }
  const order = new Map<string, number>();
  const visit = (start: string) => {
    const stack = [start];
    while (stack.length) {
      const id = stack.pop()!;
      if (order.has(id)) continue;
      order.set(id, order.size);
      // Pushed last-first so the first output is visited first.
      stack.push(...[...(children.get(id) ?? [])].reverse());
    }
  };
  for (const node of nodes) if (!hasParent.has(node.id)) visit(node.id);
  for (const node of nodes) visit(node.id); // whatever only a loop reaches
  return order;
}

/**
 * dagre minimises crossings but may lay a node's second output left of its first (it often
 * mirrors a split). Each row is put back into reading order on the places dagre chose for it, so
 * arms never cross and every output sits where its handle is; nothing overlaps.
 */
function keepOutputOrder(centres: Centres, order: Map<string, number>): void {
  for (const ids of rowsOf(centres)) {
    if (ids.length < 2) continue;
    const left = (id: string) => centres.get(id)!.x - centres.get(id)!.width / 2;
    const slots = ids.map(left).sort((a, b) => a - b);
    const wanted = [...ids].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    let right = -Infinity;
    wanted.forEach((id, i) => {
      const c = centres.get(id)!;
      const x = Math.max(slots[i]!, right + NODE_SEP);
      centres.set(id, { ...c, x: x + c.width / 2 });
      right = x + c.width;
    });
  }
}
