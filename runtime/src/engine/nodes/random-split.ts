import { drawUint32, pickWeighted } from '../random.ts';
import type { NodeRunner } from '../runner.ts';

// Seeded by the run and keyed by visit, so a replayed step picks the same arm and a friend who
// loops back through the split later gets an independent draw.
export const randomSplitRunner: NodeRunner<'randomSplit'> = {
  enter(node, ctx) {
    const { branches } = node.data;
    const index = pickWeighted(
      branches.map((b) => b.weight),
      drawUint32(ctx.seed, node.id, ctx.visit),
    );
    const branch = index === null ? undefined : branches[index];
    // No arms, or all at 0%: nothing to follow, so the run ends here like an unconnected arm.
    return branch ? { kind: 'continue', output: branch.id } : { kind: 'finish' };
  },
};
