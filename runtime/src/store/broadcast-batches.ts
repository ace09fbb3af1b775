import { sql } from 'drizzle-orm';
import type { Db } from '../db/pool.ts';
import { broadcastBatchMembers, broadcastBatches, broadcastOccurrences, broadcastRecipients } from '../db/schema/index.ts';
import { skipReasonSql, type AudienceQuery } from './broadcast-audience.ts';
import { usableUnitSql } from './insight.ts';
import { multicastBatches, type MulticastRow } from './multicast-rows.ts';
import type { SendBatch, Settlement } from './send-batches.ts';
import type { Tx } from './tx.ts';

// A batched broadcast occurrence's way to LINE (the same messages for everyone): no send row per
// recipient. The freeze writes the audience straight into multicast batches of ≤ 500 (one row each,
// its retry key fixed there); the sender claims and leases a batch in one statement and settles it
// in one; progress, results, the friend's timeline and the message caps read the batches.

/** LINE accepts at most this many user IDs in one multicast request. */
const BATCH_MAX = 500;

export interface FreezeBatchesInput {
  workspaceId: string;
  occurrenceId: string;
  query: AudienceQuery;
  /** The rendered messages, the same for everyone. */
  messages: unknown[];
  unit: { broadcastId: string; aggregationUnit: string };
  now: Date;
}

/**
 * Freezes the audience in one statement: every active friend it holds now goes into a batch of its
 * channel (≤ 500), or is recorded as skipped with the reason the options give.
 * The broadcast's insight unit is registered per channel. Returns recipients and how many will be sent.
 */
export async function freezeIntoBatches(tx: Tx, input: FreezeBatchesInput): Promise<{ recipients: number; pending: number }> {
  const { workspaceId, occurrenceId, query, unit } = input;
  const at = input.now.toISOString();
  const { rows } = await tx.execute<{ recipients: number; pending: number }>(sql`
    with a as materialized (
      select f.id, f.channel_id, ${skipReasonSql(query)} as reason from friends f where (${query.where}) and f.status = 'active'),
    skipped as (
      insert into ${broadcastRecipients} (occurrence_id, workspace_id, friend_id, status, skip_reason)
      select ${occurrenceId}::uuid, ${workspaceId}::uuid, a.id, 'skipped', a.reason from a where a.reason is not null
      returning 1),
    numbered as (
      -- No order within a channel: sorting a million ids cost a second of the freeze; a batch keeps its members' order for good.
      select a.id, a.channel_id, (row_number() over (partition by a.channel_id) - 1) / ${BATCH_MAX} as n
      from a where a.reason is null),
    grouped as materialized (
      select gen_random_uuid() as id, channel_id, array_agg(id) as ids from numbered group by channel_id, n),
    batches as (
      insert into ${broadcastBatches} (id, occurrence_id, workspace_id, channel_id, size, messages, aggregation_unit)
      select g.id, ${occurrenceId}::uuid, ${workspaceId}::uuid, g.channel_id, cardinality(g.ids), ${JSON.stringify(input.messages)}::jsonb, ${unit.aggregationUnit}
      from grouped g order by g.channel_id
      returning channel_id, size),
    members as (
      insert into ${broadcastBatchMembers} (batch_id, workspace_id, friend_ids) select g.id, ${workspaceId}::uuid, g.ids from grouped g returning 1),
    units as (
      insert into insight_units (workspace_id, channel_id, unit, broadcast_id, first_sent_at)
      select distinct ${workspaceId}::uuid, b.channel_id, ${unit.aggregationUnit}, ${unit.broadcastId}::uuid, ${at}::timestamptz from batches b
      on conflict do nothing)
    -- Data-modifying CTEs run to completion whether or not the final select reads them.
    select (select count(*) from a)::int as recipients, (select coalesce(sum(size), 0) from batches)::int as pending`);
  return rows[0] ?? { recipients: 0, pending: 0 };
}



/**
 * Claims up to `limit` queued batches of running occurrences not held outside their window, and
 * leases them, in one statement: the members are narrowed to friends still active (in the batch's
 * order, kept for every retry), the rest counted as blocked; a batch left with none is `cancelled`.
 */
