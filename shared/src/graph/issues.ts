// Issues are values: a stable `code` for programs, the element it concerns, and a message key
// whose ja/en texts live in shared/src/i18n/issue-messages.ts.

export const FLOW_ISSUE_CODES = [
  // parseFlowGraph: the JSON is not a graph this version can read
  'graphNotObject',
  'unsupportedSchemaVersion',
  'invalidGraphShape',
  'invalidNode',
  'unknownNodeType',
  'invalidNodeData',
  'invalidEdge',
  // validateFlow: a well-formed graph that cannot be published
  'noTrigger',
  'duplicateNodeId',
  'duplicateEdgeId',
  'danglingEdge',
  'unknownOutputHandle',
  'duplicateOutputId',
  'edgeIntoTrigger',
  'outputNotConnected',
  'outputHasMultipleEdges',
  'unreachableNode',
  'cycleWithoutWait',
  'sendMessageCount',
  'sendLimit',
  'missingValue',
  'unknownTag',
  'unknownField',
  'unknownInflowRoute',
  'unknownScenario',
  'unknownLink',
  'unknownSegment',
  'fieldKindMismatch',
  'emptyCondition',
  'invalidWeights',
  'windowNoDays',
  'windowEndBeforeStart',
  'windowOverlap',
] as const;

export type FlowIssueCode = (typeof FLOW_ISSUE_CODES)[number];
export type FlowIssueParams = Record<string, string | number>;

export interface FlowIssue {
  code: FlowIssueCode;
  nodeId?: string;
  edgeId?: string;
  /** `flowIssue.<code>`: the i18n key of the text; formatIssue() renders it. */
  messageKey: `flowIssue.${FlowIssueCode}`;
  params: FlowIssueParams;
}

export function flowIssue(
  code: FlowIssueCode,
  where: { nodeId?: string; edgeId?: string } = {},
  params: FlowIssueParams = {},
): FlowIssue {
  const issue: FlowIssue = { code, messageKey: `flowIssue.${code}`, params };
  if (where.nodeId !== undefined) issue.nodeId = where.nodeId;
  if (where.edgeId !== undefined) issue.edgeId = where.edgeId;
  return issue;
}
