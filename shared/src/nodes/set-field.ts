import { Type, type Static } from 'typebox';
import { nameOf } from '../graph/catalogue.ts';
import { assertNever, Id } from '../graph/primitives.ts';
import { nextOutput, type NodeKindDefinition } from './kind.ts';

/**
 * set: text, choice and date fields take a string (dates as `YYYY-MM-DD`), number fields a number;
 * increment: number fields only, an empty field counting as 0; clear: empties any field.
 */
export const SetFieldData = Type.Union([
  Type.Object({ op: Type.Literal('set'), fieldId: Id, value: Type.Union([Type.String({ maxLength: 1000 }), Type.Number()]) }),
  Type.Object({ op: Type.Literal('increment'), fieldId: Id, by: Type.Number() }),
  Type.Object({ op: Type.Literal('clear'), fieldId: Id }),
]);
export type SetFieldData = Static<typeof SetFieldData>;

export const setFieldKind: NodeKindDefinition<'setField', SetFieldData> = {
  type: 'setField',
  dataSchema: SetFieldData,
  migrations: {},
  label: 'node.setField.label',
  defaults: () => ({ op: 'set', fieldId: '', value: '' }),
  outputs: () => [nextOutput(false)],
  pauses: false,
  acceptsInput: true,
  references: (data) => {
    switch (data.op) {
      case 'set':
        return [
          {
            kind: 'field',
            id: data.fieldId,
            fieldKinds: typeof data.value === 'number' ? ['number'] : ['text', 'choice', 'date'],
          },
        ];
      case 'increment':
        return [{ kind: 'field', id: data.fieldId, fieldKinds: ['number'] }];
      case 'clear':
        return [{ kind: 'field', id: data.fieldId }];
      default:
        return assertNever(data);
    }
  },
  summary(data, t, catalogue) {
    const field = nameOf(catalogue, 'field', data.fieldId);
    switch (data.op) {
      case 'set':
        return t('node.setField.set', { field, value: data.value });
      case 'increment':
        return t('node.setField.increment', { field, by: data.by });
      case 'clear':
        return t('node.setField.clear', { field });
      default:
        return assertNever(data);
    }
  },
};
