import type { Connection } from '@xyflow/react';
import { nodeKinds, nodeOutputs } from '../flow/language.ts';
import { toFlowNode } from './convert.ts';
import type { CanvasEdge, CanvasNode } from './types.ts';

// Connection rules the canvas enforces while drawing, so the validator rarely has to complain:
// every edge leaves through a named output, one edge per output, nothing enters a trigger.

export function outputIds(node: CanvasNode): string[] {
  return nodeOutputs(toFlowNode(node)).map((o) => o.id);
}

export function canConnect(nodes: readonly CanvasNode[], connection: Connection | CanvasEdge): boolean {
  const source = nodes.find((n) => n.id === connection.source);
  const target = nodes.find((n) => n.id === connection.target);
  if (!source || !target || !connection.sourceHandle) return false;
  if (!nodeKinds[target.type].acceptsInput) return false;
  return outputIds(source).includes(connection.sourceHandle);
}

/** Edges whose output vanished (a branch case was removed) or whose ends are gone. */
export function pruneEdges(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): CanvasEdge[] {
  const outputs = new Map(nodes.map((n) => [n.id, new Set(outputIds(n))]));
  const kept = edges.filter((e) => outputs.get(e.source)?.has(e.sourceHandle) && outputs.has(e.target));
  return kept.length === edges.length ? (edges as CanvasEdge[]) : kept;
}

export function edgeFromOutput(edges: readonly CanvasEdge[], source: string, handle: string): CanvasEdge | undefined {
  return edges.find((e) => e.source === source && e.sourceHandle === handle);
}
