import { and, eq, inArray } from 'drizzle-orm';
import { friends, pendingInflows, runs } from '../db/schema/index.ts';
import type { FriendActivity } from '../engine/types.ts';
import { blockFriend, followFriend, touchLastReaction, type FriendRow } from '../store/friends.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { activityMatches } from '../engine/nodes/wait-for-event.ts';
import { parseRunState } from '../engine/step.ts';
import { advanceRuns, lockRuns } from './advance.ts';
import type { LineProfile, RunContext } from './context.ts';
import { enqueueWake } from './enqueue.ts';
import { replanFieldWaits } from './field-changes.ts';
import { fireTriggers } from './triggers.ts';
import { arriveThroughRoute } from '../inflow/arrival.ts';

// What a friend's LINE events mean for the scenarios. Each function runs inside the caller's
// transaction; `active` is false for standby-mode events, which update the friend but start and
// send nothing (another channel answers that chat).

interface ChannelRef { id: string; workspaceId: string }

export async function onFollow(tx: Tx, ctx: RunContext, channel: ChannelRef, lineUserId: string, profile: LineProfile | null, active: boolean) {
  const now = ctx.clock.now();
  const inflowRouteId = await takePendingInflow(tx, channel.id, lineUserId);
  const { friend, isNew, returning } = await followFriend(tx, {
    workspaceId: channel.workspaceId, channelId: channel.id, lineUserId,
    displayName: profile?.displayName ?? '', pictureUrl: profile?.pictureUrl ?? null, inflowRouteId, at: now,
  });
  if (!active || (!isNew && !returning)) return friend;
  await fireTriggers(tx, ctx, friend, { kind: 'friendAdded', returning, inflowRouteId });
  if (returning) await resumeHeldRuns(tx, ctx, friend.id);
  if (inflowRouteId) await arriveThroughRoute(tx, ctx, friend, inflowRouteId, 'follow');
  return friend;
}

/**
 * Runs held by a block continue where they were, unless a trigger just restarted that scenario
 * (its re-entry policy stopped the held run). A wait that fell due while blocked fires now; a date
 * wait re-plans first, as its date may have changed while the run was held.
 */
async function resumeHeldRuns(tx: Tx, ctx: RunContext, friendId: string) {
  const now = ctx.clock.now();
  const held = await tx.update(runs).set({ status: 'waiting' })
    .where(and(eq(runs.friendId, friendId), eq(runs.status, 'held'))).returning();
  for (const run of held) {
    const at = run.wakeAt && run.wakeAt > now ? run.wakeAt : now;
    await enqueueWake(ctx.boss, tx, { runId: run.id, stepSeq: run.stepSeq }, at);
  }
  if (held.length) await replanFieldWaits(tx, ctx, [{ friendId, fieldIds: 'all' }]);
}

export async function onUnfollow(tx: Tx, ctx: RunContext, channel: ChannelRef, lineUserId: string) {
  const friend = await findFriend(tx, channel.id, lineUserId);
  if (!friend || friend.status === 'blocked') return;
  await blockFriend(tx, friend, ctx.clock.now());
  await holdOrEndRuns(tx, ctx, friend.id);
}

/**
 * Each run in progress hears the block: the engine holds it (resumed on return) or ends it, as the
 * trigger it entered by says (onBlock). Every run moves, so its pending wake-up goes stale.
 */
async function holdOrEndRuns(tx: Tx, ctx: RunContext, friendId: string) {
  const inProgress = await tx.select({ id: runs.id }).from(runs)
    .where(and(eq(runs.friendId, friendId), inArray(runs.status, ['running', 'waiting'])));
  const locked = await lockRuns(tx, inProgress.map((run) => run.id));
  await advanceRuns(tx, ctx, locked.map((run) => ({ run, event: { kind: 'blocked' as const } })));
}

