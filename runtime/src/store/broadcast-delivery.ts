import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { broadcastRecipients, sends } from '../db/schema/index.ts';
import { bulkInsert } from './bulk-insert.ts';
import { registerInsightUnits } from './insight.ts';
import type { Tx } from './tx.ts';
import { skipReasonSql, type AudienceQuery } from './broadcast-audience.ts';
import { batchCounts, batchFailures } from './broadcast-batches.ts';


// A broadcast occurrence's way to LINE: the audience frozen in one INSERT … SELECT, then handed to
// the send outbox a chunk at a time (rows of `sends` with run_id = the occurrence and node_id =
// `broadcast:<occurrence>`), where the one sender claims them — identical messages as multicasts
// of ≤ 500, personalised ones as pushes — with each request's retry key fixed before it is sent.

/** How many active friends the audience holds now, and how many of them the options leave out. */
export async function countAudience(tx: Tx, query: AudienceQuery): Promise<{ audience: number; waiting_for_reply: number; over_cap: number }> {
  const { rows } = await tx.execute<{ audience: number; waiting_for_reply: number; over_cap: number }>(sql`
    select count(*)::int as audience,
      count(*) filter (where reason = 'waiting_for_reply')::int as waiting_for_reply,
      count(*) filter (where reason = 'over_cap')::int as over_cap
    from (select ${skipReasonSql(query)} as reason from friends f where (${query.where}) and f.status = 'active') a`);
  return rows[0] ?? { audience: 0, waiting_for_reply: 0, over_cap: 0 };
}

/** Recipients per channel that would be sent to (not skipped): each channel's quota must hold its own. */
export async function countRecipientsByChannel(tx: Tx, query: AudienceQuery): Promise<Map<string, number>> {
  const { rows } = await tx.execute<{ channel_id: string; n: number }>(sql`
    select f.channel_id, count(*)::int as n from friends f
    where (${query.where}) and f.status = 'active' and (${skipReasonSql(query)}) is null group by f.channel_id`);
  return new Map(rows.map((row) => [row.channel_id, row.n]));
}

/**
 * Freezes the audience of an occurrence in one statement: every active friend it holds now, as
 * pending, or skipped with the reason the options give. Blocked friends are not recorded.
 */
export async function freezeAudience(tx: Tx, workspaceId: string, occurrenceId: string, query: AudienceQuery): Promise<{ recipients: number }> {
  const result = await tx.execute(sql`
    insert into ${broadcastRecipients} (occurrence_id, workspace_id, friend_id, status, skip_reason)
    select ${occurrenceId}::uuid, ${workspaceId}::uuid, a.id, case when a.reason is null then 'pending' else 'skipped' end, a.reason
    from (select f.id, ${skipReasonSql(query)} as reason from friends f where (${query.where}) and f.status = 'active') a
    on conflict do nothing`);
  return { recipients: result.rowCount ?? 0 };
}

/** Outbox rows of this occurrence not yet claimed by a sender. */
export async function queuedAhead(tx: Tx, occurrenceId: string, limit: number): Promise<number> {
  const { rows } = await tx.execute<{ n: number }>(sql`
    select count(*)::int as n from (select 1 from ${sends} where run_id = ${occurrenceId}::uuid and scenario_id is null and status = 'queued' limit ${limit}) q`);
  return rows[0]?.n ?? 0;
}

export interface MaterialiseInput {
  occurrenceId: string;
  workspaceId: string;
  chunk: number;
  now: Date;
  /**
   * What the sender does with a friend who reached the message cap after the freeze: `skip` (the
   * broadcast respects caps; counted as over_cap) or `always` (it does not).
   */
  capPolicy: 'skip' | 'always';
  /** The same messages for everyone (multicast), with their digest; or a renderer per friend (push). */
  identical?: { messages: unknown[]; digest: string };
  /** LINE's customAggregationUnit every send of the broadcast carries, registered for the insight job. */
  unit: { broadcastId: string; aggregationUnit: string };
  render?: (friend: RecipientFriend) => { messages: unknown[]; digest: string };
}

export interface RecipientFriend { id: string; channelId: string; displayName: string; fields: Record<string, unknown> }

/**
 * Moves up to `chunk` pending recipients into the outbox in one transaction (the caller's): a friend
 * blocked since the freeze (or whose row is gone) is skipped (`blocked`), the rest get their send row — the retry key is
 * fixed here, before any request — and become `queued`. Returns how many were taken.
 */
