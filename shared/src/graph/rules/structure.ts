import { nodeKinds } from '../../nodes/registry.ts';
import { flowIssue, type FlowIssue } from '../issues.ts';
import { outputName, type GraphIndex } from './graph-index.ts';

/** Ids, edge ends, handles, and which outputs must be (singly) connected. */
export function structureIssues(index: GraphIndex): FlowIssue[] {
  const { graph, nodeById, outputsById, edgesByOutput } = index;
  const issues: FlowIssue[] = [];
  if (!graph.nodes.some((n) => n.type === 'trigger')) issues.push(flowIssue('noTrigger'));

  const seenNodes = new Set<string>();
  for (const node of graph.nodes) {
    if (seenNodes.has(node.id)) issues.push(flowIssue('duplicateNodeId', { nodeId: node.id }, { id: node.id }));
    seenNodes.add(node.id);
  }
  const seenEdges = new Set<string>();
  for (const edge of graph.edges) {
    if (seenEdges.has(edge.id)) issues.push(flowIssue('duplicateEdgeId', { edgeId: edge.id }, { id: edge.id }));
    seenEdges.add(edge.id);
    const source = nodeById.get(edge.source);
    const target = nodeById.get(edge.target);
    if (!source) issues.push(flowIssue('danglingEdge', { edgeId: edge.id }, { end: 'source', id: edge.source }));
    if (!target) issues.push(flowIssue('danglingEdge', { edgeId: edge.id }, { end: 'target', id: edge.target }));
    if (source && !outputsById.get(source.id)?.some((o) => o.id === edge.sourceHandle)) {
      issues.push(flowIssue('unknownOutputHandle', { edgeId: edge.id, nodeId: source.id }, { handle: edge.sourceHandle }));
    }
    if (target && !nodeKinds[target.type].acceptsInput) issues.push(flowIssue('edgeIntoTrigger', { edgeId: edge.id, nodeId: target.id }));
  }

  for (const [nodeId, outputs] of outputsById) {
    const ids = new Set<string>();
    for (const output of outputs) {
      if (ids.has(output.id)) issues.push(flowIssue('duplicateOutputId', { nodeId }, { id: output.id }));
      ids.add(output.id);
      const edges = edgesByOutput.get(nodeId)?.get(output.id) ?? [];
      if (edges.length === 0 && output.required) issues.push(flowIssue('outputNotConnected', { nodeId }, { output: outputName(output) }));
      if (edges.length > 1) issues.push(flowIssue('outputHasMultipleEdges', { nodeId }, { output: outputName(output) }));
    }
  }
  return issues;
}
