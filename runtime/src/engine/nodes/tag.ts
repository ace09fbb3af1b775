import { NEXT_OUTPUT_ID } from '@lsb/shared';
import type { NodeRunner } from '../runner.ts';

// Adds before removes, in this order in the effects too, so a tag in both lists ends up removed
// (shared/src/nodes/tag.ts) both in the database and in the facts the rest of the step sees.
export const tagRunner: NodeRunner<'tag'> = {
  enter(node, ctx) {
    const { add, remove } = node.data;
    if (add.length > 0) {
      ctx.emit({ kind: 'addTags', tagIds: [...add] });
      ctx.facts.addTags(add);
    }
    if (remove.length > 0) {
      ctx.emit({ kind: 'removeTags', tagIds: [...remove] });
      ctx.facts.removeTags(remove);
    }
    return { kind: 'continue', output: NEXT_OUTPUT_ID };
  },
};
