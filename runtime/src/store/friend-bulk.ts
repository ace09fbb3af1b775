import { and, eq, inArray, sql } from 'drizzle-orm';
import { friendJobs, friendTags, friends } from '../db/schema/index.ts';
import type { Db, Tx } from './tx.ts';

// Set-based writes for work over many friends (bulk tags, CSV import): each call is one or two
// multi-row statements for a whole chunk.

export async function findFriendsByLineUserIds(db: Db, workspaceId: string, lineUserIds: string[]) {
  const found = new Map<string, { id: string; displayName: string }[]>();
  for (let i = 0; i < lineUserIds.length; i += 10_000) {
    const rows = await db.select({ id: friends.id, lineUserId: friends.lineUserId, displayName: friends.displayName }).from(friends)
      .where(and(eq(friends.workspaceId, workspaceId), inArray(friends.lineUserId, lineUserIds.slice(i, i + 10_000))));
    for (const row of rows) found.set(row.lineUserId, [...(found.get(row.lineUserId) ?? []), { id: row.id, displayName: row.displayName }]);
  }
  return found;
}

/** Adds (friend, tag) pairs that are missing; answers the pairs actually added. */
export async function addFriendTagPairs(tx: Tx, workspaceId: string, pairs: { friendId: string; tagId: string }[], at: Date) {
  if (pairs.length === 0) return [];
  const rows = await tx.execute<{ friend_id: string; tag_id: string }>(sql`
    insert into ${friendTags} (workspace_id, friend_id, tag_id, added_at)
    select ${workspaceId}::uuid, p.friend_id, p.tag_id, ${at.toISOString()}::timestamptz
    from unnest(${sql.param(pairs.map((p) => p.friendId))}::uuid[], ${sql.param(pairs.map((p) => p.tagId))}::uuid[]) as p(friend_id, tag_id)
    on conflict do nothing
    returning friend_id, tag_id`);
  return rows.rows.map((r: { friend_id: string; tag_id: string }) => ({ friendId: r.friend_id, tagId: r.tag_id }));
}

export async function removeFriendTagPairs(tx: Tx, pairs: { friendId: string; tagId: string }[]) {
  if (pairs.length === 0) return [];
  const rows = await tx.execute<{ friend_id: string; tag_id: string }>(sql`
    delete from ${friendTags} using unnest(${sql.param(pairs.map((p) => p.friendId))}::uuid[], ${sql.param(pairs.map((p) => p.tagId))}::uuid[]) as d(friend_id, tag_id)
    where ${friendTags.friendId} = d.friend_id and ${friendTags.tagId} = d.tag_id
    returning ${friendTags.friendId} as friend_id, ${friendTags.tagId} as tag_id`);
  return rows.rows.map((r: { friend_id: string; tag_id: string }) => ({ friendId: r.friend_id, tagId: r.tag_id }));
}

/** Merges values into friends' fields (one statement for the chunk). */
export async function patchFriendFields(tx: Tx, workspaceId: string, patches: { friendId: string; values: Record<string, unknown> }[]) {
  if (patches.length === 0) return;
  await tx.execute(sql`
    update ${friends} f set fields = f.fields || x.patch
    from jsonb_to_recordset(${JSON.stringify(patches.map((p) => ({ id: p.friendId, patch: p.values })))}::jsonb) as x(id uuid, patch jsonb)
    where f.id = x.id and f.workspace_id = ${workspaceId}`);
}

// ---- friend_jobs

export type FriendJobRow = typeof friendJobs.$inferSelect;

export async function insertFriendJob(db: Db, row: { workspaceId: string; kind: 'tags' | 'import'; total: number; detail: unknown; createdAt: Date }) {
  const [created] = await db.insert(friendJobs).values(row).returning();
  return created!;
}

export async function findFriendJob(db: Db, workspaceId: string, id: string) {
  const [row] = await db.select().from(friendJobs).where(and(eq(friendJobs.workspaceId, workspaceId), eq(friendJobs.id, id)));
  return row;
}

export async function recordJobProgress(db: Tx, id: string, processed: number, changed: number) {
  await db.update(friendJobs).set({
    processed: sql`${friendJobs.processed} + ${processed}`,
    detail: sql`jsonb_set(${friendJobs.detail}, '{changed}', to_jsonb(coalesce((${friendJobs.detail} ->> 'changed')::int, 0) + ${changed}))`,
  }).where(eq(friendJobs.id, id));
}

export async function isCancelRequested(db: Db, id: string): Promise<boolean> {
  const [row] = await db.select({ cancel: friendJobs.cancelRequested }).from(friendJobs).where(eq(friendJobs.id, id));
  return row?.cancel ?? true;
}

export async function requestJobCancel(db: Db, workspaceId: string, id: string) {
  const [row] = await db.update(friendJobs).set({ cancelRequested: true })
    .where(and(eq(friendJobs.workspaceId, workspaceId), eq(friendJobs.id, id))).returning();
  return row;
}

export async function finishFriendJob(db: Db, id: string, status: 'done' | 'cancelled' | 'failed', at: Date) {
  await db.update(friendJobs).set({ status, finishedAt: at }).where(and(eq(friendJobs.id, id), eq(friendJobs.status, 'running')));
}
