import { assertNever, NEXT_OUTPUT_ID } from '@lsb/shared';
import type { NodeRunner } from '../runner.ts';

// The other scenario's re-entry policy and its runs live in the database, so the engine only asks;
// the interpreter decides whether a start actually enrols the friend.
export const scenarioControlRunner: NodeRunner<'scenarioControl'> = {
  enter(node, ctx) {
    const { action, scenarioId } = node.data;
    switch (action) {
      case 'start':
        ctx.emit({ kind: 'startScenario', scenarioId });
        break;
      case 'stop':
        ctx.emit({ kind: 'stopScenario', scenarioId });
        break;
      default:
        return assertNever(action);
    }
    return { kind: 'continue', output: NEXT_OUTPUT_ID };
  },
};