export async function materialiseChunk(tx: Tx, input: MaterialiseInput): Promise<number> {
  const { occurrenceId, workspaceId, chunk, now, unit } = input;
  const nodeId = `broadcast:${occurrenceId}`;
  const at = now.toISOString();
  if (input.identical) {
    const { rows } = await tx.execute<{ picked: number }>(sql`
      with picked as (
        select r.friend_id, f.channel_id, f.status from ${broadcastRecipients} r left join friends f on f.id = r.friend_id
        where r.occurrence_id = ${occurrenceId}::uuid and r.status = 'pending'
        order by r.friend_id limit ${chunk} for update of r skip locked),
      marked as (
        update ${broadcastRecipients} r
        set status = case when p.status = 'active' then 'queued' else 'skipped' end,
            skip_reason = case when p.status = 'active' then null else 'blocked' end
        from picked p where r.occurrence_id = ${occurrenceId}::uuid and r.friend_id = p.friend_id
        returning r.friend_id),
      queued as (
        insert into ${sends} (workspace_id, channel_id, friend_id, run_id, node_id, visit, retry_key, messages, message_digest, due_at, cap_policy, aggregation_unit)
        select ${workspaceId}::uuid, p.channel_id, p.friend_id, ${occurrenceId}::uuid, ${nodeId}, 1, gen_random_uuid(),
          ${JSON.stringify(input.identical.messages)}::jsonb, ${input.identical.digest}, ${at}::timestamptz, ${input.capPolicy}, ${unit.aggregationUnit}
        from picked p where p.status = 'active'
        returning 1),
      units as (
        insert into insight_units (workspace_id, channel_id, unit, broadcast_id, first_sent_at)
        select distinct ${workspaceId}::uuid, p.channel_id, ${unit.aggregationUnit}, ${unit.broadcastId}::uuid, ${at}::timestamptz
        from picked p where p.status = 'active'
        on conflict do nothing)
      select (select count(*) from marked)::int + 0 * (select count(*) from queued)::int as picked`);
    return rows[0]?.picked ?? 0;
  }
  const { rows } = await tx.execute<{ friend_id: string; channel_id: string; status: string | null; display_name: string; fields: Record<string, unknown> }>(sql`
    select r.friend_id, f.channel_id, f.status, f.display_name, f.fields from ${broadcastRecipients} r left join friends f on f.id = r.friend_id
    where r.occurrence_id = ${occurrenceId}::uuid and r.status = 'pending'
    order by r.friend_id limit ${chunk} for update of r skip locked`);
  if (rows.length === 0) return 0;
  const active = rows.filter((row) => row.status === 'active');
  const blocked = rows.filter((row) => row.status !== 'active').map((row) => row.friend_id);
  const render = input.render!;
  const sendRows = active.map((row) => ({
    friendId: row.friend_id, channelId: row.channel_id,
    ...render({ id: row.friend_id, channelId: row.channel_id, displayName: row.display_name, fields: row.fields }),
  }));
  await bulkInsert(tx, 'sends', [
    { name: 'workspace_id', type: 'uuid', value: () => workspaceId },
    { name: 'channel_id', type: 'uuid', value: (r) => r.channelId },
    { name: 'friend_id', type: 'uuid', value: (r) => r.friendId },
    { name: 'run_id', type: 'uuid', value: () => occurrenceId },
    { name: 'node_id', type: 'text', value: () => nodeId },
    { name: 'retry_key', type: 'uuid', value: () => randomUUID() },
    { name: 'messages', type: 'jsonb', value: (r) => r.messages },
    { name: 'message_digest', type: 'text', value: (r) => r.digest },
    { name: 'due_at', type: 'timestamptz', value: () => now },
    { name: 'cap_policy', type: 'text', value: () => input.capPolicy },
    { name: 'aggregation_unit', type: 'text', value: () => unit.aggregationUnit },
  ], sendRows);
  await registerInsightUnits(tx, sendRows.map((row) => ({ workspaceId, channelId: row.channelId, broadcastId: unit.broadcastId, aggregationUnit: unit.aggregationUnit })), now);
  await tx.execute(sql`
    update ${broadcastRecipients} r set status = 'queued' where r.occurrence_id = ${occurrenceId}::uuid
      and r.friend_id = any(${sql.param(active.map((row) => row.friend_id))}::uuid[])`);
  if (blocked.length) {
    await tx.execute(sql`
      update ${broadcastRecipients} r set status = 'skipped', skip_reason = 'blocked' where r.occurrence_id = ${occurrenceId}::uuid
        and r.friend_id = any(${sql.param(blocked)}::uuid[])`);
  }
  return rows.length;
}

/**
 * Takes back what is queued and not yet claimed (pause, cancel, the window closing): those send rows
 * go and their recipients are pending again. Batches already in flight finish under their keys.
 */
export async function unqueueOccurrence(tx: Tx, occurrenceId: string): Promise<number> {
  const { rows } = await tx.execute<{ n: number }>(sql`
    with gone as (delete from ${sends} where run_id = ${occurrenceId}::uuid and scenario_id is null and status = 'queued' returning friend_id),
    back as (update ${broadcastRecipients} r set status = 'pending' from gone g
      where r.occurrence_id = ${occurrenceId}::uuid and r.friend_id = g.friend_id returning 1)
    select count(*)::int as n from back`);
  return rows[0]?.n ?? 0;
}

