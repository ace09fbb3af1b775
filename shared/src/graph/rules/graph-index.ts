import type { NodeOutput } from '../../nodes/kind.ts';
import { nodeOutputs } from '../../nodes/registry.ts';
import type { FlowEdge, FlowGraph, FlowNode } from '../schema.ts';

/**
 * Lookups every rule needs, built once per validation: the first node of each id, its outputs,
 * and the edges that connect existing nodes through existing outputs ("sound" edges).
 */
export interface GraphIndex {
  graph: FlowGraph;
  nodeById: ReadonlyMap<string, FlowNode>;
  outputsById: ReadonlyMap<string, NodeOutput[]>;
  soundEdges: readonly FlowEdge[];
  /** Sound edges grouped by `source` then by `sourceHandle`. */
  edgesByOutput: ReadonlyMap<string, ReadonlyMap<string, FlowEdge[]>>;
}

export function indexGraph(graph: FlowGraph): GraphIndex {
  const nodeById = new Map<string, FlowNode>();
  const outputsById = new Map<string, NodeOutput[]>();
  for (const node of graph.nodes) {
    if (nodeById.has(node.id)) continue;
    nodeById.set(node.id, node);
    outputsById.set(node.id, nodeOutputs(node));
  }
  const soundEdges: FlowEdge[] = [];
  const edgesByOutput = new Map<string, Map<string, FlowEdge[]>>();
  for (const edge of graph.edges) {
    const outputs = outputsById.get(edge.source);
    if (!outputs || !nodeById.has(edge.target) || !outputs.some((o) => o.id === edge.sourceHandle)) continue;
    soundEdges.push(edge);
    let byHandle = edgesByOutput.get(edge.source);
    if (!byHandle) edgesByOutput.set(edge.source, (byHandle = new Map()));
    const list = byHandle.get(edge.sourceHandle);
    if (list) list.push(edge);
    else byHandle.set(edge.sourceHandle, [edge]);
  }
  return { graph, nodeById, outputsById, soundEdges, edgesByOutput };
}

/**
 * What an issue calls an output: the marketer's own label when it has one, else its id (fixed ids
 * such as `next` are terms that formatIssue translates).
 */
export function outputName(output: NodeOutput): string {
  const label = output.label.key === 'output.named' ? output.label.params?.label : undefined;
  return label === undefined ? output.id : String(label);
}
