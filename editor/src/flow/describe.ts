import { nodeKinds, nodeSummary, type Catalogue, type FlowNode, type Translate } from './language.ts';

/** 「待機: 1日後 10:00」: how lists outside the canvas name a node. */
export function describeNode(node: FlowNode, catalogue: Catalogue | undefined, t: Translate): string {
  return `${t(nodeKinds[node.type].label)}: ${nodeSummary(node, t, catalogue)}`;
}
