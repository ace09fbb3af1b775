import { assertNever, NEXT_OUTPUT_ID, type SetFieldData } from '@lsb/shared';
import type { NodeRunner } from '../runner.ts';
import type { WorkingFacts } from '../facts.ts';

// The effect carries the resulting value, not the operation: a replayed step (crash before
// commit) writes the same number again instead of incrementing twice.
export const setFieldRunner: NodeRunner<'setField'> = {
  enter(node, ctx) {
    const value = newValue(node.data, ctx.facts);
    ctx.emit({ kind: 'setField', fieldId: node.data.fieldId, value });
    ctx.facts.setField(node.data.fieldId, value);
    return { kind: 'continue', output: NEXT_OUTPUT_ID };
  },
};

function newValue(data: SetFieldData, facts: WorkingFacts): string | number | null {
  switch (data.op) {
    case 'set':
      return data.value;
    case 'increment': {
      // An empty field counts as 0 (shared/src/nodes/set-field.ts); so does a value that is not a
      // finite number, which only a field retyped after the fact can hold.
      const current = facts.fieldValue(data.fieldId);
      const base = typeof current === 'number' && Number.isFinite(current) ? current : 0;
      return base + data.by;
    }
    case 'clear':
      return null;
    default:
      return assertNever(data);
  }
}
