import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { friends, inflowArrivals, inflowLoginStates, inflowRoutes, pendingInflows, tags } from '../db/schema/index.ts';
import type { FriendRow } from './friends.ts';
import type { Db, Tx } from './tx.ts';

// What the inflow flow (landing → LINE Login → callback → arrival) and its report read and write.

export type RouteRow = typeof inflowRoutes.$inferSelect;
export type LoginStateRow = typeof inflowLoginStates.$inferSelect;

/** A route by id, deleted or not (a deleted route's QR code still lands on a page). */
export async function findRoute(db: Tx, routeId: string): Promise<RouteRow | undefined> {
  const [row] = await db.select().from(inflowRoutes).where(eq(inflowRoutes.id, routeId));
  return row;
}

/** The workspace's routes that are not deleted, oldest first. */
export function listLiveRoutes(db: Tx, workspaceId: string): Promise<RouteRow[]> {
  return db.select().from(inflowRoutes)
    .where(and(eq(inflowRoutes.workspaceId, workspaceId), isNull(inflowRoutes.deletedAt))).orderBy(asc(inflowRoutes.createdAt), asc(inflowRoutes.name));
}

export async function insertRouteRow(db: Tx, row: typeof inflowRoutes.$inferInsert): Promise<RouteRow> {
  const [inserted] = await db.insert(inflowRoutes).values(row).returning();
  return inserted!;
}

export async function updateRouteRow(db: Tx, id: string, patch: Partial<Omit<RouteRow, 'id' | 'workspaceId'>>): Promise<RouteRow> {
  const [row] = await db.update(inflowRoutes).set(patch).where(eq(inflowRoutes.id, id)).returning();
  return row!;
}

/** The code is freed for a new route; the deleted one keeps a code nobody can type. */
export async function markRouteDeleted(db: Tx, id: string, at: Date): Promise<void> {
  await db.update(inflowRoutes).set({ deletedAt: at, code: `deleted-${id}` }).where(eq(inflowRoutes.id, id));
}

/** A route of the workspace that is not deleted. */
export async function findLiveRoute(tx: Tx, workspaceId: string, routeId: string): Promise<RouteRow | undefined> {
  const [row] = await tx.select().from(inflowRoutes)
    .where(and(eq(inflowRoutes.id, routeId), eq(inflowRoutes.workspaceId, workspaceId), isNull(inflowRoutes.deletedAt)));
  return row;
}

/**
 * Records an arrival and returns how many earlier arrivals of this friend through this route there
 * were. The friend's row is locked first, so two arrivals of one friend are counted one after the other.
 */
export async function recordArrival(tx: Tx, friend: FriendRow, routeId: string, kind: 'follow' | 'landing', at: Date): Promise<number> {
  await tx.select({ id: friends.id }).from(friends).where(eq(friends.id, friend.id)).for('update');
  const [earlier] = await tx.select({ n: sql<number>`count(*)::int` }).from(inflowArrivals)
    .where(and(eq(inflowArrivals.inflowRouteId, routeId), eq(inflowArrivals.friendId, friend.id)));
  await tx.insert(inflowArrivals).values({ workspaceId: friend.workspaceId, inflowRouteId: routeId, friendId: friend.id, kind, at });
  return earlier?.n ?? 0;
}

/** The ids among `tagIds` that are tags of the workspace (a tag deleted since is left out). */
export async function existingTagIds(tx: Tx, workspaceId: string, tagIds: string[]): Promise<string[]> {
  if (tagIds.length === 0) return [];
  const rows = await tx.select({ id: tags.id }).from(tags).where(and(eq(tags.workspaceId, workspaceId), inArray(tags.id, tagIds)));
  return rows.map((row) => row.id);
}

/** Stores a LINE Login state, dropping those older than `expiredBefore`. */
export async function saveLoginState(db: Db, row: Omit<LoginStateRow, 'createdAt'>, at: Date, expiredBefore: Date): Promise<void> {
  await db.delete(inflowLoginStates).where(lt(inflowLoginStates.createdAt, expiredBefore));
  await db.insert(inflowLoginStates).values({ ...row, createdAt: at });
}

/** Uses a login state up: it is deleted whether or not the login then succeeds. */
export async function claimLoginState(db: Db, state: string): Promise<LoginStateRow | undefined> {
  const [claim] = await db.delete(inflowLoginStates).where(eq(inflowLoginStates.state, state)).returning();
  return claim;
}

/** A friend without a route gets this one as theirs. */
export async function setFriendRoute(tx: Tx, friendId: string, routeId: string): Promise<void> {
  await tx.update(friends).set({ inflowRouteId: routeId }).where(eq(friends.id, friendId));
}

/** The route a LINE user came through, for their follow to claim (the latest landing wins). */
export async function savePendingInflow(tx: Tx, input: { workspaceId: string; channelId: string; lineUserId: string; inflowRouteId: string }, at: Date): Promise<void> {
  await tx.insert(pendingInflows).values(input)
    .onConflictDoUpdate({ target: [pendingInflows.channelId, pendingInflows.lineUserId], set: { inflowRouteId: input.inflowRouteId, createdAt: at } });
}

/** Every route of the workspace for the report, deleted ones too (their history stays). */
export function reportRoutes(db: Db, workspaceId: string) {
  return db.select({ id: inflowRoutes.id, name: inflowRoutes.name, deletedAt: inflowRoutes.deletedAt }).from(inflowRoutes)
    .where(eq(inflowRoutes.workspaceId, workspaceId)).orderBy(asc(inflowRoutes.createdAt), asc(inflowRoutes.name));
}

/**
 * Per route and day in the zone, from `from` to `to` inclusive (YYYY-MM-DD): friends who followed
 * through the route, and friends whose route it is who blocked the account that day.
 */
export async function reportCounts(db: Db, workspaceId: string, timeZone: string, from: string, toExclusive: string) {
  const start = sql`(${from}::date)::timestamp at time zone ${timeZone}`;
  const end = sql`(${toExclusive}::date)::timestamp at time zone ${timeZone}`;
  const result = await db.execute<{ route_id: string; day: string; added: number; blocked: number }>(sql`
    select route_id, to_char(day, 'YYYY-MM-DD') as day, sum(added)::int as added, sum(blocked)::int as blocked from (
      select a.inflow_route_id as route_id, (a.at at time zone ${timeZone})::date as day, count(distinct a.friend_id) as added, 0 as blocked
        from inflow_arrivals a
        where a.workspace_id = ${workspaceId} and a.kind = 'follow' and a.at >= ${start} and a.at < ${end}
        group by 1, 2
      union all
      select f.inflow_route_id, (t.at at time zone ${timeZone})::date, 0, count(distinct t.friend_id)
        from timeline_entries t join friends f on f.id = t.friend_id
        where t.workspace_id = ${workspaceId} and t.kind = 'blocked' and f.inflow_route_id is not null and t.at >= ${start} and t.at < ${end}
        group by 1, 2
    ) c group by 1, 2`);
  return result.rows;
}
