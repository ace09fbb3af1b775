import type { Catalogue } from './catalogue.ts';
import type { FlowIssue } from './issues.ts';
import { flowIssues } from './rules/flow.ts';
import { indexGraph } from './rules/graph-index.ts';
import { nodeDataIssues } from './rules/node-data.ts';
import { referenceIssues } from './rules/references.ts';
import { structureIssues } from './rules/structure.ts';
import type { FlowGraph } from './schema.ts';

/**
 * Everything that stops a parsed graph from being published; an empty list means publishable.
 * The editor shows these on the canvas and the runtime refuses to publish while any remain.
 * Pass the workspace's catalogue to also check that referenced tags, fields, routes, scenarios
 * and links exist and that fields have a fitting kind.
 */
export function validateFlow(graph: FlowGraph, catalogue?: Catalogue): FlowIssue[] {
  const index = indexGraph(graph);
  const issues = [...structureIssues(index), ...flowIssues(index)];
  for (const node of graph.nodes) {
    issues.push(...nodeDataIssues(node), ...referenceIssues(node, catalogue));
  }
  return issues;
}
