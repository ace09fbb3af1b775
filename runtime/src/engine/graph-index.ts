import type { FlowGraph, FlowNode } from '@lsb/shared';

// A published version is immutable and the interpreter keeps parsed graphs around, so lookups
// are indexed once per graph object instead of scanning arrays on every step of every friend.

export interface GraphIndex {
  node(id: string): FlowNode | undefined;
  /** The node an output leads to, or undefined when the output is unconnected (the run ends). */
  target(sourceId: string, outputId: string): string | undefined;
}

const cache = new WeakMap<FlowGraph, GraphIndex>();

export function indexGraph(graph: FlowGraph): GraphIndex {
  let index = cache.get(graph);
  if (!index) {
    index = buildIndex(graph);
    cache.set(graph, index);
  }
  return index;
}

function buildIndex(graph: FlowGraph): GraphIndex {
  const nodes = new Map<string, FlowNode>();
  for (const node of graph.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
  // Keyed on a pair joined by NUL, which ids never contain in practice; a nested map would cost
  // an allocation per node for no gain. The validator refuses two edges from one output; should
  // a draft have them anyway, the first wins, as it does on the canvas.
  const edges = new Map<string, string>();
  for (const edge of graph.edges) {
    const key = edgeKey(edge.source, edge.sourceHandle);
    if (!edges.has(key)) edges.set(key, edge.target);
  }
  return {
    node: (id) => nodes.get(id),
    target: (sourceId, outputId) => edges.get(edgeKey(sourceId, outputId)),
  };
}

function edgeKey(source: string, handle: string): string {
  return `${source}\u0000${handle}`;
}
