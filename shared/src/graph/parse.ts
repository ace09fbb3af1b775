import type { TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import { nodeKinds } from '../nodes/registry.ts';
import { isNodeType, type NodeType } from '../nodes/node-type.ts';
import { flowIssue, type FlowIssue } from './issues.ts';
import { migrateGraph } from './migrations.ts';
import { ElementId, CURRENT_SCHEMA_VERSION, FlowEdge, type FlowGraph, type FlowNode } from './schema.ts';
import { isRecord, Position } from './primitives.ts';

export type ParseFlowGraphResult =
  | { ok: true; graph: FlowGraph; migratedFrom?: number }
  | { ok: false; issues: FlowIssue[] };

// Compiled once on first use: the JIT validators are fast, but building them is not free.
const validators = new Map<TSchema, Validator>();
function validatorFor(schema: TSchema): Validator {
  let validator = validators.get(schema);
  if (!validator) {
    validator = Compile(schema);
    validators.set(schema, validator);
  }
  return validator;
}

/** The most specific schema error, as `{ path, detail }` for an issue's params. */
function firstError(schema: TSchema, value: unknown): { path: string; detail: string } {
  const errors = validatorFor(schema).Errors(value);
  let best = errors[0];
  for (const error of errors) if (best && error.instancePath.length > best.instancePath.length) best = error;
  return { path: best?.instancePath || '/', detail: best?.message ?? 'invalid' };
}

/**
 * Reads stored or received graph JSON: never trusts it and never throws. Older schemaVersions are
 * migrated forward; anything that is not a graph this code can run comes back as issues.
 * UI-only properties React Flow adds to nodes and edges are dropped.
 */
export function parseFlowGraph(input: unknown): ParseFlowGraphResult {
  if (!isRecord(input)) return fail(flowIssue('graphNotObject'));
  const version = input.schemaVersion === undefined ? 0 : input.schemaVersion;
  // Untrusted values are never converted to strings: JSON like {"toString": null} makes String() throw.
  const shown = typeof version === 'number' ? String(version) : `(${typeof version})`;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0 || version > CURRENT_SCHEMA_VERSION) {
    return fail(flowIssue('unsupportedSchemaVersion', {}, { version: shown }));
  }
  const doc = migrateGraph(input, version);
  if (!doc) return fail(flowIssue('unsupportedSchemaVersion', {}, { version: shown }));

  const issues: FlowIssue[] = [];
  if (!Array.isArray(doc.nodes)) issues.push(flowIssue('invalidGraphShape', {}, { path: '/nodes', detail: 'must be an array' }));
  if (!Array.isArray(doc.edges)) issues.push(flowIssue('invalidGraphShape', {}, { path: '/edges', detail: 'must be an array' }));
  if (!Array.isArray(doc.nodes) || !Array.isArray(doc.edges)) return { ok: false, issues };

  const nodes: FlowNode[] = [];
  doc.nodes.forEach((raw: unknown, index: number) => {
    const node = parseNode(raw, index, issues);
    if (node) nodes.push(node);
  });
  const edges: FlowEdge[] = [];
  doc.edges.forEach((raw: unknown, index: number) => {
    const edge = parseEdge(raw, index, issues);
    if (edge) edges.push(edge);
  });
  if (issues.length > 0) return { ok: false, issues };
  const graph: FlowGraph = { schemaVersion: CURRENT_SCHEMA_VERSION, nodes, edges };
  return version === CURRENT_SCHEMA_VERSION ? { ok: true, graph } : { ok: true, graph, migratedFrom: version };
}

/**
 * Conditions are recursive and validated recursively; JSON nested thousands of levels deep would
 * overflow the stack. No real node needs more than a few dozen levels (flex boxes, AND/OR trees).
 */
export const MAX_DATA_DEPTH = 64;

/** Depth-first without recursion, stopping as soon as the limit is passed. */
function exceedsDepth(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth >= limit) return true;
    for (const child of Object.values(item.value)) stack.push({ value: child, depth: item.depth + 1 });
  }
  return false;
}

function fail(issue: FlowIssue): ParseFlowGraphResult {
  return { ok: false, issues: [issue] };
}

function parseNode(raw: unknown, index: number, issues: FlowIssue[]): FlowNode | undefined {
  if (!isRecord(raw)) {
    issues.push(flowIssue('invalidNode', {}, { index, path: `/nodes/${index}`, detail: 'must be an object' }));
    return undefined;
  }
  const where = typeof raw.id === 'string' && raw.id !== '' ? { nodeId: raw.id } : {};
  const check = (name: string, schema: TSchema, value: unknown) => {
    if (validatorFor(schema).Check(value)) return true;
    const { path, detail } = firstError(schema, value);
    issues.push(flowIssue('invalidNode', where, { index, path: `/nodes/${index}/${name}${path === '/' ? '' : path}`, detail }));
    return false;
  };
  const idOk = check('id', ElementId, raw.id);
  const positionOk = check('position', Position, raw.position);
  if (!isNodeType(raw.type)) {
    issues.push(flowIssue('unknownNodeType', where, { index, type: typeof raw.type === 'string' ? raw.type.slice(0, 100) : `(${typeof raw.type})` }));
    return undefined;
  }
  const type: NodeType = raw.type;
  if (exceedsDepth(raw.data, MAX_DATA_DEPTH)) {
    issues.push(flowIssue('invalidNodeData', where, { index, type, path: '/', detail: `nested deeper than ${MAX_DATA_DEPTH} levels` }));
    return undefined;
  }
  const kind = nodeKinds[type];
  const data = raw.data;
  const schema = kind.dataSchema;
  if (!validatorFor(schema).Check(data)) {
    issues.push(flowIssue('invalidNodeData', where, { index, type, ...firstError(schema, data) }));
    return undefined;
  }
  if (!idOk || !positionOk) return undefined;
  const position = raw.position as { x: number; y: number };
  return { id: raw.id, type, position: { x: position.x, y: position.y }, data } as FlowNode;
}

function parseEdge(raw: unknown, index: number, issues: FlowIssue[]): FlowEdge | undefined {
  const valid: boolean = validatorFor(FlowEdge).Check(raw);
  if (valid) {
    const edge = raw as FlowEdge;
    return { id: edge.id, source: edge.source, sourceHandle: edge.sourceHandle, target: edge.target };
  }
  const where = isRecord(raw) && typeof raw.id === 'string' && raw.id !== '' ? { edgeId: raw.id } : {};
  const { path, detail } = firstError(FlowEdge, raw);
  issues.push(flowIssue('invalidEdge', where, { index, path: `/edges/${index}${path === '/' ? '' : path}`, detail }));
  return undefined;
}
