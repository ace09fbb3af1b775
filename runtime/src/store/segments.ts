import { and, asc, eq } from 'drizzle-orm';
import { segments, tags } from '../db/schema/index.ts';
import type { Db, Tx } from './tx.ts';

// Saved segments' rows. Conditions are stored as JSON and parsed by the service on read.

export type SegmentRow = typeof segments.$inferSelect;

export function listSegmentRows(db: Tx, workspaceId: string): Promise<SegmentRow[]> {
  return db.select().from(segments).where(eq(segments.workspaceId, workspaceId)).orderBy(asc(segments.name), asc(segments.id));
}

export async function findSegmentRow(db: Tx, workspaceId: string, id: string): Promise<SegmentRow | undefined> {
  const [row] = await db.select().from(segments).where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, id)));
  return row;
}

export async function insertSegmentRow(db: Db, workspaceId: string, name: string, condition: unknown, at: Date): Promise<SegmentRow> {
  const [row] = await db.insert(segments).values({ workspaceId, name, condition, createdAt: at, updatedAt: at }).returning();
  return row!;
}

export async function updateSegmentRow(db: Db, workspaceId: string, id: string, name: string, condition: unknown, at: Date): Promise<SegmentRow | undefined> {
  const [row] = await db.update(segments).set({ name, condition, updatedAt: at })
    .where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, id))).returning();
  return row;
}

export async function deleteSegmentRow(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const rows = await db.delete(segments).where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, id))).returning({ id: segments.id });
  return rows.length > 0;
}

/** The workspace's tags.num by tag id (what friend_segment_facts.tag_nums holds). */
export async function tagNumbers(db: Tx, workspaceId: string): Promise<Map<string, number>> {
  const rows = await db.select({ id: tags.id, num: tags.num }).from(tags).where(eq(tags.workspaceId, workspaceId));
  return new Map(rows.map((row) => [row.id, row.num]));
}
