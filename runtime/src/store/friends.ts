import { and, count, desc, eq, ilike, inArray, sql } from 'drizzle-orm';
import { anyUuid, columnsOf } from './any-of.ts';
import { bulkInsert } from './bulk-insert.ts';
import type { FriendDetail, FriendSummary, RunStatus } from '@lsb/shared/api';
import type { Db, Tx } from './tx.ts';
import { friendTags, friends, runs, sends, timelineEntries } from '../db/schema/index.ts';
import { broadcastTimelineOf } from './broadcast-batches.ts';
import { runTimelineOf } from './run-timeline.ts';
import { sendTimelineOf } from './send-timeline.ts';
import { notFound } from '../errors.ts';
import { recordTimeline } from './timeline.ts';

export type FriendRow = typeof friends.$inferSelect;

export function toFriendSummary(row: FriendRow): FriendSummary {
  return {
    id: row.id,
    channelId: row.channelId,
    lineUserId: row.lineUserId,
    displayName: row.displayName,
    status: row.status,
    inflowRouteId: row.inflowRouteId,
    registeredAt: row.registeredAt.toISOString(),
    lastReactionAt: row.lastReactionAt?.toISOString() ?? null,
    isTester: row.isTester,
  };
}

export function toRunSummary(run: typeof runs.$inferSelect) {
  return {
    id: run.id,
    friendId: run.friendId,
    scenarioId: run.scenarioId,
    versionId: run.versionId,
    status: run.status,
    currentNodeId: run.currentNodeId,
    wakeAt: run.wakeAt?.toISOString() ?? null,
    startedAt: run.startedAt.toISOString(),
  };
}


/** Blocked: nothing more is sent. Queued sends are cancelled; the runs are the interpreter's
 *  (runs/friend-events.ts: held or ended, as each run's trigger says). */
export async function blockFriend(tx: Tx, friend: FriendRow, at: Date): Promise<void> {
  await tx.update(friends).set({ status: 'blocked', blockedAt: at }).where(eq(friends.id, friend.id));
  await tx.update(sends).set({ status: 'cancelled' }).where(and(eq(sends.friendId, friend.id), eq(sends.status, 'queued')));
  await recordTimeline(tx, [{ friend, event: { kind: 'blocked', detail: {} }, at }]);
}

export async function touchLastReaction(tx: Tx, friendId: string, at: Date) {
  await tx.update(friends).set({ lastReactionAt: at }).where(eq(friends.id, friendId));
}

/** Sets some of a friend's field values and clears others, in one statement. */
export async function setFriendFieldValues(tx: Tx, friendId: string, set: Record<string, unknown>, cleared: string[]): Promise<void> {
  await tx.update(friends)
    .set({ fields: sql`(${friends.fields} - array(select jsonb_array_elements_text(${JSON.stringify(cleared)}::jsonb))) || ${JSON.stringify(set)}::jsonb` })
    .where(eq(friends.id, friendId));
}

/** Which of these friends are active (not blocked), with their workspace. */
export async function activeFriendWorkspaces(tx: Tx, friendIds: string[]): Promise<Map<string, string>> {
  const active = await tx.select({ id: friends.id, workspaceId: friends.workspaceId }).from(friends)
    .where(and(anyUuid(friends.id, [...new Set(friendIds)]), eq(friends.status, 'active')));
  return new Map(active.map((friend) => [friend.id, friend.workspaceId]));
}

/** The workspace's friend by id or by LINE user id, locked for the caller's transaction. */
export async function lockWorkspaceFriend(tx: Tx, workspaceId: string, ref: { friendId: string } | { lineUserId: string }): Promise<FriendRow | undefined> {
  const where = 'friendId' in ref ? eq(friends.id, ref.friendId) : eq(friends.lineUserId, ref.lineUserId);
  const [friend] = await tx.select().from(friends).where(and(eq(friends.workspaceId, workspaceId), where)).limit(1).for('update');
  return friend;
}

/** Those of these friends whose profile is still to fetch, by id alone (the job carries no workspace). */
export function pendingProfiles(db: Tx, friendIds: string[]): Promise<Array<Pick<FriendRow, 'id' | 'channelId' | 'lineUserId'>>> {
  return db.select({ id: friends.id, channelId: friends.channelId, lineUserId: friends.lineUserId })
    .from(friends).where(and(anyUuid(friends.id, friendIds), eq(friends.profileStatus, 'pending')));
}