export interface OccurrenceCounts {
  recipients: number;
  pending: number;
  skipped: { blocked: number; waiting_for_reply: number; over_cap: number };
  queued: number;
  sending: number;
  sent: number;
  failed: number;
}

/** Where an occurrence stands: its recipients' states and its outbox rows' (blocked-in-flight sends count as skipped `blocked`). */
export async function occurrenceCounts(tx: Tx, occurrenceId: string): Promise<OccurrenceCounts> {
  const { rows: recipients } = await tx.execute<{ pending: number; total: number; blocked: number; waiting: number; cap: number }>(sql`
    select count(*)::int as total,
      count(*) filter (where status = 'pending')::int as pending,
      count(*) filter (where skip_reason = 'blocked')::int as blocked,
      count(*) filter (where skip_reason = 'waiting_for_reply')::int as waiting,
      count(*) filter (where skip_reason = 'over_cap')::int as cap
    from ${broadcastRecipients} where occurrence_id = ${occurrenceId}::uuid`);
  const { rows: outbox } = await tx.execute<{ status: string; n: number }>(sql`
    select status, count(*)::int as n from ${sends} where run_id = ${occurrenceId}::uuid and scenario_id is null group by status`);
  // A batched occurrence (broadcast-batches.ts) records only its skipped friends as recipient rows.
  const b = await batchCounts(tx, occurrenceId);
  const of = (status: string) => outbox.find((row) => row.status === status)?.n ?? 0;
  const r = recipients[0]!;
  return {
    recipients: r.total + b.queued + b.sending + b.sent + b.failed + b.blocked,
    pending: r.pending,
    // Over the cap at the freeze (recipients), or reached it before the sender claimed the row (sends).
    skipped: { blocked: r.blocked + of('cancelled') + b.blocked, waiting_for_reply: r.waiting, over_cap: r.cap + of('skipped') },
    queued: of('queued') + b.queued,
    sending: of('sending') + b.sending,
    sent: of('sent') + b.sent,
    failed: of('failed') + b.failed,
  };
}

/** LINE's refusals of this occurrence's requests, by status and reason, most frequent first. */
export async function occurrenceFailures(tx: Tx, occurrenceId: string): Promise<Array<{ status: number; reason: string; count: number }>> {
  const { rows } = await tx.execute<{ status: number | null; reason: string | null; count: number }>(sql`
    select (error->>'status')::int as status, error->>'reason' as reason, count(*)::int as count
    from ${sends} where run_id = ${occurrenceId}::uuid and scenario_id is null and status = 'failed' group by 1, 2 order by 3 desc, 2 limit 50`);
  const all = [...rows, ...await batchFailures(tx, occurrenceId)].sort((a, b) => b.count - a.count || (a.reason ?? '').localeCompare(b.reason ?? ''));
  return all.slice(0, 50).map((row) => ({ status: row.status ?? 0, reason: row.reason ?? '', count: row.count }));
}

/** Tracked-link clicks attributed to this occurrence's sends, per link. */
export async function occurrenceClicks(tx: Tx, occurrenceId: string): Promise<Array<{ linkId: string; clicks: number; friends: number }>> {
  const { rows } = await tx.execute<{ link_id: string; clicks: number; friends: number }>(sql`
    select lc.link_id, count(*)::int as clicks, count(distinct lc.friend_id)::int as friends
    from link_clicks lc join ${sends} s on s.id = lc.send_id
    where s.run_id = ${occurrenceId}::uuid and s.scenario_id is null group by lc.link_id order by 2 desc`);
  return rows.map((row) => ({ linkId: row.link_id, clicks: row.clicks, friends: row.friends }));
}

/** Test-sends: one push per tester, each with its own retry key, through the same outbox. */
export async function queueTestSends(
  tx: Tx, rows: Array<{ workspaceId: string; channelId: string; friendId: string; nodeId: string; messages: unknown[]; digest: string }>, now: Date,
): Promise<void> {
  await bulkInsert(tx, 'sends', [
    { name: 'workspace_id', type: 'uuid', value: (r) => r.workspaceId },
    { name: 'channel_id', type: 'uuid', value: (r) => r.channelId },
    { name: 'friend_id', type: 'uuid', value: (r) => r.friendId },
    { name: 'node_id', type: 'text', value: (r) => `${r.nodeId}:${r.friendId}` },
    { name: 'retry_key', type: 'uuid', value: () => randomUUID() },
    { name: 'messages', type: 'jsonb', value: (r) => r.messages },
    { name: 'message_digest', type: 'text', value: (r) => r.digest },
    { name: 'due_at', type: 'timestamptz', value: () => now },
  ], rows);
}
