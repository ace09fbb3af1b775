import { NEXT_OUTPUT_ID, renderMessages } from '@lsb/shared';
import type { NodeRunner } from '../runner.ts';

// Rendered here, at the moment the run passes, so `{field:…}` shows what a setField just upstream
// wrote, and `{link:…}` becomes this friend's signed click URL for this run. Delivery itself is the outbox's job: (nodeId, visit) makes its retry key, so a replayed
// step cannot send twice while a later visit of the same node sends again.
export const sendRunner: NodeRunner<'send'> = {
  enter(node, ctx) {
    const messages = renderMessages(node.data.messages, {
      displayName: ctx.displayName,
      fields: ctx.facts.fieldValues(),
      ...(ctx.clickBaseUrl === undefined ? {} : { clickBaseUrl: ctx.clickBaseUrl }),
    });
    // A send with no messages is a draft mistake the validator refuses; sending [] would be a 400.
    if (messages.length > 0) ctx.emit({ kind: 'send', nodeId: node.id, visit: ctx.visit, messages });
    return { kind: 'continue', output: NEXT_OUTPUT_ID };
  },
};
