import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { webhookEvents } from '../db/schema/index.ts';
import type { WebhookEvent } from '../line/schemas/index.ts';
import { anyBigint } from './any-of.ts';
import { bulkInsert } from './bulk-insert.ts';
import type { Db, Tx } from './tx.ts';

// The webhook's inbox: every event LINE posted, stored once (channel, webhookEventId), applied in
// arrival order (`seq`) per channel, or set aside with its reason.

export type WebhookEventInsert = typeof webhookEvents.$inferInsert;

/**
 * One statement for a group commit's events (an array per column, in arrival order, so `seq`
 * follows it); a redelivered id is skipped. Returns the channels that got events to apply.
 */
export async function insertWebhookEvents(tx: Tx, rows: WebhookEventInsert[]): Promise<string[]> {
  const inserted = await bulkInsert<WebhookEventInsert, { channel_id: string; set_aside_reason: string | null }>(tx, 'webhook_events', [
    { name: 'workspace_id', type: 'uuid', value: (row) => row.workspaceId },
    { name: 'channel_id', type: 'uuid', value: (row) => row.channelId },
    { name: 'webhook_event_id', type: 'text', value: (row) => row.webhookEventId },
    { name: 'event', type: 'jsonb', value: (row) => row.event },
    { name: 'received_at', type: 'timestamptz', value: (row) => row.receivedAt },
    { name: 'processed_at', type: 'timestamptz', value: (row) => row.processedAt },
    { name: 'set_aside_reason', type: 'text', value: (row) => row.setAsideReason },
    { name: 'last_error', type: 'text', value: (row) => row.lastError },
  ], rows, sql`on conflict do nothing returning channel_id, set_aside_reason`);
  return [...new Set(inserted.filter((row) => row.set_aside_reason === null).map((row) => row.channel_id))];
}

export interface PendingEvent { seq: number; webhookEventId: string; event: WebhookEvent; attempts: number }

/** The channel's next events still to apply, in arrival order, without locking (see claimEvents). */
export async function peekPendingEvents(db: Tx, channelId: string, afterSeq: number, limit: number): Promise<PendingEvent[]> {
  const rows = await db.select({ seq: webhookEvents.seq, webhookEventId: webhookEvents.webhookEventId, event: webhookEvents.event, attempts: webhookEvents.attempts })
    .from(webhookEvents)
    .where(and(eq(webhookEvents.channelId, channelId), isNull(webhookEvents.processedAt), gt(webhookEvents.seq, afterSeq)))
    .orderBy(asc(webhookEvents.seq)).limit(limit);
  return rows.map((row) => ({ ...row, event: row.event as WebhookEvent }));
}

/**
 * Makes this transaction the channel's only drainer until it ends: another process draining the
 * channel waits here, then finds what is left. Without it, each would read the same batch ahead
 * and fetch its profiles from LINE, though only one may apply it.
 */
export async function holdChannelDrain(tx: Tx, channelId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`webhook-drain:${channelId}`}, 0))`);
}

/**
 * Serialises appliers of the same lanes of one channel for the rest of the transaction: a user's
 * events are applied in arrival order even with several workers (or processes) draining the
 * channel, while transactions of other lanes go on beside. `lanes` ascending: every applier takes
 * its locks in the same order, so two never wait on each other in a circle.
 */
export async function lockInboxLanes(tx: Tx, channelId: string, lanes: number[]): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`webhook:${channelId}:`}::text || lane::text, 0)) from unnest(${sql.param(lanes)}::int[]) lane`);
}

/**
 * Marks the events processed in the transaction that applies them and returns those this
 * transaction claimed: an event another worker already applied is not applied again.
 */
export async function claimEvents(tx: Tx, channelId: string, seqs: number[], now: Date): Promise<Set<number>> {
  if (seqs.length === 0) return new Set();
  const claimed = await tx.update(webhookEvents).set({ processedAt: now })
    .where(and(eq(webhookEvents.channelId, channelId), anyBigint(webhookEvents.seq, seqs), isNull(webhookEvents.processedAt)))
    .returning({ seq: webhookEvents.seq });
  return new Set(claimed.map((row) => row.seq));
}

/**
 * An event that failed on its own: counted, and after `maxAttempts` set aside with the error as its
 * reason (kept for an operator, never applied half). Returns whether it was set aside.
 */
export async function recordEventFailure(db: Db, channelId: string, seq: number, error: string, maxAttempts: number, now: Date): Promise<boolean> {
  const [row] = await db.update(webhookEvents).set({
    attempts: sql`${webhookEvents.attempts} + 1`,
    lastError: error.slice(0, 2000),
    setAsideReason: sql`case when ${webhookEvents.attempts} + 1 >= ${maxAttempts} then 'failed' else null end`,
    processedAt: sql`case when ${webhookEvents.attempts} + 1 >= ${maxAttempts} then ${now.toISOString()}::timestamptz else null end`,
  }).where(and(eq(webhookEvents.channelId, channelId), eq(webhookEvents.seq, seq), isNull(webhookEvents.processedAt)))
    .returning({ setAsideReason: webhookEvents.setAsideReason });
  return row?.setAsideReason === 'failed';
}

/** Channels with events waiting (a worker starting after a crash drains them). */
export async function channelsWithPendingEvents(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ channelId: webhookEvents.channelId }).from(webhookEvents).where(isNull(webhookEvents.processedAt));
  return rows.map((row) => row.channelId);
}
