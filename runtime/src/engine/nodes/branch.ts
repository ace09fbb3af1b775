import { ELSE_OUTPUT_ID, evaluateCondition } from '@lsb/shared';
import type { NodeRunner } from '../runner.ts';

// Evaluated when the run reaches the branch, over the facts as they are at that moment (including
// this step's own tag and field changes), not as they were when the friend entered the scenario.
export const branchRunner: NodeRunner<'branch'> = {
  enter(node, ctx) {
    const facts = ctx.facts.current();
    const context = { now: ctx.now, timeZone: ctx.timeZone };
    const match = node.data.cases.find((c) => evaluateCondition(c.condition, facts, context));
    return { kind: 'continue', output: match ? match.id : ELSE_OUTPUT_ID };
  },
};
