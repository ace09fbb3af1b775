// The editor's single door to the flow language in @lsb/shared: everything graph-shaped the
// editor uses comes through here, so following shared's changes touches one file.
export {
  CURRENT_SCHEMA_VERSION,
  NODE_TYPES,
  nodeKinds,
  nodeOutputs,
  nodeSummary,
  nodeReferences,
  createNode,
  parseFlowGraph,
  nameOf,
  catalogueEntry,
  EMPTY_CONDITION,
  isEmptyCondition,
  translateText,
} from '@lsb/shared';
export type {
  FlowGraph,
  FlowNode,
  FlowEdge,
  NodeData,
  NodeType,
  NodeOutput,
  Catalogue,
  Condition,
  FlowIssue,
  Translate,
  Reference,
  ReferenceKind,
  FieldKind,
} from '@lsb/shared';

import { CURRENT_SCHEMA_VERSION, type FlowGraph, type FlowIssue } from '@lsb/shared';

/** What the API hands back as issues; the same shape as the validator's, params loosely typed. */
export type ValidationIssue = Omit<FlowIssue, 'code' | 'messageKey' | 'params'> & {
  code: string;
  messageKey: string;
  params?: Record<string, unknown>;
};

export function emptyGraph(): FlowGraph {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, nodes: [], edges: [] };
}
