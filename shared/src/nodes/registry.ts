import type { Catalogue } from '../graph/catalogue.ts';
import type { FlowNode, FlowNodeOf, NodeDataMap } from '../graph/schema.ts';
import type { Translate } from '../i18n/text.ts';
import type { Position } from '../graph/primitives.ts';
import { branchKind } from './branch.ts';
import { endKind } from './end.ts';
import type { NodeKindDefinition, NodeOutput } from './kind.ts';
import type { NodeType } from './node-type.ts';
import { randomSplitKind } from './random-split.ts';
import { scenarioControlKind } from './scenario-control.ts';
import { sendKind } from './send.ts';
import { setFieldKind } from './set-field.ts';
import { tagKind } from './tag.ts';
import { triggerKind } from './trigger.ts';
import { waitForEventKind } from './wait-for-event.ts';
import { waitKind } from './wait.ts';

export type NodeKinds = { [K in NodeType]: NodeKindDefinition<K, NodeDataMap[K]> };

/** The registry: one entry per kind, so a new kind does not compile until it is described here. */
export const nodeKinds: NodeKinds = {
  trigger: triggerKind,
  wait: waitKind,
  waitForEvent: waitForEventKind,
  branch: branchKind,
  tag: tagKind,
  send: sendKind,
  randomSplit: randomSplitKind,
  setField: setFieldKind,
  scenarioControl: scenarioControlKind,
  end: endKind,
};

/**
 * The kind of a node with its data type still tied to the node's; TypeScript cannot correlate
 * `nodeKinds[node.type]` with `node.data` on its own, so the widening is done once, here.
 */
function kindOf(node: FlowNode): NodeKindDefinition<NodeType, FlowNode['data']> {
  return nodeKinds[node.type] as NodeKindDefinition<NodeType, FlowNode['data']>;
}

/** The output handles of a node, in display order; edges name one of these ids as sourceHandle. */
export function nodeOutputs(node: FlowNode): NodeOutput[] {
  return kindOf(node).outputs(node.data);
}

export function nodeReferences(node: FlowNode) {
  return kindOf(node).references(node.data);
}

export function nodeSummary(node: FlowNode, t: Translate, catalogue?: Catalogue): string {
  return kindOf(node).summary(node.data, t, catalogue);
}

/** A new node of this kind with its default data, as the editor palette drops it. */
export function createNode<T extends NodeType>(type: T, id: string, position: Position): FlowNodeOf<T> {
  const data = nodeKinds[type].defaults();
  return { id, type, position: { x: position.x, y: position.y }, data } as FlowNodeOf<T>;
}
