import * as shared from '@lsb/shared';
import { checkMessageLimits, flowIssue, nodeKinds, nodeOutputs, nodeReferences, catalogueEntry } from '@lsb/shared';
import type { Catalogue, FlowGraph, FlowIssue, FlowIssueCode, ReferenceKind } from '@lsb/shared';

type ValidateFlow = (graph: FlowGraph, catalogue?: Catalogue) => FlowIssue[];

/**
 * The editor validates with shared's validateFlow, the very rules the runtime applies on publish.
 * While that function has not landed in @lsb/shared yet, a small subset of its rules runs here so
 * the badges and issues panel already work; it is picked up automatically once exported.
 */
export const validateGraph: ValidateFlow =
  (shared as unknown as { validateFlow?: ValidateFlow }).validateFlow ?? interimValidate;

const UNKNOWN: Record<ReferenceKind, FlowIssueCode> = {
  tag: 'unknownTag',
  field: 'unknownField',
  inflowRoute: 'unknownInflowRoute',
  scenario: 'unknownScenario',
  link: 'unknownLink',
};

function interimValidate(graph: FlowGraph, catalogue?: Catalogue): FlowIssue[] {
  const issues: FlowIssue[] = [];
  if (!graph.nodes.some((n) => n.type === 'trigger')) issues.push(flowIssue('noTrigger'));
  const used = new Set(graph.edges.map((e) => `${e.source}\u0000${e.sourceHandle}`));
  for (const node of graph.nodes) {
    for (const output of nodeOutputs(node)) {
      if (output.required && !used.has(`${node.id}\u0000${output.id}`)) {
        issues.push(flowIssue('outputNotConnected', { nodeId: node.id }, { output: output.label.ja }));
      }
    }
    for (const ref of nodeReferences(node)) {
      if (!ref.id) issues.push(flowIssue('missingValue', { nodeId: node.id }, { what: ref.kind }));
      else if (catalogue && !catalogueEntry(catalogue, ref.kind, ref.id)) issues.push(flowIssue(UNKNOWN[ref.kind], { nodeId: node.id }, { id: ref.id }));
    }
    if (node.type === 'send') {
      for (const v of checkMessageLimits(node.data.messages)) {
        issues.push(flowIssue('sendLimit', { nodeId: node.id }, { message: v.messageIndex + 1, rule: v.rule, actual: v.actual, limit: v.limit }));
      }
    }
  }
  for (const edge of graph.edges) {
    const target = graph.nodes.find((n) => n.id === edge.target);
    if (target && !nodeKinds[target.type].acceptsInput) issues.push(flowIssue('edgeIntoTrigger', { edgeId: edge.id }));
  }
  return issues;
}
