import { Type, type Static } from 'typebox';
import type { NodeKindDefinition } from './kind.ts';

export const EndData = Type.Object({});
export type EndData = Static<typeof EndData>;

/** Finishes the run explicitly; an unconnected optional output ends the run the same way. */
export const endKind: NodeKindDefinition<'end', EndData> = {
  type: 'end',
  dataSchema: EndData,
  migrations: {},
  label: 'node.end.label',
  defaults: () => ({}),
  outputs: () => [],
  pauses: false,
  acceptsInput: true,
  references: () => [],
  summary: (_data, t) => t('node.end.summary'),
};
