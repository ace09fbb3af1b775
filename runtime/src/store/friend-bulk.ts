import { and, eq, inArray, sql } from 'drizzle-orm';
import { friendJobRows, friendJobs, friendTags, friends } from '../db/schema/index.ts';
import type { Db, Tx } from './tx.ts';
import { chunks } from '../chunks.ts';

// Set-based writes for work over many friends (bulk tags, CSV import): each call is one or two
// multi-row statements for a whole chunk.

export async function findFriendsByLineUserIds(db: Db, workspaceId: string, lineUserIds: string[]) {
  const found = new Map<string, { id: string; displayName: string }[]>();
  for (const part of chunks(lineUserIds, 10_000)) {
    const rows = await db.select({ id: friends.id, lineUserId: friends.lineUserId, displayName: friends.displayName }).from(friends)
      .where(and(eq(friends.workspaceId, workspaceId), inArray(friends.lineUserId, part)));
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

/** How long a job is its process's without a committed chunk; past it, any API process takes it over. */
export const FRIEND_JOB_LEASE_MS = 30_000;

/** A job is created leased to its creator (the token), with an import's rows stored in the same transaction. */
export async function insertFriendJob(
  db: Db, row: { workspaceId: string; kind: 'tags' | 'import'; total: number; detail: unknown; createdAt: Date; leaseToken: string }, rows: unknown[] = [],
) {
  return db.transaction(async (tx) => {
    const [created] = await tx.insert(friendJobs).values({ ...row, leaseUntil: new Date(row.createdAt.getTime() + FRIEND_JOB_LEASE_MS) }).returning();
    for (let i = 0; i < rows.length; i += 5_000) {
      const part = rows.slice(i, i + 5_000);
      await tx.execute(sql`
        insert into ${friendJobRows} (job_id, workspace_id, seq, row)
        select ${created!.id}::uuid, ${row.workspaceId}::uuid, ${i} + r.n - 1, r.row from jsonb_array_elements(${JSON.stringify(part)}::jsonb) with ordinality as r(row, n)`);
    }
    return created!;
  });
}

/** An import's stored rows from `from` on, in order. */
export async function friendJobRowsFrom(db: Db, jobId: string, from: number, limit: number): Promise<unknown[]> {
  const rows = await db.select({ row: friendJobRows.row }).from(friendJobRows)
    .where(and(eq(friendJobRows.jobId, jobId), sql`${friendJobRows.seq} >= ${from}`)).orderBy(friendJobRows.seq).limit(limit);
  return rows.map((r) => r.row);
}

/**
 * Running jobs whose lease lapsed (their process died): taken with a new token, SKIP LOCKED, so of
 * several API processes one takes each.
 */
export async function takeOrphanedFriendJobs(db: Db, now: Date, limit = 5): Promise<FriendJobRow[]> {
  const rows = await db.execute<{ id: string }>(sql`
    update ${friendJobs} set lease_token = gen_random_uuid(), lease_until = ${new Date(now.getTime() + FRIEND_JOB_LEASE_MS).toISOString()}::timestamptz
    where id in (select id from ${friendJobs} where status = 'running' and (lease_until is null or lease_until < ${now.toISOString()}::timestamptz)
                 order by created_at limit ${limit} for update skip locked)
    returning id`);
  if (rows.rows.length === 0) return [];
  return db.select().from(friendJobs).where(inArray(friendJobs.id, rows.rows.map((r) => r.id)));
}

export class LostFriendJobLease extends Error {}

/**
 * Inside a chunk's transaction, after its writes: progress, the cursor and a renewed lease, only
 * while the token is still this process's. When another process took the job over, this throws
 * and the chunk's writes roll back with it: a chunk is applied once, by whoever holds the job.
 */
export async function recordJobChunk(tx: Tx, job: { id: string; leaseToken: string }, chunk: { processed: number; changed: number; cursor: string }, now: Date) {
  const updated = await tx.update(friendJobs).set({
    processed: sql`${friendJobs.processed} + ${chunk.processed}`,
    detail: sql`jsonb_set(${friendJobs.detail}, '{changed}', to_jsonb(coalesce((${friendJobs.detail} ->> 'changed')::int, 0) + ${chunk.changed}))`,
    cursor: chunk.cursor,
    leaseUntil: new Date(now.getTime() + FRIEND_JOB_LEASE_MS),
  }).where(and(eq(friendJobs.id, job.id), eq(friendJobs.leaseToken, job.leaseToken), eq(friendJobs.status, 'running'))).returning({ id: friendJobs.id });
  if (updated.length === 0) throw new LostFriendJobLease(`friend job ${job.id} is no longer this process's`);
}

export async function findFriendJob(db: Db, workspaceId: string, id: string) {
  const [row] = await db.select().from(friendJobs).where(and(eq(friendJobs.workspaceId, workspaceId), eq(friendJobs.id, id)));
  return row;
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

/** Ends the job if this process still holds it; an import's stored rows go with it. */
export async function finishFriendJob(db: Db, job: { id: string; leaseToken: string }, status: 'done' | 'cancelled' | 'failed', at: Date) {
  await db.transaction(async (tx) => {
    const ended = await tx.update(friendJobs).set({ status, finishedAt: at, leaseUntil: null })
      .where(and(eq(friendJobs.id, job.id), eq(friendJobs.status, 'running'), eq(friendJobs.leaseToken, job.leaseToken))).returning({ id: friendJobs.id });
    if (ended.length) await tx.delete(friendJobRows).where(eq(friendJobRows.jobId, job.id));
  });
}
