import { sql, type SQL } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { applyDeliveryWindows, parseDeliveryWindows } from '@lsb/shared';
import type { CapPolicy } from '@lsb/shared/api';
import { broadcastBatchMembers, broadcastBatches, friendCapLocks, runs, sends, workspaces } from '../db/schema/index.ts';
import { cohortSentTimesSql } from './cohort-sends.ts';
import type { Tx } from './tx.ts';

/**
 * 配信上限 (message caps): "at most N messages per friend per day / per week", days and ISO weeks
 * (Monday to Sunday) in the workspace's zone. What counts is the sends themselves, scenario and
 * broadcast alike: a row `sent` in the period, or `sending` (in a LINE request right now). No
 * counter is kept, so nothing can drift; the race for a friend's last slot is settled by a lock on
 * the friend's `friend_cap_locks` row inside the sender's claim (takeCapSlots).
 */

/** A set of friends: ids, or SQL selecting one column of friend ids (a recipients table). */
export type FriendSet = readonly string[] | SQL;

export interface CapCount {
  friendId: string;
  perDay: number | null;
  perWeek: number | null;
  /** Messages counted in the friend's current day / week. */
  today: number;
  thisWeek: number;
  /** When the current day / week ends (the next one starts), in the workspace's zone. */
  dayEnd: Date;
  weekEnd: Date;
}

/** Which rows count: `sent` (sent or in a LINE request) for decisions, `planned` adds rows still queued for the period. */
export type CapCountMode = 'sent' | 'planned';

function friendSetSql(friends: FriendSet): SQL {
  return Array.isArray(friends) ? sql`select unnest(${sql.param([...friends])}::uuid[])` : friends as SQL;
}

/**
 * Per friend of the set whose workspace has a cap: the caps and the counts in the friend's current
 * day and week at `now`. Friends of workspaces without caps are absent. One statement; each friend's
 * sends are read through `sends_friend_seq`, a batched broadcast's and a cohort's through their
 * members' GIN indexes. (A capped workspace's sends are never written as cohort batches, but a cap
 * set today counts what its cohorts sent this week.)
 */
export async function capCounts(tx: Tx, friends: FriendSet, now: Date, mode: CapCountMode = 'sent'): Promise<Map<string, CapCount>> {
  if (Array.isArray(friends) && friends.length === 0) return new Map();
  const at = sql`${now.toISOString()}::timestamptz`;
  const statuses = mode === 'planned' ? sql`('sent', 'sending', 'queued')` : sql`('sent', 'sending')`;
  const { rows } = await tx.execute<{
    friend_id: string; cap_per_day: number | null; cap_per_week: number | null; today: number; this_week: number; day_end: string; week_end: string;
  }>(sql`
    with f as (
      select fr.id as friend_id, w.cap_per_day, w.cap_per_week,
        (date_trunc('day', ${at} at time zone w.time_zone) at time zone w.time_zone) as day_start,
        ((date_trunc('day', ${at} at time zone w.time_zone) + interval '1 day') at time zone w.time_zone) as day_end,
        (date_trunc('week', ${at} at time zone w.time_zone) at time zone w.time_zone) as week_start,
        ((date_trunc('week', ${at} at time zone w.time_zone) + interval '7 days') at time zone w.time_zone) as week_end
      from friends fr join ${workspaces} w on w.workspace_id = fr.workspace_id
      where fr.id in (${friendSetSql(friends)}) and (w.cap_per_day is not null or w.cap_per_week is not null))
    select f.friend_id, f.cap_per_day, f.cap_per_week, f.day_end, f.week_end, c.today, c.this_week
    from f cross join lateral (
      select count(*) filter (where m.at >= f.day_start and m.at < f.day_end)::int as today,
             count(*) filter (where m.at >= f.week_start and m.at < f.week_end)::int as this_week
      from (select case when s.status = 'sent' then s.sent_at else greatest(s.due_at, ${at}) end as at
            from ${sends} s where s.friend_id = f.friend_id and s.status in ${statuses}
            union all
            select coalesce(b.sent_at, ${at}) from ${broadcastBatchMembers} bm join ${broadcastBatches} b on b.id = bm.batch_id
            where bm.friend_ids @> array[f.friend_id] and b.status in ${statuses}
            union all
            ${cohortSentTimesSql(sql`f.friend_id`)}) m) c`);
  return new Map(rows.map((row) => [row.friend_id, {
    friendId: row.friend_id, perDay: row.cap_per_day, perWeek: row.cap_per_week, today: row.today, thisWeek: row.this_week,
    dayEnd: new Date(row.day_end), weekEnd: new Date(row.week_end),
  }]));
}

/** Whether one more message would go past a cap. */
export function isFull(count: Pick<CapCount, 'perDay' | 'perWeek' | 'today' | 'thisWeek'>): boolean {
  return (count.perDay !== null && count.today >= count.perDay) || (count.perWeek !== null && count.thisWeek >= count.perWeek);
}

/** When a full friend has room again: the next day, or the next week when the week is full (the later). */
export function capOpensAt(count: CapCount): Date {
  const weekFull = count.perWeek !== null && count.thisWeek >= count.perWeek;
  return weekFull ? count.weekEnd : count.dayEnd;
}

