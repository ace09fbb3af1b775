import { Compile, type Validator } from 'typebox/compile';
import type { TSchema } from 'typebox';
import { parseFlowGraph } from '../graph/parse.ts';
import type { FlowGraph } from '../graph/schema.ts';
import { isRecord } from '../graph/primitives.ts';
import { graphReferences } from '../templates/graph-references.ts';
import { referenceKey, referenceList } from '../templates/references.ts';
import { BUNDLE_MIGRATIONS } from './migrations.ts';
import { BUNDLE_FORMAT, BUNDLE_MAX_BYTES, CURRENT_BUNDLE_VERSION, TemplateBundle, type BundleError, type BundleErrorCode } from './schema.ts';

export type ParseBundleResult =
  | { ok: true; bundle: TemplateBundle & { graph: FlowGraph }; migratedFrom?: number }
  | { ok: false; error: BundleError };

const fail = (code: BundleErrorCode, message: string, params: Record<string, string | number> = {}): ParseBundleResult =>
  ({ ok: false, error: { code, message, params } });

const validators = new Map<TSchema, Validator>();
function check(schema: TSchema, value: unknown): { path: string; detail: string } | null {
  let validator = validators.get(schema);
  if (!validator) validators.set(schema, (validator = Compile(schema)));
  if (validator.Check(value)) return null;
  const [first] = validator.Errors(value);
  return { path: first?.instancePath || '/', detail: first?.message ?? 'invalid' };
}

/** UTF-8 length without encoding the whole text twice. */
export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * Reads a bundle file's text: size, JSON, format, version (older ones migrated step by step),
 * shape, graph, duplicate ids and references the graph uses but the bundle does not carry.
 * Never throws; the first problem found is the answer, with a stable code and what it concerns.
 */
export function parseBundle(text: string): ParseBundleResult {
  const bytes = utf8Bytes(text);
  if (bytes > BUNDLE_MAX_BYTES) {
    return fail('bundle_too_large', `The file is ${bytes} bytes; bundles may be at most ${BUNDLE_MAX_BYTES} bytes (5 MB).`, { bytes, max: BUNDLE_MAX_BYTES });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail('bundle_not_json', `The file is not JSON: ${(error as Error).message}`, { detail: (error as Error).message });
  }
  if (!isRecord(json) || json.format !== BUNDLE_FORMAT) {
    return fail('bundle_not_a_bundle', `The file is JSON but not a template bundle (its "format" must be "${BUNDLE_FORMAT}").`);
  }
  const version = json.bundleVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('bundle_unknown_version', 'The bundle has no valid "bundleVersion".', { version: typeof version === 'number' ? version : `(${typeof version})` });
  }
  if (version > CURRENT_BUNDLE_VERSION) {
    return fail('bundle_future_version', `The bundle is version ${version}; this installation reads up to version ${CURRENT_BUNDLE_VERSION}. Update it first.`, { version, max: CURRENT_BUNDLE_VERSION });
  }
  let doc: Record<string, unknown> = json;
  for (let v = version; v < CURRENT_BUNDLE_VERSION; v++) {
    const step = BUNDLE_MIGRATIONS[v];
    if (!step) return fail('bundle_unknown_version', `Bundle version ${v} cannot be read by this installation.`, { version: v });
    const problem = check(step.schema, doc);
    if (problem) return fail('bundle_invalid_shape', `The version ${v} bundle is malformed at ${problem.path}: ${problem.detail}.`, { ...problem, version: v });
    doc = step.up(doc);
  }
  const problem = check(TemplateBundle, doc);
  if (problem) return fail('bundle_invalid_shape', `The bundle is malformed at ${problem.path}: ${problem.detail}.`, problem);
  const bundle = doc as TemplateBundle;

  const seen = new Set<string>();
  for (const { kind, entry } of referenceList(bundle.references)) {
    if (seen.has(entry.id)) return fail('bundle_duplicate_id', `The id "${entry.id}" is used by more than one reference (${kind} "${entry.name}").`, { id: entry.id, kind });
    seen.add(entry.id);
  }
  const graph = parseFlowGraph(bundle.graph);
  if (!graph.ok) {
    const first = graph.issues[0]!;
    return fail('bundle_invalid_graph', `The bundle's graph cannot be read: ${first.code}${first.nodeId ? ` at node ${first.nodeId}` : ''}.`, { issue: first.code, ...(first.nodeId ? { nodeId: first.nodeId } : {}) });
  }
  for (const [what, ids] of [['node', graph.graph.nodes.map((n) => n.id)], ['edge', graph.graph.edges.map((e) => e.id)]] as const) {
    const dup = ids.find((id, index) => ids.indexOf(id) !== index);
    if (dup !== undefined) return fail('bundle_duplicate_id', `The graph has two ${what}s with the id "${dup}".`, { id: dup, kind: what });
  }
  const carried = new Set(referenceList(bundle.references).map(({ kind, entry }) => referenceKey(kind, entry.id)));
  const dangling = graphReferences(graph.graph).find((ref) => !carried.has(ref.key));
  if (dangling) {
    return fail('bundle_dangling_reference', `Node "${dangling.nodeIds[0]}" refers to the ${dangling.kind} "${dangling.id}", which the bundle does not include.`, {
      kind: dangling.kind, id: dangling.id, nodeId: dangling.nodeIds[0]!,
    });
  }
  const result = { ...bundle, graph: graph.graph };
  return version === CURRENT_BUNDLE_VERSION ? { ok: true, bundle: result } : { ok: true, bundle: result, migratedFrom: version };
}