export type SettledProfile = { friendId: string } & ({ profileStatus: 'fetched'; displayName: string; pictureUrl: string | null } | { profileStatus: 'unavailable' });

/**
 * What LINE said about these friends' profiles, in one statement. A profile settles once: friends no
 * longer pending are left alone. An unavailable profile keeps the name we had (a returning friend's).
 * Returns the friends settled.
 */
export async function settleProfiles(tx: Tx, settled: SettledProfile[]): Promise<string[]> {
  if (settled.length === 0) return [];
  const column = columnsOf(settled);
  const { rows } = await tx.execute<{ id: string }>(sql`
    update ${friends} f set profile_status = v.status,
      display_name = case when v.status = 'fetched' then v.name else f.display_name end,
      picture_url = case when v.status = 'fetched' then v.picture else f.picture_url end
    from unnest(${column((r) => r.friendId)}::uuid[], ${column((r) => r.profileStatus)}::text[],
      ${column((r) => (r.profileStatus === 'fetched' ? r.displayName : null))}::text[],
      ${column((r) => (r.profileStatus === 'fetched' ? r.pictureUrl : null))}::text[]) as v(id, status, name, picture)
    where f.id = v.id and f.profile_status = 'pending'
    returning f.id`);
  return rows.map((row) => row.id);
}

/** The friend, locked for the caller's transaction (two taps or two reports at once count once). */
export async function lockFriend(tx: Tx, friendId: string): Promise<FriendRow | undefined> {
  const [row] = await tx.select().from(friends).where(eq(friends.id, friendId)).for('update');
  return row;
}

/** The friend with this LINE user id on the channel, locked for the caller's transaction. */
export async function lockFriendByLineUser(tx: Tx, channelId: string, lineUserId: string): Promise<FriendRow | undefined> {
  const [row] = await tx.select().from(friends).where(and(eq(friends.channelId, channelId), eq(friends.lineUserId, lineUserId))).for('update');
  return row;
}

/** The friend with this LINE user id on the channel, unlocked. */
export async function findFriendByLineUser(db: Tx, channelId: string, lineUserId: string): Promise<FriendRow | undefined> {
  const [row] = await db.select().from(friends).where(and(eq(friends.channelId, channelId), eq(friends.lineUserId, lineUserId)));
  return row;
}

/** A virtual friend's clock runs `offsetMs` ahead of the real one. */
export async function setClockOffset(tx: Tx, friendId: string, offsetMs: number): Promise<void> {
  await tx.update(friends).set({ clockOffsetMs: offsetMs }).where(eq(friends.id, friendId));
}

export async function getFriendRow(db: Tx, workspaceId: string, friendId: string): Promise<FriendRow> {
  const [row] = await db.select().from(friends).where(and(eq(friends.workspaceId, workspaceId), eq(friends.id, friendId)));
  if (!row) throw notFound('friend');
  return row;
}

/**
 * Entries of one instant, in the order they happened (the timeline reads newest first): what
 * brought the friend, then a run's start, what the run did, and its end.
 */
function causalRank(kind: string): number {
  if (kind === 'followed' || kind === 'unblocked' || kind === 'inflow_arrived') return 0;
  if (kind === 'run_started') return 1;
  if (kind === 'run_finished' || kind === 'run_stopped') return 3;
  return 2;
}

export async function getFriendDetail(db: Db, workspaceId: string, friendId: string): Promise<FriendDetail> {
  const row = await getFriendRow(db, workspaceId, friendId);
  const [tagRows, runRows, timelineRows, sendRows, broadcastRows] = await Promise.all([
    db.select({ tagId: friendTags.tagId }).from(friendTags).where(eq(friendTags.friendId, friendId)),
    db.select().from(runs).where(eq(runs.friendId, friendId)).orderBy(desc(runs.startedAt)),
    db.select().from(timelineEntries).where(eq(timelineEntries.friendId, friendId)).orderBy(desc(timelineEntries.at)).limit(200),
    // Runs, sends and batched broadcasts write no timeline entry per friend: their rows are read as entries.
    sendTimelineOf(db, friendId, 200),
    broadcastTimelineOf(db, friendId, 200),
  ]);
  const runEntries = await runTimelineOf(db, runRows);
  const timeline = [...timelineRows.map((entry) => ({ kind: entry.kind, detail: entry.detail, at: entry.at })), ...runEntries, ...sendRows, ...broadcastRows]
    .sort((a, b) => b.at.getTime() - a.at.getTime() || causalRank(b.kind) - causalRank(a.kind)).slice(0, 200);
  return {
    ...toFriendSummary(row),
    tagIds: tagRows.map((tag) => tag.tagId),
    fields: row.fields,
    runs: runRows.map(toRunSummary),
    timeline: timeline.map((entry) => ({ kind: entry.kind, detail: entry.detail, at: entry.at.toISOString() })),
  };
}

