import { assertNever, DONE_OUTPUT_ID, nextWakeAt, TIMEOUT_OUTPUT_ID, type WaitForEventData } from '@lsb/shared';
import type { NodeRunner } from '../runner.ts';
import type { FriendActivity, WaitingFor } from '../types.ts';

export function waitingForOf(data: WaitForEventData): WaitingFor {
  switch (data.event) {
    case 'linkClicked':
      return data.linkId === undefined ? { event: 'linkClicked' } : { event: 'linkClicked', linkId: data.linkId };
    case 'replied':
      return { event: 'replied' };
    case 'postback':
      return data.data === undefined ? { event: 'postback' } : { event: 'postback', data: data.data };
    case 'tagAdded':
      return { event: 'tagAdded', tagId: data.tagId };
    case 'conversion':
      return data.pointId === undefined ? { event: 'conversion' } : { event: 'conversion', pointId: data.pointId };
    default:
      return assertNever(data);
  }
}

/** Whether this activity is what the run waits for; an absent link id or postback data means any. */
export function activityMatches(waitingFor: WaitingFor, activity: FriendActivity): boolean {
  switch (waitingFor.event) {
    case 'linkClicked':
      return activity.kind === 'linkClicked' && (waitingFor.linkId === undefined || waitingFor.linkId === activity.linkId);
    case 'replied':
      return activity.kind === 'replied';
    case 'postback':
      return activity.kind === 'postback' && (waitingFor.data === undefined || waitingFor.data === activity.data);
    case 'tagAdded':
      return activity.kind === 'tagAdded' && waitingFor.tagId === activity.tagId;
    case 'conversion':
      return activity.kind === 'conversion' && (waitingFor.pointId === undefined || waitingFor.pointId === activity.pointId);
    case 'profile':
      return false;
    default:
      return assertNever(waitingFor);
  }
}

export const waitForEventRunner: NodeRunner<'waitForEvent'> = {
  enter(node, ctx) {
    // The timeout is an elapsed wait without a window: days keep the wall-clock time across DST.
    const { amount, unit } = node.data.timeout;
    const wakeAt = nextWakeAt({ mode: 'elapsed', amount, unit }, { enteredAt: ctx.now, timeZone: ctx.timeZone, fieldValues: {} });
    if (!wakeAt) throw new Error(`nextWakeAt gave no timeout for wait-for-event ${node.id}`);
    return { kind: 'pause', wakeAt, waitingFor: waitingForOf(node.data) };
  },
  wake: () => TIMEOUT_OUTPUT_ID,
  activity: (waitingFor, activity) => (activityMatches(waitingFor, activity) ? DONE_OUTPUT_ID : null),
  waitingFor: (node) => waitingForOf(node.data),
};