export async function claimQueuedBroadcastBatches(tx: Tx, now: Date, leaseUntil: Date, limit: number): Promise<SendBatch[]> {
  if (limit <= 0) return [];
  const at = sql`${now.toISOString()}::timestamptz`;
  const { rows } = await tx.execute<MulticastRow>(sql`
    with picked as (
      select b.id from ${broadcastBatches} b join ${broadcastOccurrences} o on o.id = b.occurrence_id
      where b.status = 'queued' and o.status = 'running' and (o.held_until is null or o.held_until <= ${at})
      -- Shared lock on the occurrence: a pause or cancel (which updates it) waits for a claim in
      -- progress to commit, and a claim waiting on a pause sees it and takes nothing. So once a pause
      -- answers, every batch that will still go is already 'sending'.
      order by b.seq limit ${limit} for update of b skip locked for share of o),
    active as (
      select p.id, array_agg(f.id order by u.i) filter (where f.status = 'active') as ids,
        array_agg(f.line_user_id order by u.i) filter (where f.status = 'active') as line_ids, count(*)::int as frozen
      from picked p join ${broadcastBatchMembers} bm on bm.batch_id = p.id cross join lateral unnest(bm.friend_ids) with ordinality u(friend_id, i)
      left join friends f on f.id = u.friend_id group by p.id),
    narrowed as (
      -- Only a batch someone left since the freeze has its members rewritten (once: later claims find them all active).
      update ${broadcastBatchMembers} bm set friend_ids = coalesce(m.ids, '{}') from active m
      where bm.batch_id = m.id and coalesce(cardinality(m.ids), 0) <> m.frozen returning 1)
    update ${broadcastBatches} s set
      status = case when m.ids is null then 'cancelled' else 'sending' end,
      blocked = s.blocked + m.frozen - coalesce(cardinality(m.ids), 0), size = coalesce(cardinality(m.ids), 0),
      lease_until = ${leaseUntil.toISOString()}::timestamptz, attempts = s.attempts + 1
    from active m where s.id = m.id
    returning s.retry_key, s.channel_id, s.messages, s.attempts, ${usableUnitSql(now)} as aggregation_unit,
      coalesce(m.ids, '{}') as friend_ids, coalesce(m.line_ids, '{}') as line_user_ids`);
  return multicastBatches(rows, 'broadcast');
}

/** Batches whose lease lapsed (a claimer that died, a retry's back-off that ended): taken again, same key and members. */
export async function retakeLapsedBroadcastBatches(tx: Tx, now: Date, leaseUntil: Date, limit: number): Promise<SendBatch[]> {
  if (limit <= 0) return [];
  const { rows } = await tx.execute<MulticastRow>(sql`
    with lapsed as (
      select id from ${broadcastBatches} where status = 'sending' and lease_until <= ${now.toISOString()}::timestamptz
      order by lease_until limit ${limit} for update skip locked)
    update ${broadcastBatches} s set lease_until = ${leaseUntil.toISOString()}::timestamptz, attempts = s.attempts + 1
    from lapsed l where s.id = l.id
    returning s.retry_key, s.channel_id, s.messages, s.attempts, ${usableUnitSql(now)} as aggregation_unit,
      (select bm.friend_ids from ${broadcastBatchMembers} bm where bm.batch_id = s.id) as friend_ids,
      (select array_agg(f.line_user_id order by u.i) from ${broadcastBatchMembers} bm cross join lateral unnest(bm.friend_ids) with ordinality u(friend_id, i)
        join friends f on f.id = u.friend_id where bm.batch_id = s.id) as line_user_ids`);
  return multicastBatches(rows, 'broadcast');
}

/** A live sender keeps its batches while it waits for LINE or its budget. */
export async function renewBroadcastLeases(db: Db, keys: string[], leaseUntil: Date): Promise<void> {
  await db.execute(sql`
    update ${broadcastBatches} set lease_until = ${leaseUntil.toISOString()}::timestamptz
    where retry_key = any(${sql.param(keys)}::uuid[]) and status = 'sending' and lease_until < ${leaseUntil.toISOString()}::timestamptz`);
}

/** Settles a batch in one statement (left alone if another attempt already did). */
export async function settleBroadcastBatch(db: Db, key: string, status: 'sent' | 'failed', detail: Settlement, now: Date): Promise<number> {
  const result = await db.execute(sql`
    update ${broadcastBatches} set status = ${status}, sent_at = ${status === 'sent' ? now.toISOString() : null}::timestamptz,
      detail = ${JSON.stringify(detail)}::jsonb, lease_until = null
    where retry_key = ${key}::uuid and status = 'sending'`);
  return result.rowCount ?? 0;
}

export async function deferBroadcastBatch(db: Db, key: string, until: Date): Promise<void> {
  await db.execute(sql`update ${broadcastBatches} set lease_until = ${until.toISOString()}::timestamptz where retry_key = ${key}::uuid and status = 'sending'`);
}

/** LINE refused the batch's unit: it goes without it from now on (a crash repeats the unit-less request). */
export async function dropBroadcastBatchUnit(db: Db, key: string): Promise<void> {
  await db.execute(sql`update ${broadcastBatches} set aggregation_unit = null where retry_key = ${key}::uuid and status = 'sending'`);
}

export interface BatchCounts { queued: number; sending: number; sent: number; failed: number; blocked: number; unsettled: boolean }

