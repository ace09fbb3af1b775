import { and, asc, eq } from 'drizzle-orm';
import { channels } from '../db/schema/index.ts';
import type { Db } from './tx.ts';

export type ChannelRow = typeof channels.$inferSelect;

/** A channel by id; with a workspace id, only that workspace's. */
export async function findChannel(db: Db, channelId: string, workspaceId?: string): Promise<ChannelRow | undefined> {
  const [row] = await db.select().from(channels)
    .where(and(eq(channels.id, channelId), workspaceId === undefined ? undefined : eq(channels.workspaceId, workspaceId)));
  return row;
}

/** The workspace's channel bound to the built-in fake LINE server. */
export async function findFakeChannel(db: Db, workspaceId: string): Promise<ChannelRow | undefined> {
  const [channel] = await db.select().from(channels).where(and(eq(channels.workspaceId, workspaceId), eq(channels.isFake, true))).limit(1);
  return channel;
}

/** Changes a channel of the workspace; undefined when there is no such channel. */
export async function updateChannel(db: Db, workspaceId: string, channelId: string, patch: Partial<Omit<ChannelRow, 'id' | 'workspaceId'>>): Promise<ChannelRow | undefined> {
  const [row] = await db.update(channels).set(patch).where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, channelId))).returning();
  return row;
}

export async function insertChannel(db: Db, row: typeof channels.$inferInsert): Promise<ChannelRow> {
  const [inserted] = await db.insert(channels).values(row).returning();
  return inserted!;
}

/** The workspace's channels, oldest first. */
export function listChannelRows(db: Db, workspaceId: string): Promise<ChannelRow[]> {
  return db.select().from(channels).where(eq(channels.workspaceId, workspaceId)).orderBy(asc(channels.createdAt));
}

/** Deletes a channel of the workspace; undefined when there is no such channel. */
export async function deleteChannelRow(db: Db, workspaceId: string, channelId: string): Promise<{ name: string; lineChannelId: string } | undefined> {
  const [deleted] = await db.delete(channels).where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, channelId)))
    .returning({ name: channels.name, lineChannelId: channels.lineChannelId });
  return deleted;
}
