import type { FastifyInstance } from 'fastify';
import type { TimelineKind } from '@lsb/shared/api';
import { followEvent } from '../line/fake/index.ts';
import type { WebhookEvent } from '../line/schemas/index.ts';
import { signWebhookBody } from '../line/signature.ts';
import { enqueueWake } from '../runs/enqueue.ts';
import { badRequest, notFound } from '../errors.ts';
import { findFakeChannel } from '../store/channels.ts';
import { findFriendByLineUser, getFriendRow, listChannelFriends, lockFriend, setClockOffset, type FriendRow } from '../store/friends.ts';
import { findRoute, savePendingInflow } from '../store/inflow.ts';
import { waitingRunsOf } from '../store/runs.ts';
import { heldSendsOf, releaseSends, sentMessagesOf } from '../store/sends.ts';
import { recordTimeline, timelineOfKind } from '../store/timeline.ts';

export { toFriendSummary } from '../store/friends.ts';

// The demo's simulator: virtual friends of the workspace's fake LINE channel. Every action goes
// through the real path: a LINE-shaped webhook event, signed with the channel secret, posted to the
// runtime's webhook endpoint, then processed by the same workers as real LINE traffic.

export async function fakeChannelOf(app: FastifyInstance, workspaceId: string) {
  const channel = await findFakeChannel(app.db, workspaceId);
  if (!channel) throw notFound('fake_channel');
  return channel;
}

/** The virtual friends: the friends of the workspace's fake channel, newest first. */
export async function listVirtualFriends(app: FastifyInstance, workspaceId: string) {
  return listChannelFriends(app.db, workspaceId, (await fakeChannelOf(app, workspaceId)).id);
}

/** Posts events to our own webhook exactly as LINE would: raw JSON, signed with the channel secret. */
export async function postSignedWebhook(app: FastifyInstance, channelId: string, events: WebhookEvent[]): Promise<void> {
  const credentials = await app.channelCredentials.get(channelId);
  if (!credentials) throw notFound('channel');
  const body = JSON.stringify({ destination: `U${'0'.repeat(32)}`, events });
  const signature = signWebhookBody(body, credentials.channelSecret);
  const response = await app.inject({
    method: 'POST',
    url: `/webhooks/line/${channelId}`,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-line-signature': signature },
    payload: body,
  });
  if (response.statusCode !== 200) throw new Error(`webhook answered ${response.statusCode}: ${response.body}`);
}

/** How long awaitFriend waits for the webhook worker: 300 polls 50 ms apart, 15 seconds. */
const FRIEND_POLLS = 300;
const FRIEND_POLL_MS = 50;

/**
 * Waits (bounded) for the webhook worker to record the friend and for their profile job to write
 * the name, so the caller gets a real row back with the name they gave.
 */
async function awaitFriend(app: FastifyInstance, channelId: string, lineUserId: string): Promise<FriendRow> {
  for (let attempt = 0; attempt < FRIEND_POLLS; attempt++) {
    const row = await findFriendByLineUser(app.db, channelId, lineUserId);
    if (row && row.profileStatus !== 'pending') return row;
    await app.clock.sleep(FRIEND_POLL_MS);
  }
  throw new Error('the follow event was not processed in time');
}

export async function addVirtualFriend(app: FastifyInstance, workspaceId: string, input: { displayName: string; inflowRouteId?: string | undefined }) {
  const channel = await fakeChannelOf(app, workspaceId);
  const lineUserId = app.fakeLine.users.register({ displayName: input.displayName }).userId;
  if (input.inflowRouteId) {
    const route = await findRoute(app.db, input.inflowRouteId);
    if (route?.workspaceId !== workspaceId) throw badRequest('unknown_inflow_route', 'No such inflow route in this workspace.');
    await savePendingInflow(app.db, { workspaceId, channelId: channel.id, lineUserId, inflowRouteId: route.id }, app.clock.now());
  }
  await postSignedWebhook(app, channel.id, [followEvent({ userId: lineUserId, timestamp: app.clock.now().getTime() })]);
  return awaitFriend(app, channel.id, lineUserId);
}

