import type { FlowEdge, FlowGraph, FlowNode } from '../flow/language.ts';
import { CURRENT_SCHEMA_VERSION } from '../flow/language.ts';
import type { CanvasEdge, CanvasNode } from './types.ts';

// The stored graph is already React Flow's shape, so conversion only adds nothing on the way in
// and drops UI fields (selected, measured, dragging, …) on the way out.

export function toCanvasNode(node: FlowNode): CanvasNode {
  return { id: node.id, type: node.type, position: { ...node.position }, data: node.data } as CanvasNode;
}

export function toCanvasEdge(edge: FlowEdge): CanvasEdge {
  return { id: edge.id, source: edge.source, sourceHandle: edge.sourceHandle, target: edge.target };
}

export function graphToCanvas(graph: FlowGraph): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  return { nodes: graph.nodes.map(toCanvasNode), edges: graph.edges.map(toCanvasEdge) };
}

export function toFlowNode(node: CanvasNode): FlowNode {
  return { id: node.id, type: node.type, position: { x: node.position.x, y: node.position.y }, data: node.data } as FlowNode;
}

export function toFlowEdge(edge: CanvasEdge): FlowEdge {
  return { id: edge.id, source: edge.source, sourceHandle: edge.sourceHandle, target: edge.target };
}

export function canvasToGraph(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): FlowGraph {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, nodes: nodes.map(toFlowNode), edges: edges.map(toFlowEdge) };
}
