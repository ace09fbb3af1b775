import { and, desc, eq, gte, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { broadcastOccurrences, conversionPoints, conversions, linkClicks, sends } from '../db/schema/index.ts';
import { lastBroadcastTo } from './broadcast-batches.ts';
import { lastCohortSendTo } from './cohort-sends.ts';
import type { Db, Tx } from './tx.ts';

export type ConversionPointRow = typeof conversionPoints.$inferSelect;
export type ConversionRow = typeof conversions.$inferSelect;
type DbOrTx = Db | Tx;

export async function listPointRows(db: DbOrTx, workspaceId: string): Promise<ConversionPointRow[]> {
  return db.select().from(conversionPoints)
    .where(and(eq(conversionPoints.workspaceId, workspaceId), isNull(conversionPoints.deletedAt))).orderBy(conversionPoints.createdAt);
}

export async function findPointRow(db: DbOrTx, workspaceId: string, pointId: string): Promise<ConversionPointRow | undefined> {
  const [row] = await db.select().from(conversionPoints)
    .where(and(eq(conversionPoints.id, pointId), eq(conversionPoints.workspaceId, workspaceId), isNull(conversionPoints.deletedAt)));
  return row;
}

/** A live point by id alone (the public pixel and redirect routes know no workspace). */
export async function findLivePoint(db: DbOrTx, pointId: string): Promise<ConversionPointRow | undefined> {
  const [row] = await db.select().from(conversionPoints).where(and(eq(conversionPoints.id, pointId), isNull(conversionPoints.deletedAt)));
  return row;
}

export async function insertPoint(db: DbOrTx, row: typeof conversionPoints.$inferInsert): Promise<ConversionPointRow> {
  const [inserted] = await db.insert(conversionPoints).values(row).returning();
  return inserted!;
}

/** The point is found in its workspace by the caller first. */
export async function updatePointRow(db: DbOrTx, pointId: string, patch: Partial<typeof conversionPoints.$inferInsert>): Promise<ConversionPointRow> {
  const [row] = await db.update(conversionPoints).set(patch).where(eq(conversionPoints.id, pointId)).returning();
  return row!;
}

/** Soft delete: recorded conversions keep their point id and name. */
export async function markPointDeleted(db: DbOrTx, pointId: string, at: Date): Promise<void> {
  await db.update(conversionPoints).set({ deletedAt: at }).where(eq(conversionPoints.id, pointId));
}

/** How often each point was reached, and the sum of values. */
export async function pointTotals(db: DbOrTx, workspaceId: string): Promise<Map<string, { count: number; total: number }>> {
  const rows = await db.select({ pointId: conversions.pointId, count: sql<number>`count(*)::int`, total: sql<string>`coalesce(sum(${conversions.value}), 0)` })
    .from(conversions).where(and(eq(conversions.workspaceId, workspaceId), isNotNull(conversions.pointId))).groupBy(conversions.pointId);
  return new Map(rows.map((row) => [row.pointId!, { count: row.count, total: Number(row.total) }]));
}

/** The earlier conversion with this order id, if any (the API is idempotent on it). */
export async function findByOrder(tx: DbOrTx, workspaceId: string, orderId: string): Promise<ConversionRow | undefined> {
  const [row] = await tx.select().from(conversions).where(and(eq(conversions.workspaceId, workspaceId), eq(conversions.orderId, orderId)));
  return row;
}

/** Inserts unless the order id is taken (then undefined: a concurrent replay won). */
export async function insertConversion(tx: Tx, row: typeof conversions.$inferInsert): Promise<ConversionRow | undefined> {
  const [inserted] = await tx.insert(conversions).values(row).onConflictDoNothing().returning();
  return inserted;
}

export interface FoundAttribution { scenarioId: string | null; nodeId: string | null; broadcastId: string | null; via: 'click' | 'send' }

/**
 * The friend's last tracked-link click since `since` that came from a send — a scenario's node, or a
 * broadcast (its send rows carry the occurrence as `run_id`) — else the friend's last sent message.
 */
export async function findAttribution(tx: DbOrTx, friendId: string, since: Date): Promise<FoundAttribution | undefined> {
  const origin = { scenarioId: sends.scenarioId, nodeId: sends.nodeId, broadcastId: broadcastOccurrences.broadcastId };
  const fromSomething = or(isNotNull(sends.scenarioId), isNotNull(broadcastOccurrences.broadcastId));
  const [click] = await tx.select(origin).from(linkClicks)
    .innerJoin(sends, eq(sends.id, linkClicks.sendId))
    .leftJoin(broadcastOccurrences, eq(broadcastOccurrences.id, sends.runId))
    .where(and(eq(linkClicks.friendId, friendId), gte(linkClicks.at, since), fromSomething))
    .orderBy(desc(linkClicks.at)).limit(1);
  if (click) return attributed(click, 'click');
  const [send] = await tx.select({ ...origin, sentAt: sends.sentAt }).from(sends)
    .leftJoin(broadcastOccurrences, eq(broadcastOccurrences.id, sends.runId))
    .where(and(eq(sends.friendId, friendId), eq(sends.status, 'sent'), fromSomething))
    .orderBy(desc(sends.seq)).limit(1);
  // Batched broadcasts and cohorts have no send row per friend: their last sent batch holding the
  // friend counts too, and the latest of the three is the send (a row without a time is the oldest).
  const broadcast = await lastBroadcastTo(tx, friendId);
  const cohort = await lastCohortSendTo(tx, friendId);
  const candidates = [
    ...(send ? [{ origin: { scenarioId: send.scenarioId, nodeId: send.nodeId, broadcastId: send.broadcastId }, at: send.sentAt?.getTime() ?? -Infinity }] : []),
    ...(broadcast ? [{ origin: { scenarioId: null, nodeId: null, broadcastId: broadcast.broadcastId }, at: broadcast.at.getTime() }] : []),
    ...(cohort ? [{ origin: { scenarioId: cohort.scenarioId, nodeId: cohort.nodeId, broadcastId: null }, at: cohort.at.getTime() }] : []),
  ];
  const latest = candidates.reduce<(typeof candidates)[number] | undefined>((best, next) => (!best || next.at >= best.at ? next : best), undefined);
  return latest ? attributed(latest.origin, 'send') : undefined;
}

/** A broadcast's send names no node of a scenario: the conversion is the broadcast's. */
function attributed(origin: Omit<FoundAttribution, 'via'>, via: FoundAttribution['via']): FoundAttribution {
  return origin.broadcastId ? { scenarioId: null, nodeId: null, broadcastId: origin.broadcastId, via } : { ...origin, broadcastId: null, via };
}

export async function listConversionRows(db: DbOrTx, workspaceId: string, query: { friendId?: string; pointId?: string; limit: number }): Promise<ConversionRow[]> {
  return db.select().from(conversions)
    .where(and(eq(conversions.workspaceId, workspaceId),
      query.friendId ? eq(conversions.friendId, query.friendId) : undefined,
      query.pointId ? eq(conversions.pointId, query.pointId) : undefined))
    .orderBy(desc(conversions.at), desc(conversions.id)).limit(query.limit);
}
