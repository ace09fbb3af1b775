import { and, eq } from 'drizzle-orm';
import { channels } from '../db/schema/index.ts';
import type { Db } from './tx.ts';

export type ChannelRow = typeof channels.$inferSelect;

/** A channel by id; with a workspace id, only that workspace's. */
export async function findChannel(db: Db, channelId: string, workspaceId?: string): Promise<ChannelRow | undefined> {
  const [row] = await db.select().from(channels)
    .where(and(eq(channels.id, channelId), workspaceId === undefined ? undefined : eq(channels.workspaceId, workspaceId)));
  return row;
}

/** Changes a channel of the workspace; undefined when there is no such channel. */
export async function updateChannel(db: Db, workspaceId: string, channelId: string, patch: Partial<Omit<ChannelRow, 'id' | 'workspaceId'>>): Promise<ChannelRow | undefined> {
  const [row] = await db.update(channels).set(patch).where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, channelId))).returning();
  return row;
}
