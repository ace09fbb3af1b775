import { CURRENT_SCHEMA_VERSION, type FlowEdge, type FlowGraph, type FlowNode, type FlowNodeOf, type NodeData } from '../../graph/schema.ts';
import type { NodeType } from '../../nodes/node-type.ts';
import type { TemplateCategory } from '../content.ts';
import { emptyReferences, type TemplateReferences } from '../references.ts';
import type { StarterKeyName } from './keys.ts';

/** A starter template: names in ja and en, the graph's texts in Japanese (the market it is for). */
export interface Starter {
  key: StarterKeyName;
  category: TemplateCategory;
  name: { ja: string; en: string };
  description: { ja: string; en: string };
  graph: FlowGraph;
  references: TemplateReferences;
}

/** A node on the starter grid: column and row, 260 × 170 apart. */
export function node<T extends NodeType>(id: string, type: T, column: number, row: number, data: NodeData<T>): FlowNode {
  return { id, type, position: { x: column * 260, y: row * 170 }, data } as FlowNodeOf<T> as FlowNode;
}

/** Edges as [source, output, target]. */
export function graph(nodes: FlowNode[], edges: [string, string, string][]): FlowGraph {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes,
    edges: edges.map(([source, sourceHandle, target]): FlowEdge => ({ id: `e-${source}-${sourceHandle}-${target}`, source, sourceHandle, target })),
  };
}

/** Starters refer to their catalogue entries by readable, template-local ids (mapped on clone). */
export function references(partial: Partial<TemplateReferences>): TemplateReferences {
  return { ...emptyReferences(), ...partial };
}

export const text = (value: string) => ({ type: 'text' as const, text: value });
