import type { TSchema } from 'typebox';
import type { Catalogue, Reference } from '../graph/catalogue.ts';
import type { SharedKey, SharedText, Translate } from '../i18n/text.ts';
import type { NodeType } from './node-type.ts';

/**
 * One output handle of a node. `required` outputs must be connected to publish; an optional one
 * left unconnected simply ends the run there, as in Lステップ.
 */
export interface NodeOutput {
  id: string;
  label: SharedText;
  required: boolean;
}

/**
 * Turns a node's data as stored in a version-v graph into what version v+1 expects. It runs on
 * untrusted JSON before the schema check: it must accept any record without throwing and leave
 * what it does not understand for the check to report.
 */
export type NodeDataMigration = (data: Record<string, unknown>) => Record<string, unknown>;

/** A kind's data migrations by the graph schemaVersion they leave; parseFlowGraph runs them in order. */
export type NodeDataMigrations = Readonly<Partial<Record<number, NodeDataMigration>>>;

/** Everything the editor, validator and runtime need to know about one node kind. */
export interface NodeKindDefinition<T extends NodeType, D> {
  type: T;
  /** TypeBox schema of `node.data`; parseFlowGraph checks every node against it. */
  dataSchema: TSchema;
  /** How older stored data of this kind becomes today's (`{}` while the shape never changed). */
  migrations: NodeDataMigrations;
  /** The kind's name in the palette, on cards and in the inspector. */
  label: SharedKey;
  defaults(): D;
  outputs(data: D): NodeOutput[];
  /** Whether a run stops here until time passes or an event arrives (breaks instant loops). */
  pauses: boolean;
  /** Whether edges may enter this node (triggers are entry points only). */
  acceptsInput: boolean;
  /** Ids of tags, fields, routes, scenarios and links the data points at. */
  references(data: D): Reference[];
  /** One line for the node card in the language of `t`, resolved against the catalogue when given. */
  summary(data: D, t: Translate, catalogue?: Catalogue): string;
}

export const NEXT_OUTPUT_ID = 'next';

export function nextOutput(required: boolean): NodeOutput {
  return { id: NEXT_OUTPUT_ID, label: { key: 'term.next' }, required };
}

/** An output labelled with the marketer's own words, the same in every language. */
export function namedLabel(label: string): SharedText {
  return { key: 'output.named', params: { label } };
}
