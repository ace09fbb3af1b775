import type { SegmentResolver } from '../conditions/facts.ts';
import type { Condition } from '../conditions/schema.ts';
import type { FieldKind } from '../graph/catalogue.ts';
import type { FlowGraph } from '../graph/schema.ts';
import { nodeReferences } from '../nodes/registry.ts';
import { MAX_SEGMENT_DEPTH } from '../conditions/facts.ts';
import { referenceKey, TEMPLATE_REFERENCE_KINDS, type ReferenceKey, type TemplateReferenceKind } from './references.ts';

/** A template carries conditions, not saved-segment references: each `segment` leaf becomes the segment's condition. */
export function inlineSegments(condition: Condition, resolve: SegmentResolver, depth = 0): Condition {
  switch (condition.kind) {
    case 'and':
    case 'or':
      return { ...condition, conditions: condition.conditions.map((c) => inlineSegments(c, resolve, depth)) };
    case 'not':
      return { ...condition, condition: inlineSegments(condition.condition, resolve, depth) };
    case 'segment': {
      const saved = condition.frozen ?? resolve(condition.segmentId);
      return saved && depth < MAX_SEGMENT_DEPTH ? inlineSegments(saved, resolve, depth + 1) : condition;
    }
    default:
      return condition;
  }
}

export function inlineGraphSegments(graph: FlowGraph, resolve: SegmentResolver): FlowGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((node) => (node.type === 'branch'
      ? { ...node, data: { ...node.data, cases: node.data.cases.map((c) => ({ ...c, condition: inlineSegments(c.condition, resolve) })) } }
      : node)),
  };
}

export interface GraphReference {
  key: ReferenceKey;
  kind: TemplateReferenceKind;
  id: string;
  /** The field kinds every place using this field accepts (intersection), when it is a field. */
  fieldKinds?: FieldKind[];
  /** Nodes that use it. */
  nodeIds: string[];
}

/** Every catalogue id the graph's nodes refer to (saved segments excluded), once each, empty ids (not chosen yet) left out. */
export function graphReferences(graph: FlowGraph): GraphReference[] {
  const found = new Map<string, GraphReference>();
  for (const node of graph.nodes) {
    for (const ref of nodeReferences(node)) {
      if (!ref.id || !(TEMPLATE_REFERENCE_KINDS as readonly string[]).includes(ref.kind)) continue;
      const kind = ref.kind as TemplateReferenceKind;
      const key = referenceKey(kind, ref.id);
      const entry = found.get(key) ?? { key, kind, id: ref.id, nodeIds: [] };
      if (!entry.nodeIds.includes(node.id)) entry.nodeIds.push(node.id);
      if (ref.fieldKinds) entry.fieldKinds = entry.fieldKinds ? entry.fieldKinds.filter((k) => ref.fieldKinds!.includes(k)) : [...ref.fieldKinds];
      found.set(key, entry);
    }
  }
  return [...found.values()];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function rewriteValue(value: unknown, ids: ReadonlyMap<string, string>, pattern: RegExp | null): unknown {
  if (typeof value === 'string') {
    const whole = ids.get(value);
    if (whole !== undefined) return whole;
    return pattern ? value.replace(pattern, (_m, prefix: string, id: string) => `{${prefix}:${ids.get(id) ?? id}`) : value;
  }
  if (Array.isArray(value)) {
    const mapped = value.map((item) => rewriteValue(item, ids, pattern));
    // Two template tags mapped onto one workspace tag: keep one (a tag node adding it twice is noise).
    return mapped.filter((item, index) => typeof item !== 'string' || mapped.indexOf(item) === index || !ids.has(value[index] as string));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewriteValue(item, ids, pattern)]));
  }
  return value;
}

/**
 * The graph with catalogue ids replaced (template-local id → workspace id): whole string values in
 * node data equal to an id, and `{field:<id>…}` / `{link:<id>…}` placeholders inside texts. Node
 * ids, edges and positions are left alone. Ids absent from the map stay as they are.
 */
export function rewriteGraphReferences(graph: FlowGraph, ids: ReadonlyMap<string, string>): FlowGraph {
  const pattern = ids.size > 0 ? new RegExp(`\\{(field|link):(${[...ids.keys()].map(escapeRegExp).join('|')})(?=[|}])`, 'g') : null;
  return { ...graph, nodes: graph.nodes.map((node) => ({ ...node, data: rewriteValue(node.data, ids, pattern) }) as typeof node) };
}

/**
 * Whether a template's field may be mapped onto a workspace's field: the same kind, and for a
 * choice field every choice the template uses exists there (conditions and set-field values name them).
 */
export function fieldCompatible(from: { kind: FieldKind; choices: readonly string[] }, to: { kind: FieldKind; choices: readonly string[] }): boolean {
  if (from.kind !== to.kind) return false;
  return from.kind !== 'choice' || from.choices.every((choice) => to.choices.includes(choice));
}
