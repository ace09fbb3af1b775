// Forward migrations of stored graphs. Step v turns a version-v document into version v+1: first
// the graph-level change (GRAPH_MIGRATIONS[v]), then each node's data through its own kind's
// `migrations[v]` (shared/src/nodes/<kind>.ts), as tldraw's shapes own theirs. They run on
// untrusted JSON before the shape check, so each must accept any value without throwing and leave
// what it does not understand for the shape check to report.

import type { NodeDataMigrations } from '../nodes/kind.ts';
import { isNodeType, type NodeType } from '../nodes/node-type.ts';
import { nodeKinds } from '../nodes/registry.ts';
import { isRecord } from './primitives.ts';
import { CURRENT_SCHEMA_VERSION } from './schema.ts';

type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;


/**
 * Version 0 is a graph saved before versioning: a bare React Flow export, whose edges may leave
 * through a null or missing `sourceHandle` when the node had a single unnamed handle. Version 1
 * names every handle; every single-output kind calls its output `next`.
 */
const fromV0: Migration = (doc) => {
  const edges = Array.isArray(doc.edges)
    ? doc.edges.map((edge: unknown) =>
        isRecord(edge) && (edge.sourceHandle === null || edge.sourceHandle === undefined)
          ? { ...edge, sourceHandle: 'next' }
          : edge,
      )
    : doc.edges;
  return { ...doc, schemaVersion: 1, edges };
};

/** Version 2 changed no graph-level shape: a wait's single `window` became a list of rules (wait.ts). */
const fromV1: Migration = (doc) => ({ ...doc, schemaVersion: 2 });

const GRAPH_MIGRATIONS: Readonly<Record<number, Migration>> = { 0: fromV0, 1: fromV1 };

/** Where each kind's data migrations come from; tests pass their own. */
export type KindMigrations = { readonly [K in NodeType]: { readonly migrations: NodeDataMigrations } };

/** Applies every kind's migration that leaves `version` to the data of its nodes. */
function migrateNodeData(doc: Record<string, unknown>, version: number, kinds: KindMigrations): Record<string, unknown> {
  if (!Array.isArray(doc.nodes)) return doc;
  const nodes = doc.nodes.map((node: unknown) => {
    if (!isRecord(node) || !isNodeType(node.type) || !isRecord(node.data)) return node;
    const migrate = kinds[node.type].migrations[version];
    return migrate ? { ...node, data: migrate(node.data) } : node;
  });
  return { ...doc, nodes };
}

/** The document at CURRENT_SCHEMA_VERSION, or undefined when no migration leaves some version. */
export function migrateGraph(doc: Record<string, unknown>, from: number, kinds: KindMigrations = nodeKinds): Record<string, unknown> | undefined {
  let migrated = doc;
  for (let version = from; version < CURRENT_SCHEMA_VERSION; version++) {
    const migrate = GRAPH_MIGRATIONS[version];
    if (!migrate) return undefined;
    migrated = migrateNodeData(migrate(migrated), version, kinds);
  }
  return migrated;
}
