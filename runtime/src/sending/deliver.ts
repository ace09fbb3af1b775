import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/pool.ts';
import { friends, sends } from '../db/schema/index.ts';
import type { Clock } from '../clock.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { SendOutcome } from '../line/port.ts';

/** LINE accepts at most this many user IDs in one multicast request. */
export const MULTICAST_MAX = 500;

export interface SendGateway {
  /** Waits for the channel's client-side rate limiter, then calls LINE. */
  push(channelId: string, body: { to: string; messages: unknown[] }, retryKey: string): Promise<SendOutcome>;
  multicast(channelId: string, body: { to: string[]; messages: unknown[] }, retryKey: string): Promise<SendOutcome>;
}

/** A failure worth another try later with the identical request: pg-boss retries the job. */
export class RetryLater extends Error {}

type SendRow = typeof sends.$inferSelect;

/**
 * Hands one outbox row to LINE, together with every queued sibling that has the same rendered
 * messages at the same node (one multicast of up to 500 instead of many pushes). The batch and its
 * retry key are written before the request, so whatever happens after, a retry repeats the exact
 * request and LINE's retry-key check makes it idempotent.
 */
export async function deliverSend(db: Db, clock: Clock, gateway: SendGateway, sendId: string): Promise<void> {
  await deliverEarlierSends(db, clock, gateway, sendId);
  const batch = await claimBatch(db, clock, sendId);
  if (!batch) return;
  const { key, members, channelId, messages } = batch;
  const outcome = members.length === 1
    ? await gateway.push(channelId, { to: members[0]!.lineUserId, messages }, key)
    : await gateway.multicast(channelId, { to: members.map((m) => m.lineUserId), messages }, key);

  switch (outcome.kind) {
    case 'accepted':
    case 'alreadyAccepted':
      await settle(db, clock, key, { kind: 'sent', retryKeyReplayed: outcome.kind === 'alreadyAccepted' });
      return;
    case 'rejected':
      await settle(db, clock, key, { kind: 'failed', status: outcome.status, reason: outcome.reason });
      return;
    case 'retryable':
    case 'rateLimited':
      throw new RetryLater(`LINE ${outcome.kind}: ${outcome.reason}`);
  }
}

/**
 * A friend's messages reach them in the order they were queued, while the jobs of one step's sends
 * run in any order (tests saw "1, 2, 3" arrive as "3, 1, 2"). That covers a run's consecutive send
 * nodes and the runs one event starts together (queued in scenario priority order, triggers.ts).
 * So a send first delivers the friend's latest earlier send still queued (which does the same for
 * its own), and their jobs then find them done; one that another worker is sending is waited for
 * by a retry. A message held for its delivery window is not due yet and does not hold back one
 * that may go now (a node that opted out of the window).
 */
async function deliverEarlierSends(db: Db, clock: Clock, gateway: SendGateway, sendId: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const { rows } = await db.execute<{ id: string; status: string }>(sql`
      select e.id, e.status from ${sends} s join ${sends} e on e.friend_id = s.friend_id and e.seq < s.seq
      where s.id = ${sendId} and s.status = 'queued' and e.status in ('queued', 'sending') and e.due_at <= ${clock.now()}
      order by e.seq desc limit 1`);
    const earlier = rows[0];
    if (!earlier) return;
    if (earlier.status !== 'queued' || attempt > 0) throw new RetryLater('an earlier message of this run is still being sent');
    await deliverSend(db, clock, gateway, earlier.id);
  }
}

interface Batch {
  key: string;
  channelId: string;
  messages: unknown[];
  members: Array<{ id: string; lineUserId: string }>;
}

