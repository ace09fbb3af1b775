import { and, asc, eq, gt, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { sends } from '../db/schema/index.ts';
import { broadcastMessagesOf } from './broadcast-batches.ts';
import { bulkInsert } from './bulk-insert.ts';
import { cohortMessagesOf } from './cohort-sends.ts';
import { timeOrderedUuid } from './ids.ts';
import type { Tx } from './tx.ts';

// Outbox rows: written by the interpreter's steps, read and moved by the simulator (the sender's claims: send-batches.ts).

export type SendWrite = typeof sends.$inferInsert;

/** The friend's queued sends held for later than `now` (a delivery window not yet open). */
export function heldSendsOf(tx: Tx, friendId: string, now: Date): Promise<Array<{ id: string; dueAt: Date }>> {
  return tx.select({ id: sends.id, dueAt: sends.dueAt }).from(sends)
    .where(and(eq(sends.friendId, friendId), eq(sends.status, 'queued'), gt(sends.dueAt, now)));
}

/** These sends are due at `at`. */
export async function releaseSends(tx: Tx, ids: string[], at: Date): Promise<void> {
  await tx.update(sends).set({ dueAt: at }).where(inArray(sends.id, ids));
}

/** The friend's sent messages, oldest first; with `before`, only those sent earlier. */
export async function sentMessagesOf(db: Tx, friendId: string, before?: Date): Promise<Array<{ at: Date | null; messages: unknown[] }>> {
  const own = await db.select({ at: sends.sentAt, messages: sends.messages }).from(sends)
    .where(and(eq(sends.friendId, friendId), eq(sends.status, 'sent'), isNotNull(sends.sentAt), before ? lt(sends.sentAt, before) : undefined))
    .orderBy(asc(sends.sentAt), asc(sends.seq));
  // Batched broadcasts and cohorts (no send row per friend), merged in by time; a stable sort keeps the rows' order.
  const batched = [...await broadcastMessagesOf(db, friendId, before), ...await cohortMessagesOf(db, friendId, before)];
  if (batched.length === 0) return own;
  return [...own, ...batched].sort((a, b) => (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0));
}

/**
 * Outbox rows only, no job each: the sender claims them in batches once due (sending/sender.ts).
 * Keyed in time order (`at`, the step's time), so a cohort's rows append to the key's index.
 */
export async function insertSends(tx: Tx, rows: readonly SendWrite[], at: Date): Promise<void> {
  await bulkInsert(tx, 'sends', [
    { name: 'id', type: 'uuid', value: (r) => r.id ?? timeOrderedUuid(at) },
    { name: 'workspace_id', type: 'uuid', value: (r) => r.workspaceId },
    { name: 'channel_id', type: 'uuid', value: (r) => r.channelId },
    { name: 'friend_id', type: 'uuid', value: (r) => r.friendId },
    { name: 'run_id', type: 'uuid', value: (r) => r.runId },
    { name: 'scenario_id', type: 'uuid', value: (r) => r.scenarioId },
    { name: 'node_id', type: 'text', value: (r) => r.nodeId },
    { name: 'visit', type: 'int', value: (r) => r.visit },
    { name: 'retry_key', type: 'uuid', value: (r) => r.retryKey },
    { name: 'messages', type: 'jsonb', value: (r) => r.messages },
    { name: 'message_digest', type: 'text', value: (r) => r.messageDigest },
    { name: 'due_at', type: 'timestamptz', value: (r) => r.dueAt },
    { name: 'aggregation_unit', type: 'text', value: (r) => r.aggregationUnit ?? null },
    { name: 'cap_policy', type: 'text', value: (r) => r.capPolicy ?? 'hold' },
  ], rows, sql`on conflict do nothing`);
}
