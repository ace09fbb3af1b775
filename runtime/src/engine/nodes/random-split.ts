import { drawUint32, pickWeighted } from '../random.ts';
import type { NodeRunner } from '../runner.ts';

// Seeded by the run and keyed by visit, so a replayed step picks the same arm and a friend who
// loops back through the split later gets an independent draw.
export const randomSplitRunner: NodeRunner<'randomSplit'> = {
  enter(node, ctx) {
    const { branches } = node.data;
    // A decided winner (automatic or chosen on the analytics page) takes every later friend.
    const winner = Object.hasOwn(ctx.splitWinners, node.id) ? ctx.splitWinners[node.id] : undefined;
    if (winner !== undefined && branches.some((b) => b.id === winner)) return { kind: 'continue', output: winner };
    const index = pickWeighted(
      branches.map((b) => b.weight),
      drawUint32(ctx.seed, node.id, ctx.visit),
    );
    const branch = index === null ? undefined : branches[index];
    // No arms, or all at 0%: nothing to follow, so the run ends here like an unconnected arm.
    return branch ? { kind: 'continue', output: branch.id } : { kind: 'finish' };
  },
};
