import type { ComponentType } from 'react';
import type { NodeProps, NodeTypes } from '@xyflow/react';
import type { NodeType } from '../flow/language.ts';
import type { InspectorProps } from '../inspector/types.ts';
import { TriggerNode } from './trigger/TriggerNode.tsx';
import { TriggerInspector } from './trigger/TriggerInspector.tsx';
import { WaitNode } from './wait/WaitNode.tsx';
import { WaitInspector } from './wait/WaitInspector.tsx';
import { WaitForEventNode } from './waitForEvent/WaitForEventNode.tsx';
import { WaitForEventInspector } from './waitForEvent/WaitForEventInspector.tsx';
import { BranchNode } from './branch/BranchNode.tsx';
import { BranchInspector } from './branch/BranchInspector.tsx';
import { TagNode } from './tag/TagNode.tsx';
import { TagInspector } from './tag/TagInspector.tsx';
import { SendNode } from './send/SendNode.tsx';
import { SendInspector } from './send/SendInspector.tsx';
import { RandomSplitNode } from './randomSplit/RandomSplitNode.tsx';
import { RandomSplitInspector } from './randomSplit/RandomSplitInspector.tsx';
import { SetFieldNode } from './setField/SetFieldNode.tsx';
import { SetFieldInspector } from './setField/SetFieldInspector.tsx';
import { ScenarioControlNode } from './scenarioControl/ScenarioControlNode.tsx';
import { ScenarioControlInspector } from './scenarioControl/ScenarioControlInspector.tsx';
import { EndNode } from './end/EndNode.tsx';
import { EndInspector } from './end/EndInspector.tsx';

export interface NodeUi<K extends NodeType> {
  Node: ComponentType<NodeProps<never>>;
  Inspector: ComponentType<InspectorProps<K>>;
}

/** Every kind's card and side panel; typed by NodeType so a new kind does not compile until added. */
export const nodeUi: { [K in NodeType]: NodeUi<K> } = {
  trigger: { Node: TriggerNode, Inspector: TriggerInspector },
  wait: { Node: WaitNode, Inspector: WaitInspector },
  waitForEvent: { Node: WaitForEventNode, Inspector: WaitForEventInspector },
  branch: { Node: BranchNode, Inspector: BranchInspector },
  tag: { Node: TagNode, Inspector: TagInspector },
  send: { Node: SendNode, Inspector: SendInspector },
  randomSplit: { Node: RandomSplitNode, Inspector: RandomSplitInspector },
  setField: { Node: SetFieldNode, Inspector: SetFieldInspector },
  scenarioControl: { Node: ScenarioControlNode, Inspector: ScenarioControlInspector },
  end: { Node: EndNode, Inspector: EndInspector },
};

/** Module-level and built once: a new object per render would make React Flow remount every node. */
export const nodeTypes: NodeTypes = Object.fromEntries(Object.entries(nodeUi).map(([type, ui]) => [type, ui.Node])) as NodeTypes;
