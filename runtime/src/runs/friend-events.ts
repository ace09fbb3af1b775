import type { FriendActivity } from '../engine/types.ts';
import { blockFriend, lockFriendByLineUser, type FriendRow } from '../store/friends.ts';
import { queueJobs } from '../store/jobs.ts';
import { lockRuns, releaseHeldRuns, runIdsInProgress, waitingRunsOfFriends } from '../store/runs.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { activityMatches } from '../engine/nodes/wait-for-event.ts';
import { parseRunState } from '../engine/step.ts';
import { QUEUES } from '../store/queues.ts';
import { findOrAdoptFriends, takePendingInflows, touchLastReactions, writeFollows, type FollowWrite } from '../store/friend-ingest.ts';
import { advanceRuns } from './advance.ts';
import type { RunContext } from './context.ts';
import { enqueueWake } from './enqueue.ts';
import { replanFieldWaits } from './field-changes.ts';
import { enterScenarios, type Entry } from './triggers.ts';
import { arriveThroughRoute } from '../inflow/arrival.ts';
import { chunks } from '../chunks.ts';

// What friends' LINE events mean for the scenarios, for a whole batch at once. Each function runs
// inside the caller's transaction; `active` is false for standby-mode events, which update the
// friend but start and send nothing (another channel answers that chat).

export interface ChannelRef { id: string; workspaceId: string }

export interface FollowInput extends FollowWrite { active: boolean }

/**
 * Follows: friends recorded (multi-row), triggers entered in one batch, held runs resumed for those
 * who came back, and inflow routes' arrival actions. The followers' profiles are fetched after the
 * batch commits, by one job (a `{name}` send waits for the name or uses its fallback).
 */
export async function onFollows(tx: Tx, ctx: RunContext, channel: ChannelRef, follows: FollowInput[]): Promise<void> {
  if (follows.length === 0) return;
  const now = ctx.clock.now();
  const inflows = await takePendingInflows(tx, channel.id, follows.map((follow) => follow.lineUserId));
  const results = await writeFollows(tx, channel, follows, inflows, now);
  await queueProfileFetches(tx, ctx, results.map(({ friend }) => friend));
  const activeUsers = new Set(follows.filter((follow) => follow.active).map((follow) => follow.lineUserId));
  const entering = results.filter(({ friend, isNew, returning }) => activeUsers.has(friend.lineUserId) && (isNew || returning));
  const claimed = (lineUserId: string) => inflows.get(lineUserId) ?? null;
  await enterScenarios(tx, ctx, entering.map(({ friend, returning }) => ({
    friendId: friend.id, workspaceId: friend.workspaceId, event: { kind: 'friendAdded', returning, inflowRouteId: claimed(friend.lineUserId) },
  })));
  for (const { friend, returning } of entering) {
    if (returning) await resumeHeldRuns(tx, ctx, friend.id);
    const routeId = claimed(friend.lineUserId);
    if (routeId) await arriveThroughRoute(tx, ctx, friend, routeId, 'follow');
  }
}

/** Friends whose profiles one job fetches: as many as a webhook batch holds. */
const PROFILE_JOB_FRIENDS = 500;

/** These friends' profiles, fetched after the caller commits, a job per 500 friends (ingest/profiles.ts). */
export async function queueProfileFetches(tx: Tx, ctx: RunContext, pending: FriendRow[]): Promise<void> {
  const jobs = chunks(pending, PROFILE_JOB_FRIENDS).map((part) => ({ data: { friendIds: part.map((friend) => friend.id) } }));
  await queueJobs(ctx.boss, tx, QUEUES.profile, jobs);
}

/**
 * Runs held by a block continue where they were, unless a trigger just restarted that scenario
 * (its re-entry policy stopped the held run). A wait that fell due while blocked fires now; a date
 * wait re-plans first, as its date may have changed while the run was held.
 */
