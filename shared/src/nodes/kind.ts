import type { TSchema } from 'typebox';
import type { Catalogue, Reference } from '../graph/catalogue.ts';
import type { Localized } from '../i18n/localized.ts';
import type { NodeType } from './node-type.ts';

/**
 * One output handle of a node. `required` outputs must be connected to publish; an optional one
 * left unconnected simply ends the run there, as in Lステップ.
 */
export interface NodeOutput {
  id: string;
  label: Localized;
  required: boolean;
}

/** Everything the editor, validator and runtime need to know about one node kind. */
export interface NodeKindDefinition<T extends NodeType, D> {
  type: T;
  /** TypeBox schema of `node.data`; parseFlowGraph checks every node against it. */
  dataSchema: TSchema;
  label: Localized;
  defaults(): D;
  outputs(data: D): NodeOutput[];
  /** Brings data stored by older code to the current shape before the schema check (never throws). */
  migrate?: (data: unknown) => unknown;
  /** Whether a run stops here until time passes or an event arrives (breaks instant loops). */
  pauses: boolean;
  /** Whether edges may enter this node (triggers are entry points only). */
  acceptsInput: boolean;
  /** Ids of tags, fields, routes, scenarios and links the data points at. */
  references(data: D): Reference[];
  /** One line for the node card, resolved against the catalogue when given. */
  summary(data: D, catalogue?: Catalogue): Localized;
}

export const NEXT_OUTPUT_ID = 'next';

export function nextOutput(required: boolean): NodeOutput {
  return { id: NEXT_OUTPUT_ID, label: { ja: '次へ', en: 'Next' }, required };
}
