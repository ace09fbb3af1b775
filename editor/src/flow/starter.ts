import { createNode, emptyGraph, type FlowGraph } from './language.ts';

/** A new scenario opens with a friend-added trigger, the start nearly every step delivery uses. */
export function starterGraph(): FlowGraph {
  return { ...emptyGraph(), nodes: [createNode('trigger', 'trigger-1', { x: 0, y: 0 })] };
}