/**
 * The friends of the set who have reached a cap of their workspace at `now` (sent or in flight):
 * what a broadcast leaves out (and counts in its results). Transactional broadcasts simply do not ask.
 */
export async function friendsOverCap(tx: Tx, workspaceId: string, friends: FriendSet, now: Date): Promise<Set<string>> {
  const counts = await capCounts(tx, Array.isArray(friends) ? friends : sql`select x.friend_id from (${friends}) x(friend_id)
    join friends fr on fr.id = x.friend_id where fr.workspace_id = ${workspaceId}`, now);
  return new Set([...counts.values()].filter((count) => isFull(count)).map((count) => count.friendId));
}

/**
 * A predicate over `f` (a friends row): the friend has reached a cap of their workspace at `now`,
 * counting what is sent or in a LINE request — `friendsOverCap` as SQL, so a broadcast's audience is
 * counted and frozen with it in one statement. Workspaces without caps never match.
 */
export function overCapSql(now: Date): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  const counted = (from: SQL, to: SQL) => sql`((select count(*) from ${sends} s where s.friend_id = f.id and s.status in ('sent', 'sending')
    and coalesce(s.sent_at, greatest(s.due_at, ${at})) >= ${from} and coalesce(s.sent_at, greatest(s.due_at, ${at})) < ${to})
    + (select count(*) from ${broadcastBatchMembers} bm join ${broadcastBatches} b on b.id = bm.batch_id
    where bm.friend_ids @> array[f.id] and b.status in ('sent', 'sending')
    and coalesce(b.sent_at, ${at}) >= ${from} and coalesce(b.sent_at, ${at}) < ${to})
    + (select count(*) from (${cohortSentTimesSql(sql`f.id`)}) c(sent_at) where c.sent_at >= ${from} and c.sent_at < ${to}))`;
  const day = sql`(date_trunc('day', ${at} at time zone w.time_zone) at time zone w.time_zone)`;
  const week = sql`(date_trunc('week', ${at} at time zone w.time_zone) at time zone w.time_zone)`;
  return sql`exists (select 1 from ${workspaces} w where w.workspace_id = f.workspace_id and (
    (w.cap_per_day is not null and ${counted(day, sql`${day} + interval '1 day'`)} >= w.cap_per_day)
    or (w.cap_per_week is not null and ${counted(week, sql`${week} + interval '7 days'`)} >= w.cap_per_week)))`;
}

/** The wait-for-event kinds a broadcast can respect (a run parked for the friend's name is not a conversation). */
export const CONVERSATION_WAITS = ['replied', 'postback', 'linkClicked', 'tagAdded'] as const;

/**
 * A predicate over `f` (a friends row): the friend has a run parked at a wait-for-event node waiting
 * for one of `events` (by default CONVERSATION_WAITS; a send waiting for the friend's LINE profile is
 * not a conversation). A broadcast leaves such friends out so a blast does not cut across a
 * conversation. Read through `runs_friend`.
 */
export function waitingForReplySql(events: readonly string[] = CONVERSATION_WAITS): SQL {
  return sql`exists (select 1 from ${runs} wr where wr.friend_id = f.id and wr.status = 'waiting'
    and wr.state->'waitingFor'->>'event' = any(${sql.param([...events])}::text[]))`;
}

/** The friends of the set `waitingForReplySql` holds for. */
export async function friendsWaitingForReply(
  tx: Tx, workspaceId: string, friends: FriendSet, events: readonly string[] = CONVERSATION_WAITS,
): Promise<Set<string>> {
  if (Array.isArray(friends) && friends.length === 0) return new Set();
  const { rows } = await tx.execute<{ id: string }>(sql`
    select f.id from friends f where f.id in (${friendSetSql(friends)}) and f.workspace_id = ${workspaceId} and ${waitingForReplySql(events)}`);
  return new Set(rows.map((row) => row.id));
}

/** A send the sender is about to claim, in claim (queue) order. */
export interface CapCandidate { id: string; friendId: string; workspaceId: string; capPolicy: CapPolicy }

export interface CapDecisions {
  /** Rows that must not be claimed in this pass: over the cap (held or skipped), or their friend is locked by another claim. */
  withheld: Set<string>;
  held: Array<{ id: string; until: Date }>;
  skipped: string[];
}

/**
 * Inside the sender's claim transaction: which of these rows may go. For friends of capped
 * workspaces it locks their `friend_cap_locks` rows (SKIP LOCKED: a friend another claim is
 * deciding stays queued for the next pass), counts their sends, then walks the rows in queue
 * order taking slots. A row over the cap is held (due again when the period allows, at the
 * workspace's next delivery-window opening) or skipped, as its `cap_policy` says; `always` rows go
 * and count. Set-based: a handful of statements whatever the number of rows, none for workspaces
 * without caps. The caller writes nothing for withheld rows; this function records held and
 * skipped ones (status, due time, timeline). A friend's lock row is made on their first capped
 * claim; two claims making it at once wait the moment until the first commits (in friend id
 * order, so never a deadlock), and from then on the lock is taken with SKIP LOCKED.
 */
