import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { friends, inflowArrivals, inflowRoutes, tags } from '../db/schema/index.ts';
import { queueJob } from '../store/jobs.ts';
import { QUEUES } from '../store/queues.ts';
import type { RunContext } from '../runs/context.ts';
import { enqueueActivities } from '../runs/enqueue.ts';
import { changeFriendTags, recordTimeline, type FriendRow } from '../store/friends.ts';
import type { Tx } from '../store/tx.ts';
import { parseActions } from './actions.ts';

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
  const [route] = await tx.select().from(inflowRoutes)
    .where(and(eq(inflowRoutes.id, routeId), eq(inflowRoutes.workspaceId, friend.workspaceId), isNull(inflowRoutes.deletedAt)));
  if (!route) return false;
  const actions = parseActions(route.actions);
  const now = ctx.clock.now();
  // Serialises two arrivals of the same friend, so "first time only" cannot run twice.
  await tx.select({ id: friends.id }).from(friends).where(eq(friends.id, friend.id)).for('update');
  const [earlier] = await tx.select({ n: sql<number>`count(*)::int` }).from(inflowArrivals)
    .where(and(eq(inflowArrivals.inflowRouteId, route.id), eq(inflowArrivals.friendId, friend.id)));
  await tx.insert(inflowArrivals).values({ workspaceId: friend.workspaceId, inflowRouteId: route.id, friendId: friend.id, kind, at: now });
  const run = friend.status === 'active' && (actions.repeat === 'everyTime' || (earlier?.n ?? 0) === 0);
  await recordTimeline(tx, friend, 'inflow_arrived', { inflowRouteId: route.id, kind, actionsRun: run }, now);
  if (!run) return false;

  if (actions.tagIds.length > 0) {
    // A tag deleted since the route was saved is skipped, not an error.
    const live = await tx.select({ id: tags.id }).from(tags).where(and(eq(tags.workspaceId, friend.workspaceId), inArray(tags.id, actions.tagIds)));
    const added = await changeFriendTags(tx, friend, { add: live.map((tag) => tag.id) }, now);
    await enqueueActivities(ctx.boss, tx, added.map((tagId) => ({ friendId: friend.id, activity: { kind: 'tagAdded' as const, tagId } })));
  }
  if (actions.scenarioId) {
    await queueJob(ctx.boss, tx, QUEUES.enrol, { friendId: friend.id, scenarioId: actions.scenarioId, reason: 'manual' });
  }
  return true;
}
