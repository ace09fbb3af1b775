import { checkMessageLimits, LINE_LIMITS, isPersonalised, renderMessages, type MessageDraft } from '@lsb/shared';
import type { BROADCAST_ERROR_CODES, BROADCAST_SKIP_REASONS } from '@lsb/shared/api';
import type {
  Broadcast, BroadcastDraftBody, BroadcastPreview, BroadcastPreviewBody, BroadcastProgress, BroadcastResults, BroadcastSummary, FriendSummary, LineQuota,
} from '@lsb/shared/api';
import type { Db } from '../db/pool.ts';
import { conflict, notFound, unprocessable } from '../errors.ts';
import {
  countAudience, countRecipientsByChannel, occurrenceClicks, occurrenceCounts, occurrenceFailures, queueTestSends, unqueueOccurrence,
} from '../store/broadcast-delivery.ts';
import {
  deleteBroadcastRow, findBroadcastRow, insertBroadcast, latestOccurrence, listBroadcastRows, listOccurrences, listTesters, lockOccurrence,
  setFriendTester, updateBroadcastRow, updateOccurrence, type BroadcastRow, type OccurrenceRow,
} from '../store/broadcasts.ts';
import { toFriendSummary } from '../store/friends.ts';
import type { Tx } from '../store/tx.ts';
import { audienceQuery } from './broadcast-audience.ts';
import { draftOf, fireOccurrence, type BroadcastDeps } from './broadcast-delivery.ts';
import { digestOf } from '../line/message-digest.ts';
import { nextOccurrence } from './broadcast-schedule.ts';
import { getWorkspaceRow } from './workspaces.ts';

// 一斉配信: compose, preview, test, start, pause, resume, cancel, progress and results. Delivery
// itself runs in the workers (broadcast-delivery.ts through jobs/broadcast-tick.ts).

export interface BroadcastServiceDeps extends BroadcastDeps {
  /** LINE's monthly quota of a channel, or null when LINE could not be asked. */
  quota(channelId: string): Promise<LineQuota | null>;
}

function toBroadcast(row: BroadcastRow): Broadcast {
  const draft = draftOf(row);
  return {
    ...draft, id: row.id, status: row.status, nextAt: row.nextAt?.toISOString() ?? null, personalised: isPersonalised(draft.messages),
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  };
}

async function load(db: Tx, workspaceId: string, id: string, lock = false): Promise<BroadcastRow> {
  const row = await findBroadcastRow(db, workspaceId, id, lock);
  if (!row) throw notFound('broadcast');
  return row;
}

/** Every refusal names one of the contract's stable codes. */
const refuse = (code: (typeof BROADCAST_ERROR_CODES)[number], message: string, details?: unknown) =>
  (code === 'broadcast_state' ? conflict(code, message, details) : unprocessable(code, message, details));

function stateError(action: string, status: string) {
  return refuse('broadcast_state', `A ${status} broadcast cannot be ${action}.`, { status });
}

export async function listBroadcasts(db: Db, workspaceId: string): Promise<BroadcastSummary[]> {
  const rows = await listBroadcastRows(db, workspaceId);
  const out: BroadcastSummary[] = [];
  for (const row of rows) {
    const last = await latestOccurrence(db, row.id);
    const counts = last ? await occurrenceCounts(db, last.id) : undefined;
    out.push({
      id: row.id, name: row.name, status: row.status, schedule: draftOf(row).schedule, nextAt: row.nextAt?.toISOString() ?? null,
      lastOccurrence: last && counts ? { startedAt: last.startedAt.toISOString(), recipients: counts.recipients, sent: counts.sent } : null,
      updatedAt: row.updatedAt.toISOString(),
    });
  }
  return out;
}

export async function getBroadcast(db: Db, workspaceId: string, id: string): Promise<Broadcast> {
  return toBroadcast(await load(db, workspaceId, id));
}

export async function createBroadcast(db: Db, workspaceId: string, body: BroadcastDraftBody, at: Date): Promise<Broadcast> {
  return toBroadcast(await insertBroadcast(db, workspaceId, body, at));
}

/** A draft changes freely; a scheduled one returns to draft (start it again); a started one cannot change. */
export async function updateBroadcast(db: Db, workspaceId: string, id: string, body: BroadcastDraftBody, at: Date): Promise<Broadcast> {
  return db.transaction(async (tx) => {
    const row = await load(tx, workspaceId, id, true);
    if (row.status !== 'draft' && row.status !== 'scheduled') throw stateError('edited', row.status);
    return toBroadcast(await updateBroadcastRow(tx, id, { ...body, status: 'draft', nextAt: null, updatedAt: at }));
  });
}

export async function deleteBroadcast(db: Db, workspaceId: string, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await load(tx, workspaceId, id, true);
    if (row.status === 'running' || row.status === 'paused') throw stateError('deleted', row.status);
    await deleteBroadcastRow(tx, id);
  });
}