/** Members per batch state of an occurrence (blocked: left out at the claim). */
export async function batchCounts(tx: Tx, occurrenceId: string): Promise<BatchCounts> {
  const { rows } = await tx.execute<Omit<BatchCounts, 'unsettled'>>(sql`
    select coalesce(sum(size) filter (where status = 'queued'), 0)::int as queued,
      coalesce(sum(size) filter (where status = 'sending'), 0)::int as sending,
      coalesce(sum(size) filter (where status = 'sent'), 0)::int as sent,
      coalesce(sum(size) filter (where status = 'failed'), 0)::int as failed,
      coalesce(sum(blocked), 0)::int as blocked
    from ${broadcastBatches} where occurrence_id = ${occurrenceId}::uuid`);
  const r = rows[0]!;
  return { ...r, unsettled: r.queued + r.sending > 0 };
}

/** Whether a batch of the occurrence is queued or in flight. */
export async function batchesUnsettled(tx: Tx, occurrenceId: string): Promise<boolean> {
  const { rows } = await tx.execute<{ n: number }>(sql`
    select count(*)::int as n from (select 1 from ${broadcastBatches} where occurrence_id = ${occurrenceId}::uuid and status in ('queued', 'sending') limit 1) q`);
  return (rows[0]?.n ?? 0) > 0;
}

/** LINE's refusals of the occurrence's batches, by status and reason, counted in recipients. */
export async function batchFailures(tx: Tx, occurrenceId: string): Promise<Array<{ status: number | null; reason: string | null; count: number }>> {
  const { rows } = await tx.execute<{ status: number | null; reason: string | null; count: number }>(sql`
    select (detail->>'status')::int as status, detail->>'reason' as reason, sum(size)::int as count
    from ${broadcastBatches} where occurrence_id = ${occurrenceId}::uuid and status = 'failed' group by 1, 2`);
  return rows;
}

/**
 * The friend's settled broadcast batches, newest first, as timeline entries: `message_sent` or
 * `send_failed`, naming the batch as the send and `broadcast:<occurrence>` as the node.
 */
export async function broadcastTimelineOf(db: Tx, friendId: string, limit: number): Promise<Array<{ kind: 'message_sent' | 'send_failed'; detail: Record<string, unknown>; at: Date }>> {
  const { rows } = await db.execute<{ id: string; occurrence_id: string; status: 'sent' | 'failed'; detail: Record<string, unknown> | null; at: string | Date }>(sql`
    select b.id, b.occurrence_id, b.status, b.detail, coalesce(b.sent_at, o.started_at) as at
    from ${broadcastBatchMembers} bm join ${broadcastBatches} b on b.id = bm.batch_id join ${broadcastOccurrences} o on o.id = b.occurrence_id
    where bm.friend_ids @> array[${friendId}::uuid] and b.status in ('sent', 'failed')
    order by 5 desc limit ${limit}`);
  return rows.map((row) => ({
    kind: row.status === 'sent' ? 'message_sent' : 'send_failed',
    detail: { sendId: row.id, scenarioId: null, nodeId: `broadcast:${row.occurrence_id}`, ...(row.detail ?? {}) },
    at: new Date(row.at),
  }));
}

/** The friend's sent broadcast batches' messages and times (with `before`, only those sent earlier). */
export async function broadcastMessagesOf(db: Tx, friendId: string, before?: Date): Promise<Array<{ at: Date | null; messages: unknown[] }>> {
  const { rows } = await db.execute<{ at: string | Date; messages: unknown[] }>(sql`
    select b.sent_at as at, b.messages from ${broadcastBatchMembers} bm join ${broadcastBatches} b on b.id = bm.batch_id
    where bm.friend_ids @> array[${friendId}::uuid] and b.status = 'sent' and b.sent_at is not null
      ${before ? sql`and b.sent_at < ${before.toISOString()}::timestamptz` : sql``}`);
  return rows.map((row) => ({ at: new Date(row.at), messages: row.messages }));
}

/** The friend's last sent broadcast batch: its broadcast and when. */
export async function lastBroadcastTo(db: Tx, friendId: string): Promise<{ broadcastId: string; at: Date } | undefined> {
  const { rows } = await db.execute<{ broadcast_id: string; at: string | Date }>(sql`
    select o.broadcast_id, b.sent_at as at from ${broadcastBatchMembers} bm join ${broadcastBatches} b on b.id = bm.batch_id
    join ${broadcastOccurrences} o on o.id = b.occurrence_id
    where bm.friend_ids @> array[${friendId}::uuid] and b.status = 'sent' order by b.sent_at desc limit 1`);
  return rows[0] ? { broadcastId: rows[0].broadcast_id, at: new Date(rows[0].at) } : undefined;
}