export async function onMessage(tx: Tx, ctx: RunContext, channel: ChannelRef, lineUserId: string, text: string | undefined, active: boolean) {
  const friend = await findOrAdoptFriend(tx, ctx, channel, lineUserId);
  const now = ctx.clock.now();
  await touchLastReaction(tx, friend.id, now);
  await recordTimeline(tx, [{ friend, event: { kind: 'message_received', detail: { text: text ?? null } }, at: now }]);
  if (!active || text === undefined) return;
  await fireTriggers(tx, ctx, friend, { kind: 'keyword', text });
  await deliverActivity(tx, ctx, friend.id, { kind: 'replied', text });
}

export async function onPostback(tx: Tx, ctx: RunContext, channel: ChannelRef, lineUserId: string, data: string, active: boolean) {
  const friend = await findOrAdoptFriend(tx, ctx, channel, lineUserId);
  const now = ctx.clock.now();
  await touchLastReaction(tx, friend.id, now);
  await recordTimeline(tx, [{ friend, event: { kind: 'postback_received', detail: { data } }, at: now }]);
  if (!active) return;
  await fireTriggers(tx, ctx, friend, { kind: 'postback', data });
  await deliverActivity(tx, ctx, friend.id, { kind: 'postback', data });
}

/** Moves every run of the friend that waits at a wait-for-event node for this activity. */
export async function deliverActivity(tx: Tx, ctx: RunContext, friendId: string, activity: FriendActivity) {
  await deliverActivities(tx, ctx, [{ friendId, activity }]);
}

/**
 * The batch form: every waiting run of these friends is offered its friend's activities; the engine
 * moves only those parked at a wait-for-event node that matches.
 */
export async function deliverActivities(tx: Tx, ctx: RunContext, items: Array<{ friendId: string; activity: FriendActivity }>) {
  if (items.length === 0) return;
  const waiting = await tx.select({ id: runs.id }).from(runs)
    .where(and(inArray(runs.friendId, [...new Set(items.map((item) => item.friendId))]), eq(runs.status, 'waiting')));
  const locked = (await lockRuns(tx, waiting.map((run) => run.id))).filter((run) => run.status === 'waiting');
  // One activity per run per batch (a second would step from the row as it was before the first):
  // the first that the run's wait-for-event node is waiting for.
  const offers = locked.flatMap((run) => {
    const waitingFor = parseRunState(run.state, run.status).waitingFor;
    const match = items.find((item) => item.friendId === run.friendId && (!waitingFor || activityMatches(waitingFor, item.activity)));
    return match ? [{ run, event: { kind: 'activity' as const, activity: match.activity } }] : [];
  });
  await advanceRuns(tx, ctx, offers);
}

async function findFriend(tx: Tx, channelId: string, lineUserId: string): Promise<FriendRow | undefined> {
  const [row] = await tx.select().from(friends).where(and(eq(friends.channelId, channelId), eq(friends.lineUserId, lineUserId)));
  return row;
}

/** A message from someone we have no record of (added before we were connected): record them, start nothing. */
async function findOrAdoptFriend(tx: Tx, ctx: RunContext, channel: ChannelRef, lineUserId: string): Promise<FriendRow> {
  const existing = await findFriend(tx, channel.id, lineUserId);
  if (existing) return existing;
  const { friend } = await followFriend(tx, {
    workspaceId: channel.workspaceId, channelId: channel.id, lineUserId, displayName: '', at: ctx.clock.now(),
  });
  return friend;
}

/** The inflow route a friend arrived through, claimed once by their follow. */
async function takePendingInflow(tx: Tx, channelId: string, lineUserId: string): Promise<string | null> {
  const [claim] = await tx.delete(pendingInflows)
    .where(and(eq(pendingInflows.channelId, channelId), eq(pendingInflows.lineUserId, lineUserId)))
    .returning({ routeId: pendingInflows.inflowRouteId });
  return claim?.routeId ?? null;
}
