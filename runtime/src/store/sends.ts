import { and, asc, eq, gt, inArray, isNotNull, lt } from 'drizzle-orm';
import { sends } from '../db/schema/index.ts';
import type { Tx } from './tx.ts';

// A friend's outbox rows as the simulator reads and moves them (the sender's claims: send-batches.ts).

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
export function sentMessagesOf(db: Tx, friendId: string, before?: Date): Promise<Array<{ at: Date | null; messages: unknown[] }>> {
  return db.select({ at: sends.sentAt, messages: sends.messages }).from(sends)
    .where(and(eq(sends.friendId, friendId), eq(sends.status, 'sent'), isNotNull(sends.sentAt), before ? lt(sends.sentAt, before) : undefined))
    .orderBy(asc(sends.sentAt), asc(sends.seq));
}
