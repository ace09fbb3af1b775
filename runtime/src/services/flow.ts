import {
  createNode, formatIssue, parseFlowGraph, validateFlow, type Catalogue, type FlowGraph, type FlowIssue, CURRENT_SCHEMA_VERSION,
} from '@lsb/shared';
import { sharedT } from '../i18n/index.ts';

/** Issues as the API returns them: the structured issue plus its Japanese text for logs and tools. */
export type ApiFlowIssue = FlowIssue & { message: string };

const withMessage = (issue: FlowIssue): ApiFlowIssue => ({ ...issue, message: formatIssue(issue, sharedT()) });

export function parseGraphOrIssues(json: unknown): { graph?: FlowGraph; issues: ApiFlowIssue[] } {
  const parsed = parseFlowGraph(json);
  return parsed.ok ? { graph: parsed.graph, issues: [] } : { issues: parsed.issues.map(withMessage) };
}

/** Everything that stands between this draft and publishing: shape first, then the flow rules. */
export function validateGraph(json: unknown, catalogue: Catalogue): ApiFlowIssue[] {
  const parsed = parseFlowGraph(json);
  if (!parsed.ok) return parsed.issues.map(withMessage);
  return validateFlow(parsed.graph, catalogue).map(withMessage);
}

/** A new scenario starts with one "friend added" trigger, the usual first step of a ステップ配信. */
export function emptyScenarioGraph(): FlowGraph {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, nodes: [createNode('trigger', 'trigger-1', { x: 0, y: 0 })], edges: [] };
}

/** Node ids added, removed or changed (type, data or outgoing edges) between two graphs; positions don't count. */
export function changedNodeIds(before: unknown, after: unknown) {
  const a = parseFlowGraph(before);
  const b = parseFlowGraph(after);
  const beforeNodes = a.ok ? a.graph : { nodes: [], edges: [] };
  const afterNodes = b.ok ? b.graph : { nodes: [], edges: [] };
  const fingerprint = (graph: Pick<FlowGraph, 'nodes' | 'edges'>) =>
    new Map(graph.nodes.map((node) => [
      node.id,
      JSON.stringify([node.type, node.data, graph.edges.filter((e) => e.source === node.id).map((e) => [e.sourceHandle, e.target]).sort()]),
    ]));
  const old = fingerprint(beforeNodes);
  const next = fingerprint(afterNodes);
  return {
    added: [...next.keys()].filter((id) => !old.has(id)),
    removed: [...old.keys()].filter((id) => !next.has(id)),
    changed: [...next.keys()].filter((id) => old.has(id) && old.get(id) !== next.get(id)),
  };
}