export async function takeCapSlots(tx: Tx, candidates: readonly CapCandidate[], now: Date): Promise<CapDecisions> {
  const decisions: CapDecisions = { withheld: new Set(), held: [], skipped: [] };
  if (candidates.length === 0) return decisions;
  const { rows: capped } = await tx.execute<{ workspace_id: string; time_zone: string; delivery_windows: unknown }>(sql`
    select workspace_id, time_zone, delivery_windows from ${workspaces}
    where workspace_id = any(${sql.param([...new Set(candidates.map((c) => c.workspaceId))])}::uuid[])
      and (cap_per_day is not null or cap_per_week is not null)`);
  if (capped.length === 0) return decisions;
  const zoneOf = new Map(capped.map((row) => [row.workspace_id, row]));
  const concerned = candidates.filter((c) => zoneOf.has(c.workspaceId));
  const friendIds = [...new Set(concerned.filter((c) => c.capPolicy !== 'always').map((c) => c.friendId))].sort();
  if (friendIds.length === 0) return decisions;

  const workspaceOf = new Map(concerned.map((c) => [c.friendId, c.workspaceId]));
  await tx.execute(sql`
    insert into ${friendCapLocks} (friend_id, workspace_id)
    select * from unnest(${sql.param(friendIds)}::uuid[], ${sql.param(friendIds.map((id) => workspaceOf.get(id)!))}::uuid[])
    on conflict do nothing`);
  const { rows: lockedRows } = await tx.execute<{ friend_id: string }>(sql`
    select friend_id from ${friendCapLocks} where friend_id = any(${sql.param(friendIds)}::uuid[])
    order by friend_id for update skip locked`);
  const locked = new Set(lockedRows.map((row) => row.friend_id));
  const counts = await capCounts(tx, [...locked], now);

  for (const row of concerned) {
    if (row.capPolicy === 'always') {
      const count = counts.get(row.friendId);
      if (count) { count.today += 1; count.thisWeek += 1; }
      continue;
    }
    const count = locked.has(row.friendId) ? counts.get(row.friendId) : undefined;
    if (!count) {
      // Another claim holds the friend's lock (or the friend is gone): try again on a later pass.
      if (!locked.has(row.friendId)) decisions.withheld.add(row.id);
      continue;
    }
    if (!isFull(count)) { count.today += 1; count.thisWeek += 1; continue; }
    decisions.withheld.add(row.id);
    if (row.capPolicy === 'skip') decisions.skipped.push(row.id);
    else {
      const zone = zoneOf.get(row.workspaceId)!;
      const opens = DateTime.fromJSDate(capOpensAt(count), { zone: zone.time_zone });
      decisions.held.push({ id: row.id, until: applyDeliveryWindows(opens, parseDeliveryWindows(zone.delivery_windows)).toJSDate() });
    }
  }
  await recordCapped(tx, decisions, now);
  return decisions;
}

async function recordCapped(tx: Tx, decisions: CapDecisions, now: Date): Promise<void> {
  const at = now.toISOString();
  if (decisions.skipped.length) {
    await tx.execute(sql`
      with skipped as (
        update ${sends} set status = 'skipped' where id = any(${sql.param(decisions.skipped)}::uuid[]) and status = 'queued'
        returning id, friend_id, workspace_id, scenario_id, node_id)
      insert into timeline_entries (workspace_id, friend_id, kind, detail, at)
      select workspace_id, friend_id, 'send_capped',
        jsonb_build_object('sendId', id, 'scenarioId', scenario_id, 'nodeId', node_id, 'outcome', 'skipped'), ${at}::timestamptz
      from skipped`);
  }
  if (decisions.held.length) {
    await tx.execute(sql`
      with held as (
        update ${sends} s set due_at = v.until from unnest(${sql.param(decisions.held.map((h) => h.id))}::uuid[],
          ${sql.param(decisions.held.map((h) => h.until.toISOString()))}::timestamptz[]) as v(id, until)
        where s.id = v.id and s.status = 'queued'
        returning s.id, s.friend_id, s.workspace_id, s.scenario_id, s.node_id, s.due_at)
      insert into timeline_entries (workspace_id, friend_id, kind, detail, at)
      select workspace_id, friend_id, 'send_capped',
        jsonb_build_object('sendId', id, 'scenarioId', scenario_id, 'nodeId', node_id, 'outcome', 'held',
          'until', to_char(due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')), ${at}::timestamptz
      from held`);
  }
}

/** Of these workspaces, those with a message cap (配信上限): their sends are decided one by one at the claim. */
export async function workspacesWithCaps(tx: Tx, workspaceIds: readonly string[]): Promise<Set<string>> {
  if (workspaceIds.length === 0) return new Set();
  const { rows } = await tx.execute<{ workspace_id: string }>(sql`
    select workspace_id from ${workspaces} where workspace_id = any(${sql.param([...workspaceIds])}::uuid[])
      and (cap_per_day is not null or cap_per_week is not null)`);
  return new Set(rows.map((row) => row.workspace_id));
}