async function claimBatch(db: Db, clock: Clock, sendId: string): Promise<Batch | undefined> {
  return db.transaction(async (tx) => {
    const [send] = await tx.select().from(sends).where(eq(sends.id, sendId)).for('update');
    if (!send) return undefined;
    let key: string;
    if (send.status === 'queued') {
      // Blocked since the step that wrote it (the unfollow raced the step): LINE would answer 200 and
      // deliver nothing, so the honest outcome is cancelled.
      const [friend] = await tx.select({ status: friends.status }).from(friends).where(eq(friends.id, send.friendId));
      if (friend?.status !== 'active') {
        await tx.update(sends).set({ status: 'cancelled' }).where(eq(sends.id, send.id));
        return undefined;
      }
      key = send.retryKey;
      const siblings = await cohortOf(tx, send, clock.now());
      await tx.update(sends).set({ status: 'sending', batchKey: key })
        .where(inArray(sends.id, [send.id, ...siblings.filter((id) => id !== send.id)]));
    } else if (send.status === 'sending' && send.batchKey === send.retryKey) {
      key = send.retryKey; // this job owns the batch and is being retried: same members, same key
    } else {
      return undefined; // sent, failed, cancelled, or carried by another row's batch
    }
    const members = await tx.select({ id: sends.id, lineUserId: friends.lineUserId }).from(sends)
      .innerJoin(friends, eq(friends.id, sends.friendId))
      .where(and(eq(sends.batchKey, key), eq(sends.status, 'sending'))).orderBy(asc(sends.id));
    await tx.update(sends).set({ attempts: send.attempts + 1 }).where(eq(sends.id, send.id));
    return { key, channelId: send.channelId, messages: send.messages, members };
  });
}

/** Queued rows for the same channel, node and rendered messages, due now: they can share one multicast. */
async function cohortOf(tx: Parameters<Parameters<Db['transaction']>[0]>[0], send: SendRow, now: Date): Promise<string[]> {
  if (!send.nodeId) return [send.id];
  const rows = await tx.select({ id: sends.id }).from(sends)
    .where(and(
      eq(sends.channelId, send.channelId), eq(sends.nodeId, send.nodeId), eq(sends.messageDigest, send.messageDigest),
      eq(sends.status, 'queued'), lte(sends.dueAt, now),
      sql`exists (select 1 from ${friends} f where f.id = ${sends.friendId} and f.status = 'active')`,
      // A sibling whose friend has an earlier message due and unsent waits for it (deliverEarlierSends).
      sql`not exists (select 1 from ${sends} e where e.friend_id = ${sends.friendId} and e.seq < ${sends.seq} and e.status in ('queued', 'sending') and e.due_at <= ${now})`,
    ))
    .orderBy(asc(sends.id)).limit(MULTICAST_MAX).for('update', { skipLocked: true });
  const ids = rows.map((row) => row.id);
  return ids.includes(send.id) ? ids : [send.id, ...ids.slice(0, MULTICAST_MAX - 1)];
}

/** How a LINE request ended for its batch: sent (perhaps a replay LINE already had), or refused. */
type Settlement = { kind: 'sent'; retryKeyReplayed: boolean } | { kind: 'failed'; status: number; reason: string };

async function settle(db: Db, clock: Clock, key: string, detail: Settlement) {
  const status = detail.kind;
  const now = clock.now();
  await db.transaction(async (tx) => {
    const rows = await tx.update(sends)
      .set({ status, sentAt: status === 'sent' ? now : null, error: detail.kind === 'failed' ? { status: detail.status, reason: detail.reason } : null })
      .where(and(eq(sends.batchKey, key), eq(sends.status, 'sending')))
      .returning({ friendId: sends.friendId, workspaceId: sends.workspaceId, nodeId: sends.nodeId, scenarioId: sends.scenarioId, id: sends.id });
    await recordTimeline(tx, rows.map((row) => ({
      friend: { id: row.friendId, workspaceId: row.workspaceId },
      event: detail.kind === 'sent'
        ? { kind: 'message_sent', detail: { sendId: row.id, scenarioId: row.scenarioId, nodeId: row.nodeId, ...(detail.retryKeyReplayed ? { retryKeyReplayed: true as const } : {}) } }
        : { kind: 'send_failed', detail: { sendId: row.id, scenarioId: row.scenarioId, nodeId: row.nodeId, status: detail.status, reason: detail.reason } },
      at: now,
    })));
  });
}
