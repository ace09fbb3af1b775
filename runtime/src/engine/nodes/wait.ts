import { NEXT_OUTPUT_ID, nextWakeAt, SKIPPED_OUTPUT_ID } from '@lsb/shared';
import type { FlowNodeOf } from '@lsb/shared';
import type { NodeRunner, Outcome, ReplanContext } from '../runner.ts';

// The moment is computed by shared's nextWakeAt (luxon over IANA zones), the same function the
// editor previews with, so "1 day later at 10:00" means the same thing on the canvas and here.
export const waitRunner: NodeRunner<'wait'> = {
  enter: plan,
  wake: () => NEXT_OUTPUT_ID,
  // "3 days before 予約日 at 18:00" follows the date: planned again from now with the new value, so a
  // date moved into the past (or cleared) leaves by `skipped` instead of firing late or never.
  replan(node, ctx, fieldIds) {
    if (node.data.mode !== 'relativeToField' || !fieldIds.includes(node.data.fieldId)) return null;
    return plan(node, ctx);
  },
};

function plan(node: FlowNodeOf<'wait'>, ctx: ReplanContext): Outcome {
  const wakeAt = nextWakeAt(node.data, {
    enteredAt: ctx.now,
    timeZone: ctx.timeZone,
    // The facts as of now: a setField just upstream (予約日 saved a moment ago) counts.
    fieldValues: ctx.facts.fieldValues(),
  });
  if (wakeAt) return { kind: 'pause', wakeAt, waitingFor: null };
  if (node.data.mode === 'relativeToField') return { kind: 'continue', output: SKIPPED_OUTPUT_ID };
  // nextWakeAt only answers null for elapsed/dayAt when the zone is invalid, which step() has
  // already refused; failing loudly beats silently skipping a friend's wait.
  throw new Error(`nextWakeAt gave no moment for ${node.data.mode} wait ${node.id}`);
}