export async function virtualFriend(app: FastifyInstance, workspaceId: string, friendId: string) {
  const friend = await getFriendRow(app.db, workspaceId, friendId);
  const channel = await fakeChannelOf(app, workspaceId);
  if (friend.channelId !== channel.id) throw notFound('friend');
  return friend;
}

/** The timeline kind that records a move of a virtual friend's clock (detail: the new offset). */
export const CLOCK_ADVANCED = 'clock_advanced' satisfies TimelineKind;

export interface FastForwardResult { fired: number; simulatedNow: string; offsetMs: number }

/**
 * "Fast-forward": the friend's clock jumps to the moment their next wait falls due, and the runs
 * due by then wake. Only this friend's clock moves: everything it does from now on (the next
 * "1日後の10:00", "birthday this month") is computed at the friend's simulated time.
 */
export async function fastForward(app: FastifyInstance, friendId: string): Promise<FastForwardResult> {
  return app.db.transaction(async (tx) => {
    const friend = await lockFriend(tx, friendId);
    if (!friend) throw notFound('friend');
    const realNow = app.clock.now();
    const waiting = await waitingRunsOf(tx, friendId);
    const timed = waiting.filter((run) => run.wakeAt !== null);
    // Messages held for a delivery window count as due at their opening, in the friend's time.
    const held = await heldSendsOf(tx, friendId, realNow);
    const heldAt = (send: { dueAt: Date }) => send.dueAt.getTime() + friend.clockOffsetMs;
    const next = Math.min(...timed.map((run) => run.wakeAt!.getTime()), ...held.map(heldAt));
    let offsetMs = friend.clockOffsetMs;
    if (timed.length + held.length > 0 && next > realNow.getTime() + offsetMs) {
      offsetMs = next - realNow.getTime();
      await setClockOffset(tx, friendId, offsetMs);
      await recordTimeline(tx, [{ friend, event: { kind: CLOCK_ADVANCED, detail: { offsetMs, simulatedAt: new Date(next).toISOString() } }, at: realNow }]);
    }
    const simulatedNow = realNow.getTime() + offsetMs;
    const due = timed.filter((run) => run.wakeAt!.getTime() <= simulatedNow);
    for (const run of due) await enqueueWake(app.boss, tx, { runId: run.id, stepSeq: run.stepSeq }, realNow);
    const released = held.filter((send) => heldAt(send) <= simulatedNow);
    if (released.length) await releaseSends(tx, released.map((send) => send.id), realNow);
    return { fired: due.length + released.length, simulatedNow: new Date(simulatedNow).toISOString(), offsetMs };
  });
}

/** Every move of the friend's clock, oldest first: the chat shows each message at the friend's time then. */
export async function clockShiftsOf(app: FastifyInstance, friendId: string): Promise<Array<{ at: string; offsetMs: number }>> {
  const rows = await timelineOfKind(app.db, friendId, CLOCK_ADVANCED);
  return rows.flatMap((row) => {
    const offsetMs = (row.detail as { offsetMs?: unknown } | null)?.offsetMs;
    return typeof offsetMs === 'number' ? [{ at: row.at.toISOString(), offsetMs }] : [];
  });
}

export interface InboxItem { at: string; messages: unknown[] }

/**
 * What LINE delivered to a virtual friend, oldest first. The fake LINE server remembers only what
 * it received since this process started; what it received before a restart is read back from
 * the outbox rows marked sent (every delivery the fake accepted in this process has one sent no
 * earlier than the fake's own record, so the two never overlap).
 */
export async function inboxOf(app: FastifyInstance, friend: FriendRow): Promise<InboxItem[]> {
  const live = app.fakeLine.users.inbox(friend.lineUserId).map((entry) => ({ at: entry.receivedAt, messages: [entry.message] as unknown[] }));
  const first = live[0]?.at;
  const earlier = await sentMessagesOf(app.db, friend.id, first ? new Date(first) : undefined);
  return [...earlier.map((row) => ({ at: row.at!.toISOString(), messages: row.messages })), ...live];
}
