import type { NodeData, NodeType } from '../flow/language.ts';

export interface InspectorProps<K extends NodeType> {
  nodeId: string;
  data: NodeData<K>;
  /** Replaces the node's data; the store records it as an undoable edit. */
  onChange: (data: NodeData<K>) => void;
}