/** Messages LINE would refuse: none, more than 5, or any over a limit. */
function checkMessages(messages: readonly MessageDraft[]): void {
  if (messages.length === 0 || messages.length > LINE_LIMITS.messagesPerSend) {
    throw refuse('invalid_messages', `A broadcast sends 1 to ${LINE_LIMITS.messagesPerSend} messages (it has ${messages.length}).`, { count: messages.length, violations: [] });
  }
  const violations = checkMessageLimits(messages);
  if (violations.length > 0) {
    throw refuse('invalid_messages', `Message ${violations[0]!.messageIndex + 1} is over LINE's limit (${violations[0]!.rule}: ${violations[0]!.limit}).`, { violations });
  }
}

async function quotaFor(deps: BroadcastServiceDeps, perChannel: Map<string, number>): Promise<{ quota: LineQuota | null; within: boolean; worst?: { needed: number; remaining: number } }> {
  let limit: number | null = 0;
  let used = 0;
  let known = true;
  let worst: { needed: number; remaining: number } | undefined;
  for (const [channelId, needed] of perChannel) {
    const quota = await deps.quota(channelId);
    if (!quota) { known = false; continue; }
    used += quota.used;
    limit = quota.limit === null || limit === null ? null : limit + quota.limit;
    if (quota.remaining !== null && needed > quota.remaining) worst = { needed, remaining: quota.remaining };
  }
  if (!known && perChannel.size > 0 && used === 0) return { quota: null, within: worst === undefined };
  const quota = { limit, used, remaining: limit === null ? null : Math.max(0, limit - used) };
  return { quota, within: worst === undefined, ...(worst ? { worst } : {}) };
}

export async function previewBroadcast(deps: BroadcastServiceDeps, workspaceId: string, body: BroadcastPreviewBody): Promise<BroadcastPreview> {
  const workspace = await getWorkspaceRow(deps.db, workspaceId);
  const query = await audienceQuery(deps.db, { workspaceId, timeZone: workspace.timeZone, now: deps.clock.now() }, body);
  const counts = await countAudience(deps.db, query);
  const perChannel = await countRecipientsByChannel(deps.db, query);
  const recipients = counts.audience - counts.waiting_for_reply - counts.over_cap;
  const { quota, within } = await quotaFor(deps, perChannel);
  return {
    audience: counts.audience, skipped: { waiting_for_reply: counts.waiting_for_reply, over_cap: counts.over_cap },
    recipients, quotaNeeded: recipients, quota, withinQuota: within,
  };
}

/**
 * Starts a draft: refused whole (nothing written) for bad messages, a time not in the future, an
 * empty audience or more recipients than the quota has left. `now` freezes the audience and sends;
 * `at` and `monthly` are scheduled for the tick.
 */
export async function startBroadcast(deps: BroadcastServiceDeps, workspaceId: string, id: string): Promise<Broadcast> {
  const now = deps.clock.now();
  const workspace = await getWorkspaceRow(deps.db, workspaceId);
  const first = await load(deps.db, workspaceId, id);
  const draft = draftOf(first);
  if (first.status !== 'draft') throw stateError('started', first.status);
  checkMessages(draft.messages);
  const next = nextOccurrence(draft.schedule, workspace.timeZone, now)!;
  if (draft.schedule.kind === 'at' && next.at.getTime() <= now.getTime()) {
    throw refuse('time_in_past', `The time ${draft.schedule.at} (${workspace.timeZone}) is not in the future.`, { at: next.at.toISOString() });
  }
  const query = await audienceQuery(deps.db, { workspaceId, timeZone: workspace.timeZone, now }, draft);
  const perChannel = await countRecipientsByChannel(deps.db, query);
  const recipients = [...perChannel.values()].reduce((a, b) => a + b, 0);
  // A monthly audience (this month's birthdays) may be empty today and full next month.
  if (recipients === 0 && draft.schedule.kind !== 'monthly') throw refuse('empty_audience', 'No friend would receive this broadcast.');
  const { worst } = await quotaFor(deps, perChannel);
  if (worst) {
    throw refuse('over_quota', `It needs ${worst.needed} messages and this month's LINE quota has ${worst.remaining} left.`, worst);
  }
  return deps.db.transaction(async (tx) => {
    const row = await load(tx, workspaceId, id, true);
    if (row.status !== 'draft') throw stateError('started', row.status);
    if (draft.schedule.kind !== 'now') return toBroadcast(await updateBroadcastRow(tx, id, { status: 'scheduled', nextAt: next.at, updatedAt: now }));
    const fired = await fireOccurrence(tx, deps, row, 'once', now);
    // Everyone left between the count and the freeze: nothing is kept.
    if (!fired || fired.pending === 0) throw refuse('empty_audience', 'No friend would receive this broadcast.');
    return toBroadcast(await updateBroadcastRow(tx, id, { status: 'running', nextAt: null, updatedAt: now }));
  });
}

