import { Type, type Static } from 'typebox';
import type { NodeKindDefinition } from './kind.ts';

export const EndData = Type.Object({});
export type EndData = Static<typeof EndData>;

/** Finishes the run explicitly; an unconnected optional output ends the run the same way. */
export const endKind: NodeKindDefinition<'end', EndData> = {
  type: 'end',
  dataSchema: EndData,
  label: { ja: '終了', en: 'End' },
  defaults: () => ({}),
  outputs: () => [],
  pauses: false,
  acceptsInput: true,
  references: () => [],
  summary: () => ({ ja: 'シナリオ終了', en: 'End of scenario' }),
};