async function resumeHeldRuns(tx: Tx, ctx: RunContext, friendId: string) {
  const now = ctx.clock.now();
  const held = await releaseHeldRuns(tx, friendId);
  for (const run of held) {
    const at = run.wakeAt && run.wakeAt > now ? run.wakeAt : now;
    await enqueueWake(ctx.boss, tx, { runId: run.id, stepSeq: run.stepSeq }, at);
  }
  if (held.length) await replanFieldWaits(tx, ctx, [{ friendId, fieldIds: 'all' }]);
}

export async function onUnfollow(tx: Tx, ctx: RunContext, channel: ChannelRef, lineUserId: string) {
  const friend = await lockFriendByLineUser(tx, channel.id, lineUserId);
  if (!friend || friend.status === 'blocked') return;
  await blockFriend(tx, friend, ctx.clock.now());
  await holdOrEndRuns(tx, ctx, friend.id);
}

/**
 * Each run in progress hears the block: the engine holds it (resumed on return) or ends it, as the
 * trigger it entered by says (onBlock). Every run moves, so its pending wake-up goes stale.
 */
async function holdOrEndRuns(tx: Tx, ctx: RunContext, friendId: string) {
  const locked = await lockRuns(tx, await runIdsInProgress(tx, friendId));
  await advanceRuns(tx, ctx, locked.map((run) => ({ run, event: { kind: 'blocked' as const } })));
}

/** A message (text, sticker, image, …) or a postback from a friend. */
export type Reaction =
  | { kind: 'message'; lineUserId: string; active: boolean; messageType: string; text: string | undefined }
  | { kind: 'postback'; lineUserId: string; active: boolean; data: string };

/**
 * Messages and postbacks: the friends' last reaction and timelines written in one statement each,
 * then keyword/postback triggers and waiting runs in one batch. Any message counts as a reply
 * (a sticker too); only text can match a keyword.
 */
export async function onReactions(tx: Tx, ctx: RunContext, channel: ChannelRef, reactions: Reaction[]): Promise<void> {
  if (reactions.length === 0) return;
  const now = ctx.clock.now();
  const { byUser, adopted } = await findOrAdoptFriends(tx, channel, reactions.map((reaction) => reaction.lineUserId), now);
  await queueProfileFetches(tx, ctx, adopted);
  const friendOf = (reaction: Reaction) => byUser.get(reaction.lineUserId)!;
  await touchLastReactions(tx, reactions.map((reaction) => friendOf(reaction).id), now);
  await recordTimeline(tx, reactions.map((reaction) => ({
    friend: friendOf(reaction),
    event: reaction.kind === 'message'
      ? { kind: 'message_received' as const, detail: { text: reaction.text ?? null } }
      : { kind: 'postback_received' as const, detail: { data: reaction.data } },
    at: now,
  })));
  const live = reactions.filter((reaction) => reaction.active);
  const entries: Entry[] = live.flatMap((reaction): Entry[] => {
    const friend = friendOf(reaction);
    if (reaction.kind === 'postback') return [{ friendId: friend.id, workspaceId: friend.workspaceId, event: { kind: 'postback', data: reaction.data } }];
    return reaction.text === undefined ? [] : [{ friendId: friend.id, workspaceId: friend.workspaceId, event: { kind: 'keyword', text: reaction.text } }];
  });
  await enterScenarios(tx, ctx, entries);
  await deliverActivities(tx, ctx, live.map((reaction) => ({
    friendId: friendOf(reaction).id,
    activity: reaction.kind === 'message' ? { kind: 'replied' as const, text: reaction.text ?? '' } : { kind: 'postback' as const, data: reaction.data },
  })));
}

/**
 * The batch form: every waiting run of these friends is offered its friend's activities; the engine
 * moves only those parked at a wait-for-event node that matches.
 */
export async function deliverActivities(tx: Tx, ctx: RunContext, items: Array<{ friendId: string; activity: FriendActivity }>) {
  if (items.length === 0) return;
  const waiting = await waitingRunsOfFriends(tx, [...new Set(items.map((item) => item.friendId))]);
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