/** Pause, resume or cancel, serialised on the broadcast and its occurrence rows. */
export async function changeBroadcast(deps: BroadcastDeps, workspaceId: string, id: string, action: 'pause' | 'resume' | 'cancel'): Promise<BroadcastProgress> {
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const row = await load(tx, workspaceId, id, true);
    const last = await latestOccurrence(tx, id);
    const occurrence = last ? await lockOccurrence(tx, last.id) : undefined;
    const live = occurrence && (occurrence.status === 'running' || occurrence.status === 'paused') ? occurrence : undefined;
    switch (action) {
      case 'pause':
        if (row.status !== 'running' || !live) throw stateError('paused', row.status);
        await unqueueOccurrence(tx, live.id);
        await updateOccurrence(tx, live.id, { status: 'paused', heldUntil: null });
        await updateBroadcastRow(tx, id, { status: 'paused', updatedAt: now });
        return;
      case 'resume':
        if (row.status !== 'paused' || !live) throw stateError('resumed', row.status);
        await updateOccurrence(tx, live.id, { status: 'running' });
        await updateBroadcastRow(tx, id, { status: 'running', updatedAt: now });
        return;
      case 'cancel':
        if (row.status !== 'running' && row.status !== 'paused' && row.status !== 'scheduled') throw stateError('cancelled', row.status);
        if (live) {
          await unqueueOccurrence(tx, live.id);
          await updateOccurrence(tx, live.id, { status: 'cancelled', finishedAt: now, heldUntil: null });
        }
        await updateBroadcastRow(tx, id, { status: 'cancelled', nextAt: null, updatedAt: now });
        return;
    }
  });
  return broadcastProgress(deps.db, workspaceId, id);
}

async function occurrenceProgress(db: Tx, occurrence: OccurrenceRow) {
  const counts = await occurrenceCounts(db, occurrence.id);
  return {
    counts,
    summary: {
      id: occurrence.id, key: occurrence.key, startedAt: occurrence.startedAt.toISOString(), finishedAt: occurrence.finishedAt?.toISOString() ?? null,
      recipients: counts.recipients, sent: counts.sent, failed: counts.failed,
      skipped: counts.skipped satisfies Record<(typeof BROADCAST_SKIP_REASONS)[number], number>,
      remaining: counts.pending + counts.queued + counts.sending,
    },
  };
}

export async function broadcastProgress(db: Db, workspaceId: string, id: string): Promise<BroadcastProgress> {
  const row = await load(db, workspaceId, id);
  const last = await latestOccurrence(db, id);
  const heldUntil = last?.status === 'running' ? last.heldUntil : null;
  return {
    broadcastId: id, status: row.status, held: heldUntil !== null, heldUntil: heldUntil?.toISOString() ?? null,
    occurrence: last ? (await occurrenceProgress(db, last)).summary : null,
  };
}

export async function broadcastResults(db: Db, workspaceId: string, id: string): Promise<BroadcastResults> {
  await load(db, workspaceId, id);
  const occurrences: BroadcastResults['occurrences'] = [];
  for (const occurrence of await listOccurrences(db, id)) {
    const { counts, summary } = await occurrenceProgress(db, occurrence);
    occurrences.push({
      id: summary.id, key: summary.key, startedAt: summary.startedAt, finishedAt: summary.finishedAt, recipients: counts.recipients,
      delivered: counts.sent, failed: counts.failed, skipped: counts.skipped,
      failures: await occurrenceFailures(db, occurrence.id), clicks: await occurrenceClicks(db, occurrence.id),
    });
  }
  return { broadcastId: id, occurrences };
}

/** Test-send: the messages, rendered for each tester, pushed now through the outbox. */
export async function testBroadcast(deps: BroadcastDeps, workspaceId: string, id: string, friendIds: string[] | undefined): Promise<string[]> {
  const row = await load(deps.db, workspaceId, id);
  const draft = draftOf(row);
  checkMessages(draft.messages);
  const testers = (await listTesters(deps.db, workspaceId)).filter((friend) => friend.status === 'active');
  const chosen = friendIds ? testers.filter((friend) => friendIds.includes(friend.id)) : testers;
  if (chosen.length === 0 || (friendIds && chosen.length !== new Set(friendIds).size)) {
    throw refuse('no_testers', friendIds ? 'Test-sends go only to friends marked as testers.' : 'No friend is marked as a tester.');
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => queueTestSends(tx, chosen.map((friend) => {
    const messages = renderMessages(draft.messages, { displayName: friend.displayName, fields: friend.fields, clickBaseUrl: deps.clickBaseUrl(friend.id, id) });
    return { workspaceId, channelId: friend.channelId, friendId: friend.id, nodeId: `broadcast-test:${id}:${now.getTime()}`, messages, digest: digestOf(messages) };
  }), now));
  return chosen.map((friend) => friend.id);
}

export async function testers(db: Db, workspaceId: string): Promise<FriendSummary[]> {
  return (await listTesters(db, workspaceId)).map(toFriendSummary);
}

export async function markTester(db: Db, workspaceId: string, friendId: string, tester: boolean): Promise<{ friendId: string; isTester: boolean }> {
  if (!(await setFriendTester(db, workspaceId, friendId, tester))) throw notFound('friend');
  return { friendId, isTester: tester };
}

