import type { Edge, Node } from '@xyflow/react';
import type { NodeData, NodeType } from '../flow/language.ts';

/** React Flow wants data indexable; shared's data types are plain objects, so widen them once here. */
export type CanvasData<K extends NodeType> = NodeData<K> & Record<string, unknown>;

/** A React Flow node whose `type` and `data` are exactly a shared FlowNode's: no functions, no UI data. */
export type CanvasNode = { [K in NodeType]: Node<CanvasData<K>, K> }[NodeType];
export type CanvasNodeOf<K extends NodeType> = Node<CanvasData<K>, K>;

/** A React Flow edge that always names the output it leaves through. */
export type CanvasEdge = Edge & { sourceHandle: string };

export interface Snapshot {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
}
