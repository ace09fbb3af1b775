import { and, eq, sql } from 'drizzle-orm';
import { friends, pendingInflows } from '../db/schema/index.ts';
import { anyText, anyUuid } from './any-of.ts';
import { asTableRows, bulkInsert } from './bulk-insert.ts';
import { timeOrderedUuid } from './ids.ts';
import type { FriendRow } from './friends.ts';
import { recordTimeline } from './timeline.ts';
import type { Tx } from './tx.ts';

// Set-based friend writes for the webhook: a batch of follows or messages costs a handful of
// statements, whatever its size.

export interface FollowWrite { lineUserId: string }

export interface FollowResult { friend: FriendRow; isNew: boolean; returning: boolean; inflowRouteId: string | null }

/** The inflow routes these users arrived through, each claimed once by their follow. */
export async function takePendingInflows(tx: Tx, channelId: string, lineUserIds: string[]): Promise<Map<string, string>> {
  const claims = await tx.delete(pendingInflows)
    .where(and(eq(pendingInflows.channelId, channelId), anyText(pendingInflows.lineUserId, lineUserIds)))
    .returning({ lineUserId: pendingInflows.lineUserId, routeId: pendingInflows.inflowRouteId });
  return new Map(claims.map((claim) => [claim.lineUserId, claim.routeId]));
}

/** The channel's friends with these LINE user ids, locked (a follow and a message of one user never race). */
export async function lockFriendsByLineUser(tx: Tx, channelId: string, lineUserIds: string[]): Promise<Map<string, FriendRow>> {
  if (lineUserIds.length === 0) return new Map();
  const rows = await tx.select().from(friends)
    .where(and(eq(friends.channelId, channelId), anyText(friends.lineUserId, lineUserIds))).orderBy(friends.id).for('update');
  return new Map(rows.map((row) => [row.lineUserId, row]));
}

/**
 * Records follows: new friends inserted, known ones reactivated (one statement each way), and a
 * timeline entry each. `returning` comes from our own record (LINE's isUnblocked is not guaranteed).
 * Every follower's profile is pending, to be fetched after the batch commits (ingest/profiles.ts):
 * a new friend has no name until then, a returning one keeps theirs until LINE gives the current one.
 */
export async function writeFollows(
  tx: Tx, channel: { id: string; workspaceId: string }, follows: FollowWrite[], inflows: Map<string, string>, at: Date,
): Promise<FollowResult[]> {
  const existing = await lockFriendsByLineUser(tx, channel.id, follows.map((follow) => follow.lineUserId));
  const fresh = follows.filter((follow) => !existing.has(follow.lineUserId));
  const known = follows.filter((follow) => existing.has(follow.lineUserId));
  const results: FollowResult[] = [];
  if (fresh.length) {
    const created = await insertFriends(tx, channel, fresh.map((follow) => ({
      lineUserId: follow.lineUserId, displayName: '', pictureUrl: null,
      inflowRouteId: inflows.get(follow.lineUserId) ?? null, profileStatus: 'pending' as const,
    })), at);
    for (const friend of created) results.push({ friend, isNew: true, returning: false, inflowRouteId: friend.inflowRouteId });
  }
  if (known.length) {
    const rows = known.map((follow) => {
      const before = existing.get(follow.lineUserId)!;
      return { id: before.id, route: before.inflowRouteId ?? inflows.get(follow.lineUserId) ?? null };
    });
    await tx.execute(sql`
      update ${friends} f set status = 'active', blocked_at = null, inflow_route_id = v.route, profile_status = 'pending'
      from (select * from unnest(${sql.param(rows.map((r) => r.id))}::uuid[], ${sql.param(rows.map((r) => r.route))}::uuid[]) as t(id, route)) as v
      where f.id = v.id`);
    const after = await tx.select().from(friends).where(anyUuid(friends.id, rows.map((row) => row.id)));
    const byId = new Map(after.map((row) => [row.id, row]));
    for (const follow of known) {
      const before = existing.get(follow.lineUserId)!;
      results.push({ friend: byId.get(before.id)!, isNew: false, returning: before.status === 'blocked', inflowRouteId: byId.get(before.id)!.inflowRouteId });
    }
  }
  await recordTimeline(tx, results.map(({ friend, isNew, returning }) => ({
    friend,
    event: isNew ? { kind: 'followed' as const, detail: { inflowRouteId: friend.inflowRouteId } }
      : returning ? { kind: 'unblocked' as const, detail: {} } : { kind: 'followed' as const, detail: {} },
    at,
  })));
  const order = new Map(follows.map((follow, index) => [follow.lineUserId, index]));
  return results.sort((a, b) => order.get(a.friend.lineUserId)! - order.get(b.friend.lineUserId)!);
}

/**
 * The friends these users are, adopting any we have no record of (added before we were connected:
 * recorded, nothing started, their profile fetched later).
 */
export async function findOrAdoptFriends(tx: Tx, channel: { id: string; workspaceId: string }, lineUserIds: string[], at: Date): Promise<{ byUser: Map<string, FriendRow>; adopted: FriendRow[] }> {
  const byUser = await lockFriendsByLineUser(tx, channel.id, lineUserIds);
  const missing = [...new Set(lineUserIds.filter((id) => !byUser.has(id)))];
  if (missing.length === 0) return { byUser, adopted: [] };
  const adopted = await insertFriends(tx, channel, missing.map((lineUserId) => ({
    lineUserId, displayName: '', pictureUrl: null, inflowRouteId: null, profileStatus: 'pending' as const,
  })), at);
  await recordTimeline(tx, adopted.map((friend) => ({ friend, event: { kind: 'followed' as const, detail: { inflowRouteId: null } }, at })));
  for (const friend of adopted) byUser.set(friend.lineUserId, friend);
  return { byUser, adopted };
}

/** Their last reaction is now (one statement). */
export async function touchLastReactions(tx: Tx, friendIds: string[], at: Date): Promise<void> {
  if (friendIds.length) await tx.update(friends).set({ lastReactionAt: at }).where(anyUuid(friends.id, [...new Set(friendIds)]));
}

type NewFriend = Pick<FriendRow, 'lineUserId' | 'displayName' | 'pictureUrl' | 'inflowRouteId' | 'profileStatus'>;

/** New friends of the channel in one statement (an array per column, not a parameter per cell), as drizzle rows. */
async function insertFriends(tx: Tx, channel: { id: string; workspaceId: string }, rows: NewFriend[], at: Date): Promise<FriendRow[]> {
  const inserted = await bulkInsert<NewFriend>(tx, 'friends', [
    // Time-ordered keys append to the primary key's right edge (a random one lands on any page).
    { name: 'id', type: 'uuid', value: () => timeOrderedUuid(at) },
    { name: 'workspace_id', type: 'uuid', value: () => channel.workspaceId },
    { name: 'channel_id', type: 'uuid', value: () => channel.id },
    { name: 'line_user_id', type: 'text', value: (row) => row.lineUserId },
    { name: 'display_name', type: 'text', value: (row) => row.displayName },
    { name: 'picture_url', type: 'text', value: (row) => row.pictureUrl },
    { name: 'inflow_route_id', type: 'uuid', value: (row) => row.inflowRouteId },
    { name: 'registered_at', type: 'timestamptz', value: () => at },
    { name: 'profile_status', type: 'text', value: (row) => row.profileStatus },
  ], rows, sql`returning *`);
  return asTableRows(friends, inserted);
}
