import { applyDeliveryWindows, capPolicyOf, findPlaceholders, impersonalRendering, NEXT_OUTPUT_ID, personalisableTexts, renderMessages, type DeliveryWindowRule, type MessageDraft, type SendData } from '@lsb/shared';
import { DateTime } from 'luxon';
import { REENTER_NODE, type NodeRunner, type StepContext } from '../runner.ts';

// Rendered here, at the moment the run passes, so `{field:…}` shows what a setField just upstream
// wrote, and `{link:…}` becomes this friend's signed click URL for this run. Delivery itself is the outbox's job: (nodeId, visit) makes its retry key, so a replayed
// step cannot send twice while a later visit of the same node sends again.
export const sendRunner: NodeRunner<'send'> = {
  enter(node, ctx) {
    // A name LINE has not given yet is never sent as an empty string: without a declared fallback
    // (`{name|お客様}`) the run waits here; the profile fetch wakes it (ingest/profiles.ts), and
    // the timer is only a backstop.
    if (!ctx.nameKnown && node.data.messages.some(needsName)) {
      return { kind: 'pause', wakeAt: new Date(ctx.now.getTime() + NAME_RECHECK_MS), waitingFor: { event: 'profile' } };
    }
    // The message cap (配信上限): a transactional send goes anyway; otherwise the node says whether
    // the run waits here for the next day (or week) or leaves without sending.
    const capPolicy = capPolicyOf(node.data);
    if (capPolicy !== 'always' && ctx.cap.full()) {
      if (capPolicy === 'skip') {
        ctx.emit({ kind: 'sendCapped', nodeId: node.id, outcome: 'skipped' });
        return { kind: 'continue', output: NEXT_OUTPUT_ID };
      }
      const until = ctx.cap.opensAt(ctx.now, ctx.timeZone);
      ctx.emit({ kind: 'sendCapped', nodeId: node.id, outcome: 'held', until: until.toISOString() });
      return { kind: 'pause', wakeAt: until, waitingFor: null };
    }
    const messages = impersonalRendering(node.data.messages) ?? renderMessages(node.data.messages, {
      displayName: ctx.displayName,
      fields: ctx.facts.fieldValues(),
      ...(ctx.clickBaseUrl === undefined ? {} : { clickBaseUrl: ctx.clickBaseUrl }),
    });
    // A send with no messages is a draft mistake the validator refuses; sending [] would be a 400.
    if (messages.length > 0) {
      const dueAt = dueAtFor(node.data, ctx);
      ctx.cap.take();
      // `hold` is the outbox row's default, so effects of sends without a cap choice stay as they were.
      ctx.emit({
        kind: 'send', nodeId: node.id, visit: ctx.visit, messages, ...(capPolicy === 'hold' ? {} : { capPolicy }), ...(dueAt ? { dueAt } : {}),
        // The node's own LINE unit; without one the step writer derives it from (scenario, node).
        ...(node.data.aggregationUnit ? { aggregationUnit: node.data.aggregationUnit } : {}),
      });
    }
    return { kind: 'continue', output: NEXT_OUTPUT_ID };
  },
  wake: () => REENTER_NODE,
};

/** How long a send waiting for the friend's name waits before looking again by itself. */
export const NAME_RECHECK_MS = 10 * 60_000;

/** Whether a message shows the friend's name with no fallback to show instead. */
export function needsName(draft: MessageDraft): boolean {
  return personalisableTexts(draft).some((text) => findPlaceholders(text).some((p) => p.kind === 'name' && p.fallback === ''));
}

/** The rules a send keeps to: its own, none (opted out), or the workspace's (the default). */
export function sendWindows(data: SendData, workspace: readonly DeliveryWindowRule[]): readonly DeliveryWindowRule[] {
  const delivery = data.delivery ?? { mode: 'workspace' as const };
  if (delivery.mode === 'off') return [];
  return delivery.mode === 'custom' ? delivery.windows : workspace;
}

/** Outside its windows a message is held until the next opening (the run goes on meanwhile). */
function dueAtFor(data: SendData, ctx: StepContext): string | undefined {
  const rules = sendWindows(data, ctx.deliveryWindows);
  if (rules.length === 0) return undefined;
  const now = DateTime.fromJSDate(ctx.now, { zone: ctx.timeZone });
  const due = applyDeliveryWindows(now, rules);
  return due > now ? due.toJSDate().toISOString() : undefined;
}
