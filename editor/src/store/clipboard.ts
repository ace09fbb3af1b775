import type { Catalogue, FlowGraph, FlowIssue, Reference, ReferenceKind } from '../flow/language.ts';
import { catalogueEntry, nodeReferences, parseFlowGraph } from '../flow/language.ts';
import { canvasToGraph } from './convert.ts';
import type { CanvasEdge, CanvasNode } from './types.ts';

// Copy puts a FlowGraph on the system clipboard as JSON, wrapped with the names of the tags,
// fields, … it refers to, so pasting into another workspace can offer to create or match them.

export const FRAGMENT_KIND = 'lsb/flow-fragment';

export type ReferenceNames = Partial<Record<ReferenceKind, Record<string, string>>>;

export interface Fragment {
  kind: typeof FRAGMENT_KIND;
  graph: FlowGraph;
  names: ReferenceNames;
}

export function makeFragment(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[], catalogue?: Catalogue): Fragment {
  const ids = new Set(nodes.map((n) => n.id));
  const graph = canvasToGraph(nodes, edges.filter((e) => ids.has(e.source) && ids.has(e.target)));
  const names: ReferenceNames = {};
  if (catalogue) {
    for (const ref of graph.nodes.flatMap(nodeReferences)) {
      const entry = catalogueEntry(catalogue, ref.kind, ref.id);
      if (entry) (names[ref.kind] ??= {})[ref.id] = entry.name;
    }
  }
  return { kind: FRAGMENT_KIND, graph, names };
}

export type PasteParse =
  | { ok: true; fragment: Fragment }
  | { ok: false; reason: 'notJson' }
  | { ok: false; reason: 'notFlow'; issues: FlowIssue[] };

/** Accepts our own fragments and bare graph JSON (an exported scenario); never throws. */
export function parseClipboard(text: string): PasteParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'notJson' };
  }
  const wrapper = isFragmentLike(json) ? json : undefined;
  const parsed = parseFlowGraph(wrapper ? wrapper.graph : json);
  if (!parsed.ok) return { ok: false, reason: 'notFlow', issues: parsed.issues };
  const names = typeof wrapper?.names === 'object' && wrapper.names !== null ? sanitizeNames(wrapper.names) : {};
  return { ok: true, fragment: { kind: FRAGMENT_KIND, graph: parsed.graph, names } };
}

function isFragmentLike(json: unknown): json is { kind: string; graph: unknown; names?: unknown } {
  return typeof json === 'object' && json !== null && (json as { kind?: unknown }).kind === FRAGMENT_KIND;
}

function sanitizeNames(raw: object): ReferenceNames {
  const names: ReferenceNames = {};
  for (const [kind, table] of Object.entries(raw)) {
    if (typeof table !== 'object' || table === null) continue;
    for (const [id, name] of Object.entries(table as Record<string, unknown>)) {
      if (typeof name === 'string') (names[kind as ReferenceKind] ??= {})[id] = name;
    }
  }
  return names;
}

export interface MissingReference extends Reference {
  /** The name it had where it was copied, when known. */
  name: string | undefined;
  /** An entry of the same kind and name in this workspace, which the reference can be pointed at. */
  match: { id: string; name: string } | undefined;
}

/** References of the pasted nodes that this workspace's catalogue does not have, one per id. */
export function missingReferences(graph: FlowGraph, catalogue: Catalogue, names: ReferenceNames): MissingReference[] {
  const seen = new Set<string>();
  const missing: MissingReference[] = [];
  for (const ref of graph.nodes.flatMap(nodeReferences)) {
    const key = `${ref.kind}:${ref.id}`;
    if (!ref.id || seen.has(key) || catalogueEntry(catalogue, ref.kind, ref.id)) continue;
    seen.add(key);
    const name = names[ref.kind]?.[ref.id];
    const match = name === undefined ? undefined : listOf(catalogue, ref.kind).find((e) => e.name === name);
    missing.push({ ...ref, name, match });
  }
  return missing;
}

function listOf(catalogue: Catalogue, kind: ReferenceKind): readonly { id: string; name: string }[] {
  switch (kind) {
    case 'tag': return catalogue.tags;
    case 'field': return catalogue.fields;
    case 'inflowRoute': return catalogue.inflowRoutes;
    case 'scenario': return catalogue.scenarios;
    case 'link': return catalogue.links;
    case 'segment': return catalogue.segments ?? [];
  }
}

/**
 * Points every string in `data` equal to an old id at its new id. Catalogue ids are UUIDs, so a
 * deep replace cannot hit an unrelated value, and it needs no per-kind knowledge of where ids live.
 * Field placeholders inside message texts (`{field:<id>}`) are remapped too.
 */
export function remapIds<T>(data: T, mapping: ReadonlyMap<string, string>): T {
  if (mapping.size === 0) return data;
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') return mapping.get(value) ?? remapPlaceholders(value, mapping);
    if (Array.isArray(value)) return value.map(visit);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v)]));
    }
    return value;
  };
  return visit(data) as T;
}

function remapPlaceholders(text: string, mapping: ReadonlyMap<string, string>): string {
  if (!text.includes('{field:')) return text;
  return text.replace(/\{field:([^|{}]+)/g, (whole, id: string) => {
    const next = mapping.get(id.trim());
    return next === undefined ? whole : `{field:${next}`;
  });
}
