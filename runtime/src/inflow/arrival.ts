import { queueJob } from '../store/jobs.ts';
import { QUEUES } from '../store/queues.ts';
import type { RunContext } from '../runs/context.ts';
import { enqueueActivities } from '../runs/enqueue.ts';
import { changeFriendTags, type FriendRow } from '../store/friends.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { existingTagIds, findLiveRoute, recordArrival } from '../store/inflow.ts';
import { parseActions } from '../store/inflow-actions.ts';

export type ArrivalKind = 'follow' | 'landing';

/**
 * A friend arrived through a route: by following (the follow claimed the route's pending inflow)
 * or by opening the route while already a friend. Records the arrival and, unless the route runs
 * its actions on the first arrival only and this is not it, applies them through the product's
 * normal paths in the caller's transaction: tags as an operator adds them (tag triggers and
 * wait-for-event nodes hear them), the scenario by manual enrolment (its trigger's re-entry
 * policy applies). Returns whether the actions ran.
 */
export async function arriveThroughRoute(tx: Tx, ctx: RunContext, friend: FriendRow, routeId: string, kind: ArrivalKind): Promise<boolean> {
  const route = await findLiveRoute(tx, friend.workspaceId, routeId);
  if (!route) return false;
  const actions = parseActions(route.actions);
  const now = ctx.clock.now();
  // Serialised per friend (recordArrival locks the friend), so "first time only" cannot run twice.
  const earlier = await recordArrival(tx, friend, route.id, kind, now);
  const run = friend.status === 'active' && (actions.repeat === 'everyTime' || earlier === 0);
  await recordTimeline(tx, [{ friend, event: { kind: 'inflow_arrived', detail: { inflowRouteId: route.id, kind, actionsRun: run } }, at: now }]);
  if (!run) return false;

  if (actions.tagIds.length > 0) {
    // A tag deleted since the route was saved is skipped, not an error.
    const added = await changeFriendTags(tx, friend, { add: await existingTagIds(tx, friend.workspaceId, actions.tagIds) }, now);
    await enqueueActivities(ctx.boss, tx, added.map((tagId) => ({ friendId: friend.id, activity: { kind: 'tagAdded' as const, tagId } })));
  }
  if (actions.scenarioId) {
    await queueJob(ctx.boss, tx, QUEUES.enrol, { friendId: friend.id, scenarioId: actions.scenarioId, reason: 'manual' });
  }
  return true;
}
