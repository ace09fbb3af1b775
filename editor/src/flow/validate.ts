import { validateFlow, type Catalogue, type FlowGraph, type FlowIssue } from '@lsb/shared';

/** shared's validator: the very rules the runtime applies when publishing. */
export function validateGraph(graph: FlowGraph, catalogue?: Catalogue): FlowIssue[] {
  return validateFlow(graph, catalogue);
}
