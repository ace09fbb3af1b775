import { and, eq, sql } from 'drizzle-orm';
import { anyUuid } from './any-of.ts';
import { conversions, friendTags, friends, linkClicks, runs, sends, workspaces } from '../db/schema/index.ts';
import { capCounts } from './caps.ts';
import { cohortSendFacts } from './cohort-sends.ts';
import type { Tx } from './tx.ts';

/** Which kinds of behaviour facts some branch in a batch's graphs can ask about. */
export interface FactNeeds { runs: boolean; clicks: boolean; sends: boolean; conversions: boolean }

/**
 * What the engine may ask about these friends, read for a whole batch at once: one query per kind
 * of fact, whatever the batch size, and only the kinds in `needs`. Sequential on purpose: inside a
 * transaction they share one connection. Caps are counted only for friends of capped workspaces
 * (as of the real `now`: the sends' own times).
 */
export async function readFriendFacts(tx: Tx, ids: string[], needs: FactNeeds, now: Date) {
  // The columns a snapshot uses, and each workspace once: a cohort's thousand friends share one,
  // whose delivery windows would otherwise be sent and parsed with every friend's row.
  const friendRows = await tx.select({
    id: friends.id, workspaceId: friends.workspaceId, channelId: friends.channelId, lineUserId: friends.lineUserId, status: friends.status, inflowRouteId: friends.inflowRouteId,
    fields: friends.fields, registeredAt: friends.registeredAt, lastReactionAt: friends.lastReactionAt, displayName: friends.displayName,
    profileStatus: friends.profileStatus, clockOffsetMs: friends.clockOffsetMs, readXmin: readXminSql,
  }).from(friends).where(anyUuid(friends.id, ids));
  const friendsReadXmin = friendRows[0]?.readXmin ?? FIRST_XID;
  const workspaceRows = friendRows.length === 0 ? [] : await tx.select({
    workspaceId: workspaces.workspaceId, timeZone: workspaces.timeZone, deliveryWindows: workspaces.deliveryWindows,
    capped: sql<boolean>`${workspaces.capPerDay} is not null or ${workspaces.capPerWeek} is not null`,
  }).from(workspaces).where(anyUuid(workspaces.workspaceId, [...new Set(friendRows.map((row) => row.workspaceId))]));
  const workspaceOf = new Map(workspaceRows.map((row) => [row.workspaceId, row]));
  const rows = friendRows.flatMap((friend) => {
    const workspace = workspaceOf.get(friend.workspaceId);
    return workspace ? [{ friend, timeZone: workspace.timeZone, deliveryWindows: workspace.deliveryWindows, capped: workspace.capped }] : [];
  });
  const tagRows = await tx.select({ friendId: friendTags.friendId, tagId: friendTags.tagId }).from(friendTags).where(anyUuid(friendTags.friendId, ids));
  const runRows = !needs.runs ? [] : await tx.select({ friendId: runs.friendId, scenarioId: runs.scenarioId, status: runs.status }).from(runs).where(anyUuid(runs.friendId, ids));
  const clickRows = !needs.clicks ? [] : await tx.selectDistinct({ friendId: linkClicks.friendId, linkId: linkClicks.linkId }).from(linkClicks).where(anyUuid(linkClicks.friendId, ids));
  const sendRows = !needs.sends ? [] : [
    ...await tx.selectDistinct({ friendId: sends.friendId, scenarioId: sends.scenarioId, nodeId: sends.nodeId }).from(sends)
      .where(and(anyUuid(sends.friendId, ids), eq(sends.status, 'sent'))),
    ...await cohortSendFacts(tx, ids),
  ];
  const cappedIds = rows.filter((row) => row.capped).map((row) => row.friend.id);
  const caps = cappedIds.length ? await capCounts(tx, cappedIds, now, 'planned') : new Map<string, never>();
  const conversionRows = !needs.conversions ? [] : await tx.select({
    friendId: conversions.friendId, name: conversions.name, pointId: conversions.pointId, at: conversions.at, value: conversions.value,
  }).from(conversions).where(anyUuid(conversions.friendId, ids));
  return { rows, tagRows, runRows, clickRows, sendRows, caps, conversionRows, friendsReadXmin };
}

/**
 * SQL: the oldest transaction the statement's snapshot cannot see (its xmin), once per statement (an
 * uncorrelated subquery): a friend it reads active was not blocked by any older transaction.
 */
const readXminSql = sql<string>`(select pg_snapshot_xmin(pg_current_snapshot()))::text`;

/** The first transaction id: every transaction is as new as this. */
const FIRST_XID = '1';