/** Tags changed by hand (operator UI, API). Added tags fire tag triggers like a scenario's would. */
export async function changeFriendTags(tx: Tx, friend: FriendRow, change: { add?: string[]; remove?: string[] }, at: Date): Promise<string[]> {
  const added = change.add?.length
    ? await insertFriendTags(tx, change.add.map((tagId) => ({ workspaceId: friend.workspaceId, friendId: friend.id, tagId, addedAt: at })))
    : [];
  if (change.remove?.length) {
    await tx.delete(friendTags).where(and(eq(friendTags.friendId, friend.id), inArray(friendTags.tagId, change.remove)));
  }
  await recordTimeline(tx, added.map(({ tagId }) => ({ friend, event: { kind: 'tag_added', detail: { tagId, by: 'operator' } }, at })));
  return added.map((row) => row.tagId);
}

/** Tags given to friends (of any workspaces) in one multi-row insert; answers the pairs that are new. */
export async function insertFriendTags(tx: Tx, rows: Array<typeof friendTags.$inferInsert>): Promise<Array<{ friendId: string; tagId: string }>> {
  const added = await bulkInsert<typeof friendTags.$inferInsert, { friend_id: string; tag_id: string }>(tx, 'friend_tags', [
    { name: 'workspace_id', type: 'uuid', value: (r) => r.workspaceId },
    { name: 'friend_id', type: 'uuid', value: (r) => r.friendId },
    { name: 'tag_id', type: 'uuid', value: (r) => r.tagId },
    { name: 'added_at', type: 'timestamptz', value: (r) => r.addedAt },
  ], rows, sql`on conflict do nothing returning friend_id, tag_id`);
  return added.map((row) => ({ friendId: row.friend_id, tagId: row.tag_id }));
}

/** Field values merge into friends.fields and the `cleared` keys go, per friend, in one statement. */
export async function mergeFriendFields(tx: Tx, ids: string[], patches: string[], cleared: string[]): Promise<void> {
  await tx.execute(sql`
      update friends f set fields = (f.fields || v.patch) - v.cleared
      from (select * from unnest(${sql.param(ids)}::uuid[], ${sql.param(patches)}::jsonb[], ${sql.param(cleared)}::text[]) as t(id, patch, cleared_text)) as t0
      cross join lateral (select t0.id, t0.patch, t0.cleared_text::text[] as cleared) as v
      where f.id = v.id`);
}

/** A page of the workspace's friends, newest first, optionally by a display-name substring. */
export async function listFriends(db: Db, workspaceId: string, query: { q?: string | undefined; limit: number; offset: number }): Promise<{ friends: FriendSummary[]; total: number }> {
  const where = and(eq(friends.workspaceId, workspaceId),
    query.q ? ilike(friends.displayName, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined);
  const [rows, [total]] = await Promise.all([
    db.select().from(friends).where(where).orderBy(desc(friends.registeredAt)).limit(query.limit).offset(query.offset),
    db.select({ n: count() }).from(friends).where(where),
  ]);
  return { friends: rows.map(toFriendSummary), total: total?.n ?? 0 };
}

/** The friends of one channel, newest first (the simulator's virtual friends). */
export async function listChannelFriends(db: Db, workspaceId: string, channelId: string): Promise<FriendSummary[]> {
  const rows = await db.select().from(friends)
    .where(and(eq(friends.workspaceId, workspaceId), eq(friends.channelId, channelId))).orderBy(desc(friends.registeredAt));
  return rows.map(toFriendSummary);
}

/** The workspace's runs, newest first, filtered by scenario, friend and status. */
export async function listRuns(db: Db, workspaceId: string, query: { scenarioId?: string | undefined; friendId?: string | undefined; status?: RunStatus | undefined; limit: number }) {
  const rows = await db.select().from(runs).where(and(
    eq(runs.workspaceId, workspaceId),
    query.scenarioId ? eq(runs.scenarioId, query.scenarioId) : undefined,
    query.friendId ? eq(runs.friendId, query.friendId) : undefined,
    query.status ? eq(runs.status, query.status) : undefined,
  )).orderBy(desc(runs.startedAt)).limit(query.limit);
  return rows.map(toRunSummary);
}
