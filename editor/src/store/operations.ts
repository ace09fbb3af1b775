import type { Connection } from '@xyflow/react';
import { createNode, type FlowGraph, type NodeType } from '../flow/language.ts';
import { toCanvasEdge, toCanvasNode } from './convert.ts';
import { newId } from './ids.ts';
import { canConnect, edgeFromOutput, outputIds } from './rules.ts';
import type { CanvasEdge, CanvasNode, Snapshot } from './types.ts';

// Pure graph edits: snapshot in, snapshot out. The store wraps each in history and selection.

const ROW = 160;
const COLUMN = 300;

export function makeNode(type: NodeType, position: { x: number; y: number }): CanvasNode {
  return { ...toCanvasNode(createNode(type, newId(type), position)), selected: true };
}

export function makeEdge(source: string, sourceHandle: string, target: string): CanvasEdge {
  return { id: newId('e'), source, sourceHandle, target };
}

const deselect = (nodes: readonly CanvasNode[]) => nodes.map((n) => (n.selected ? { ...n, selected: false } : n));
const deselectEdges = (edges: readonly CanvasEdge[]) => edges.map((e) => (e.selected ? { ...e, selected: false } : e));

export function addNode(s: Snapshot, node: CanvasNode): Snapshot {
  return { nodes: [...deselect(s.nodes), node], edges: deselectEdges(s.edges) };
}

/** Every node reachable from `start`, for pushing a flow's tail down to make room. */
function downstream(edges: readonly CanvasEdge[], start: string, stop: ReadonlySet<string>): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id) || stop.has(id)) continue;
    seen.add(id);
    for (const e of edges) if (e.source === id) queue.push(e.target);
  }
  return seen;
}

/** A → B becomes A → new → B (through the new node's first output), moving B's tail down a row. */
export function insertOnEdge(s: Snapshot, edgeId: string, type: NodeType): { snapshot: Snapshot; nodeId: string } | undefined {
  const edge = s.edges.find((e) => e.id === edgeId);
  const source = edge && s.nodes.find((n) => n.id === edge.source);
  const target = edge && s.nodes.find((n) => n.id === edge.target);
  if (!edge || !source || !target) return undefined;
  const node = makeNode(type, { x: target.position.x, y: target.position.y });
  const moved = downstream(s.edges, target.id, new Set([source.id]));
  const nodes = deselect(s.nodes).map((n) => (moved.has(n.id) ? { ...n, position: { x: n.position.x, y: n.position.y + ROW } } : n));
  const firstOutput = outputIds(node)[0];
  const edges = deselectEdges(s.edges).filter((e) => e.id !== edgeId);
  edges.push(makeEdge(source.id, edge.sourceHandle, node.id));
  if (firstOutput) edges.push(makeEdge(node.id, firstOutput, target.id));
  return { snapshot: { nodes: [...nodes, node], edges }, nodeId: node.id };
}

/** A new node below an unconnected output, joined to it; outputs fan out left to right. */
export function insertAtOutput(s: Snapshot, sourceId: string, handle: string, type: NodeType): { snapshot: Snapshot; nodeId: string } | undefined {
  const source = s.nodes.find((n) => n.id === sourceId);
  if (!source || edgeFromOutput(s.edges, sourceId, handle)) return undefined;
  const outputs = outputIds(source);
  const index = outputs.indexOf(handle);
  if (index < 0) return undefined;
  const x = source.position.x + (index - (outputs.length - 1) / 2) * COLUMN;
  const node = makeNode(type, { x, y: source.position.y + ROW });
  return {
    snapshot: { nodes: [...deselect(s.nodes), node], edges: [...deselectEdges(s.edges), makeEdge(source.id, handle, node.id)] },
    nodeId: node.id,
  };
}

/** One edge per output: connecting an output that is already used moves its edge. */
export function connect(s: Snapshot, c: Connection): Snapshot | undefined {
  if (!c.sourceHandle || !canConnect(s.nodes, c)) return undefined;
  const existing = edgeFromOutput(s.edges, c.source, c.sourceHandle);
  if (existing?.target === c.target) return undefined;
  const edges = s.edges.filter((e) => e !== existing);
  edges.push(makeEdge(c.source, c.sourceHandle, c.target));
  return { nodes: s.nodes, edges };
}

export function reconnect(s: Snapshot, oldEdgeId: string, c: Connection): Snapshot | undefined {
  if (!c.sourceHandle || !canConnect(s.nodes, c)) return undefined;
  const edges = s.edges.filter((e) => e.id !== oldEdgeId && !(e.source === c.source && e.sourceHandle === c.sourceHandle));
  const old = s.edges.find((e) => e.id === oldEdgeId);
  if (!old) return undefined;
  edges.push({ id: old.id, source: c.source, sourceHandle: c.sourceHandle, target: c.target });
  return { nodes: s.nodes, edges };
}

export function deleteElements(s: Snapshot, nodeIds: ReadonlySet<string>, edgeIds: ReadonlySet<string>): Snapshot | undefined {
  if (nodeIds.size === 0 && edgeIds.size === 0) return undefined;
  const nodes = s.nodes.filter((n) => !nodeIds.has(n.id));
  const edges = s.edges.filter((e) => !edgeIds.has(e.id) && !nodeIds.has(e.source) && !nodeIds.has(e.target));
  if (nodes.length === s.nodes.length && edges.length === s.edges.length) return undefined;
  return { nodes, edges };
}

/**
 * Adds a copy of `graph` with fresh node and edge ids, moved by `offset`, selected, so pasting
 * the same fragment twice (or into the scenario it came from) never collides.
 */
export function pasteGraph(s: Snapshot, graph: FlowGraph, offset: { x: number; y: number }): { snapshot: Snapshot; nodeIds: string[] } {
  const ids = new Map(graph.nodes.map((n) => [n.id, newId(n.type)]));
  const pasted = graph.nodes.map((n) => ({
    ...toCanvasNode(n),
    id: ids.get(n.id)!,
    position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
    selected: true,
  })) as CanvasNode[];
  const edges = graph.edges
    .filter((e) => ids.has(e.source) && ids.has(e.target))
    .map((e) => ({ ...toCanvasEdge(e), id: newId('e'), source: ids.get(e.source)!, target: ids.get(e.target)! }));
  return {
    snapshot: { nodes: [...deselect(s.nodes), ...pasted], edges: [...deselectEdges(s.edges), ...edges] },
    nodeIds: pasted.map((n) => n.id),
  };
}

export function boundingTopLeft(nodes: readonly { position: { x: number; y: number } }[]): { x: number; y: number } {
  if (nodes.length === 0) return { x: 0, y: 0 };
  return { x: Math.min(...nodes.map((n) => n.position.x)), y: Math.min(...nodes.map((n) => n.position.y)) };
}
