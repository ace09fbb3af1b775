import { and, desc, eq, sql } from 'drizzle-orm';
import { broadcastOccurrences, broadcasts, friends } from '../db/schema/index.ts';
import type { Tx } from './tx.ts';

// The rows of 一斉配信: the composed broadcast and its occurrences. Delivery (the frozen audience,
// the outbox rows, the counts) is broadcast-delivery.ts.

export type BroadcastRow = typeof broadcasts.$inferSelect;
export type OccurrenceRow = typeof broadcastOccurrences.$inferSelect;
export type BroadcastWrite = Pick<typeof broadcasts.$inferInsert, 'name' | 'messages' | 'audience' | 'exclusions' | 'options' | 'schedule' | 'delivery'>;

export async function insertBroadcast(tx: Tx, workspaceId: string, body: BroadcastWrite, at: Date): Promise<BroadcastRow> {
  const [row] = await tx.insert(broadcasts).values({ workspaceId, ...body, status: 'draft', createdAt: at, updatedAt: at }).returning();
  return row!;
}

export async function listBroadcastRows(tx: Tx, workspaceId: string): Promise<BroadcastRow[]> {
  return tx.select().from(broadcasts).where(eq(broadcasts.workspaceId, workspaceId)).orderBy(desc(broadcasts.createdAt));
}

/** The broadcast, locked for the rest of the transaction when `lock` (state changes serialise on it). */
export async function findBroadcastRow(tx: Tx, workspaceId: string, id: string, lock = false): Promise<BroadcastRow | undefined> {
  const query = tx.select().from(broadcasts).where(and(eq(broadcasts.workspaceId, workspaceId), eq(broadcasts.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function updateBroadcastRow(tx: Tx, id: string, patch: Partial<typeof broadcasts.$inferInsert>): Promise<BroadcastRow> {
  const [row] = await tx.update(broadcasts).set(patch).where(eq(broadcasts.id, id)).returning();
  return row!;
}

export async function deleteBroadcastRow(tx: Tx, id: string): Promise<void> {
  await tx.delete(broadcasts).where(eq(broadcasts.id, id));
}

/** Scheduled broadcasts whose time has come, locked (`SKIP LOCKED`: one worker fires each). */
export async function claimDueBroadcasts(tx: Tx, now: Date, limit: number): Promise<BroadcastRow[]> {
  return tx.select().from(broadcasts)
    .where(and(eq(broadcasts.status, 'scheduled'), sql`${broadcasts.nextAt} <= ${now.toISOString()}::timestamptz`))
    .orderBy(broadcasts.nextAt).limit(limit).for('update', { skipLocked: true });
}

export async function latestOccurrence(tx: Tx, broadcastId: string): Promise<OccurrenceRow | undefined> {
  const [row] = await tx.select().from(broadcastOccurrences).where(eq(broadcastOccurrences.broadcastId, broadcastId))
    .orderBy(desc(broadcastOccurrences.startedAt)).limit(1);
  return row;
}

export async function listOccurrences(tx: Tx, broadcastId: string): Promise<OccurrenceRow[]> {
  return tx.select().from(broadcastOccurrences).where(eq(broadcastOccurrences.broadcastId, broadcastId)).orderBy(desc(broadcastOccurrences.startedAt));
}

/** A new occurrence, or undefined when this key was already fired (exactly once per occurrence). */
export async function insertOccurrence(tx: Tx, row: typeof broadcastOccurrences.$inferInsert): Promise<OccurrenceRow | undefined> {
  const [inserted] = await tx.insert(broadcastOccurrences).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function updateOccurrence(tx: Tx, id: string, patch: Partial<typeof broadcastOccurrences.$inferInsert>): Promise<void> {
  await tx.update(broadcastOccurrences).set(patch).where(eq(broadcastOccurrences.id, id));
}

/** The occurrence locked for this transaction, or undefined while another worker holds it (`SKIP LOCKED`). */
export async function claimOccurrence(tx: Tx, id: string): Promise<OccurrenceRow | undefined> {
  const [row] = await tx.select().from(broadcastOccurrences).where(eq(broadcastOccurrences.id, id)).for('update', { skipLocked: true });
  return row;
}

export async function lockOccurrence(tx: Tx, id: string): Promise<OccurrenceRow | undefined> {
  const [row] = await tx.select().from(broadcastOccurrences).where(eq(broadcastOccurrences.id, id)).for('update');
  return row;
}

// ---- Testers

export async function setFriendTester(tx: Tx, workspaceId: string, friendId: string, tester: boolean): Promise<boolean> {
  const rows = await tx.update(friends).set({ isTester: tester })
    .where(and(eq(friends.workspaceId, workspaceId), eq(friends.id, friendId))).returning({ id: friends.id });
  return rows.length > 0;
}

export async function listTesters(tx: Tx, workspaceId: string): Promise<Array<typeof friends.$inferSelect>> {
  return tx.select().from(friends).where(and(eq(friends.workspaceId, workspaceId), eq(friends.isTester, true))).orderBy(friends.displayName);
}
