import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/pool.ts';
import { cohortBatchMembers, cohortBatches, cohortSends, sends } from '../db/schema/index.ts';
import { bulkInsert } from './bulk-insert.ts';
import { timeOrderedUuid } from './ids.ts';
import { usableUnitSql } from './insight.ts';
import { multicastBatches, type MulticastRow } from './multicast-rows.ts';
import type { BatchSettlement, SendBatch } from './send-batches.ts';
import { columnsOf, uuidList } from './any-of.ts';
import type { Tx } from './tx.ts';

// A cohort's multicasts (db/schema/cohort-batches.ts): written by a step as one row per ≤ 500
// friends, claimed, leased and retried like the outbox's rows, and settled by moving the batch and
// its members into `cohort_sends`, which every reader of a friend's sends reads beside the outbox
// (store/cohort-sends.ts). A cohort friend's send is an array element from the step to the report:
// no row per friend is written, claimed or settled.

/** A member as their step read them: the request's recipient, and the oldest transaction that read could not see. */
export interface CohortRecipient { lineUserId: string; friendsReadXmin: string }

export interface CohortMember { friendId: string; lineUserId: string; runId: string; visit: number; retryKey: string }

export interface CohortBatchWrite {
  workspaceId: string;
  channelId: string;
  scenarioId: string;
  nodeId: string;
  messages: unknown[];
  messageDigest: string;
  aggregationUnit: string | null;
  dueAt: Date;
  /** The oldest of its members' (CohortRecipient): a member blocked by this transaction or a later one is looked for at the claim. */
  friendsReadXmin: string;
  /** At most MULTICAST_MAX (send-batches.ts), in the order every request names them. */
  members: CohortMember[];
}

/** The batches with their members, in one statement each: a chunk of a thousand friends is two or three batches. */
export async function insertCohortBatches(tx: Tx, batches: readonly CohortBatchWrite[], at: Date): Promise<void> {
  if (batches.length === 0) return;
  const rows = batches.map((batch) => ({ ...batch, id: timeOrderedUuid(at) }));
  await bulkInsert(tx, 'cohort_batches', [
    { name: 'id', type: 'uuid', value: (b) => b.id },
    { name: 'workspace_id', type: 'uuid', value: (b) => b.workspaceId },
    { name: 'channel_id', type: 'uuid', value: (b) => b.channelId },
    { name: 'scenario_id', type: 'uuid', value: (b) => b.scenarioId },
    { name: 'node_id', type: 'text', value: (b) => b.nodeId },
    // A member's own key, as a multicast of send rows has: no other request can carry it.
    { name: 'retry_key', type: 'uuid', value: (b) => b.members[0]!.retryKey },
    { name: 'messages', type: 'jsonb', value: (b) => b.messages },
    { name: 'message_digest', type: 'text', value: (b) => b.messageDigest },
    { name: 'aggregation_unit', type: 'text', value: (b) => b.aggregationUnit },
    { name: 'due_at', type: 'timestamptz', value: (b) => b.dueAt },
    { name: 'friends_read_xmin', type: 'xid8', value: (b) => b.friendsReadXmin },
  ], rows);
  await bulkInsert(tx, 'cohort_batch_members', [
    { name: 'batch_id', type: 'uuid', value: (b) => b.id },
    { name: 'workspace_id', type: 'uuid', value: (b) => b.workspaceId },
    { name: 'friend_ids', type: 'uuid[]', value: (b) => b.members.map((m) => m.friendId) },
    { name: 'run_ids', type: 'uuid[]', value: (b) => b.members.map((m) => m.runId) },
    { name: 'visits', type: 'int[]', value: (b) => b.members.map((m) => m.visit) },
    { name: 'retry_keys', type: 'uuid[]', value: (b) => b.members.map((m) => m.retryKey) },
    { name: 'send_ids', type: 'uuid[]', value: (b) => b.members.map(() => timeOrderedUuid(at)) },
    { name: 'line_user_ids', type: 'text[]', value: (b) => b.members.map((m) => m.lineUserId) },
  ], rows);
}

/**
 * Of these friends, those with a message still on its way: a send row queued or in flight, or a
 * place in a cohort batch. Their next message is written as a send row, which the claim keeps
 * behind the earlier one; a batch waits for no one it was not written behind.
 */
export async function friendsWithUnsentMessages(tx: Tx, friendIds: readonly string[]): Promise<Set<string>> {
  if (friendIds.length === 0) return new Set();
  // A probe per friend (sends by friend, then the members' GIN index by key), in two statements:
  // the two probes or-ed in one cost more than both apart, and an overlap of whole arrays (`&&`) is
  // planned as a scan comparing every member with every friend while the table is young.
  const { rows: inOutbox } = await tx.execute<{ friend_id: string }>(sql`
    select u.id as friend_id from unnest(${uuidList(friendIds)}::uuid[]) u(id)
    where exists (select 1 from ${sends} s where s.friend_id = u.id and s.status in ('queued', 'sending'))`);
  const busy = new Set(inOutbox.map((row) => row.friend_id));
  const rest = friendIds.filter((id) => !busy.has(id));
  if (rest.length === 0) return busy;
  // While few batches are pending (the sender keeps up), all their members are read once and
  // matched in a hash; past that, the GIN index is searched per friend. Both are exact. The
  // searches cost 8 µs a friend at 100,000 friends and 37 µs at a million (the index keeps every
  // friend a batch ever held until vacuum), the hash about 2 µs.
  const { rows: [pending] } = await tx.execute<{ n: number }>(sql`
    select count(*)::int as n from (select 1 from ${cohortBatchMembers} limit ${FEW_PENDING_BATCHES + 1}) m`);
  const { rows: inBatches } = await tx.execute<{ friend_id: string }>(pending!.n <= FEW_PENDING_BATCHES
    ? sql`select distinct u.id as friend_id from unnest(${uuidList(rest)}::uuid[]) u(id)
        join (select unnest(m.friend_ids) as id from ${cohortBatchMembers} m) p on p.id = u.id`
    : sql`select u.id as friend_id from unnest(${uuidList(rest)}::uuid[]) u(id)
        where exists (select 1 from ${cohortBatchMembers} m where m.friend_ids @> array[u.id])`);
  for (const row of inBatches) busy.add(row.friend_id);
  return busy;
}

/** Up to this many pending batches (32,000 members at most), friendsWithUnsentMessages reads them all instead of searching the index. */
export const FEW_PENDING_BATCHES = 64;

/** SQL: a pending cohort batch written before the send row `s` holds its friend (the claim keeps the row behind it). */
export const behindCohortBatchSql = sql`exists (select 1 from ${cohortBatchMembers} m join ${cohortBatches} b on b.id = m.batch_id
  where m.friend_ids @> array[s.friend_id] and b.seq < s.seq)`;

type ClaimedRow = MulticastRow & { id: string };


/**
 * Claims up to `limit` queued batches, due, and leases them. A batch waits for nothing: its members
 * had nothing else on its way when it was written (cohort-sends.ts leaves such friends out), and what
 * is written for them after it waits for it (behindCohortBatchSql). Its recipients are as the step
 * read them, active: at the first claim those who blocked since get a `cancelled` send row, as a
 * queued row of theirs would, and are cut from it; a batch left with no one is deleted. (Members
 * deleted since were cut when they were deleted, by a trigger on friends: migrations 0041 and 0042.)
 */
export async function claimQueuedCohortBatches(tx: Tx, now: Date, leaseUntil: Date, limit: number): Promise<SendBatch[]> {
  if (limit <= 0) return [];
  const at = sql`${now.toISOString()}::timestamptz`;
  const { rows: picked } = await tx.execute<{ id: string }>(sql`
    select b.id from ${cohortBatches} b where b.status = 'queued' and b.due_at <= ${at}
    order by b.seq limit ${limit} for update of b skip locked`);
  if (picked.length === 0) return [];
  const ids = sql`${sql.param(picked.map((row) => row.id))}::uuid[]`;
  await cutBlockedSinceTheStep(tx, ids);
  // A batch the cut emptied is gone, its members with it: the join leaves it out.
  const { rows } = await tx.execute<ClaimedRow>(sql`
    update ${cohortBatches} s set status = 'sending', lease_until = ${leaseUntil.toISOString()}::timestamptz, attempts = s.attempts + 1
    from ${cohortBatchMembers} m
    where s.id = any(${ids}) and m.batch_id = s.id
    returning s.id, s.retry_key, s.channel_id, s.messages, s.attempts, ${usableUnitSql(now)} as aggregation_unit, ${recipientsJson}`);
  const order = new Map(picked.map((row, i) => [row.id, i]));
  return multicastBatches(rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!), 'cohort');
}

/** SQL: a batch's members `m` as the request names them, as JSON (which the driver parses natively; an array's text it parses element by element). */
const recipientsJson = sql`to_json(m.friend_ids) as friend_ids, to_json(m.line_user_ids) as line_user_ids`;

/**
 * Cuts from these batches the members who blocked since their step read them, each with a
 * `cancelled` send row (batches left with no one are deleted). Only their workspaces' friends
 * blocked by a transaction that read could not see are looked at (friends_blocked_since): a friend
 * blocked before it was read blocked and never batched. Usually there are none, and no member is read.
 */
async function cutBlockedSinceTheStep(tx: Tx, ids: SQL): Promise<void> {
  const { rows: [since] } = await tx.execute<{ blocked: string[] | null }>(sql`
    select array_agg(f.id) as blocked
    from (select b.workspace_id, min(b.friends_read_xmin) as read_xmin from ${cohortBatches} b where b.id = any(${ids}) group by b.workspace_id) b
    join friends f on f.workspace_id = b.workspace_id and f.status = 'blocked' and f.blocked_xid >= b.read_xmin`);
  if (!since?.blocked) return;
  // cohort_batches_cut (migration 0042) is the one cut, shared with deleting friends. This
  // statement's snapshot is taken before the function's changes: the join still finds the batches
  // it empties and deletes.
  await tx.execute(cancelledRowsInsert(sql`select * from cohort_batches_cut(${ids}, ${uuidList(since.blocked)}::uuid[])`));
}

/** Batches whose lease lapsed (a claimer that died, a retry's back-off that ended): taken again, same key and members. */
export async function retakeLapsedCohortBatches(tx: Tx, now: Date, leaseUntil: Date, limit: number): Promise<SendBatch[]> {
  if (limit <= 0) return [];
  const { rows } = await tx.execute<ClaimedRow>(sql`
    with lapsed as (
      select id from ${cohortBatches} where status = 'sending' and lease_until <= ${now.toISOString()}::timestamptz
      order by lease_until limit ${limit} for update skip locked)
    update ${cohortBatches} s set lease_until = ${leaseUntil.toISOString()}::timestamptz, attempts = s.attempts + 1
    from lapsed l, ${cohortBatchMembers} m where s.id = l.id and m.batch_id = s.id
    returning s.id, s.retry_key, s.channel_id, s.messages, s.attempts, ${usableUnitSql(now)} as aggregation_unit, ${recipientsJson}`);
  return multicastBatches(rows, 'cohort');
}

/**
 * A live sender keeps its batches while it waits for LINE or its budget. A batch locked meanwhile is
 * skipped: its settle is deleting it (as for send rows, send-batches.ts renewSendLeases, a renewal
 * waiting on a settle that waits on the renewal's rows would deadlock the two).
 */
export async function renewCohortLeases(db: Db, keys: string[], leaseUntil: Date): Promise<void> {
  if (keys.length === 0) return;
  const until = sql`${leaseUntil.toISOString()}::timestamptz`;
  await db.execute(sql`
    update ${cohortBatches} set lease_until = ${until}
    where id in (select id from ${cohortBatches} where retry_key = any(${sql.param(keys)}::uuid[]) and status = 'sending'
                 and lease_until < ${until} for update skip locked)`);
}

/** A retry later: the batch stays in flight, leased to nobody until `until`. */
export async function deferCohortBatch(db: Db, key: string, until: Date): Promise<void> {
  await db.execute(sql`update ${cohortBatches} set lease_until = ${until.toISOString()}::timestamptz where retry_key = ${key}::uuid and status = 'sending'`);
}

/** LINE refused the batch's unit: it goes without it from now on (a crash repeats the unit-less request). */
export async function dropCohortBatchUnit(db: Db, key: string): Promise<void> {
  await db.execute(sql`update ${cohortBatches} set aggregation_unit = null where retry_key = ${key}::uuid and status = 'sending'`);
}

/**
 * Settles batches in one statement: each batch still in flight under its key moves, with its
 * members, into `cohort_sends`, sent or failed with LINE's answer. A batch another attempt settled
 * is gone and writes nothing. Returns how many friends' sends were settled.
 */
export async function settleCohortBatches(db: Db | Tx, settled: readonly BatchSettlement[], now: Date): Promise<number> {
  if (settled.length === 0) return 0;
  const at = now.toISOString();
  const column = columnsOf(settled);
  const { rows } = await db.execute<{ n: number }>(sql`
    with v as (
      select * from unnest(${column((s) => s.batch.key)}::uuid[], ${column((s) => s.status)}::text[],
        ${column((s) => ('status' in s.detail ? JSON.stringify(s.detail) : null))}::jsonb[],
        ${column((s) => 'retryKeyReplayed' in s.detail && s.detail.retryKeyReplayed === true)}::boolean[]) as v(key, status, error, replayed)),
    gone as (
      delete from ${cohortBatches} b using v where b.retry_key = v.key and b.status = 'sending'
      returning b.*, v.status as settled, v.error, v.replayed),
    members as (delete from ${cohortBatchMembers} m using gone g where m.batch_id = g.id returning m.batch_id, m.friend_ids, m.run_ids, m.visits, m.retry_keys, m.send_ids)
    insert into ${cohortSends} (id, seq, workspace_id, channel_id, scenario_id, node_id, retry_key, messages, message_digest, aggregation_unit,
      due_at, status, attempts, error, retry_key_replayed, sent_at, failed_at, friend_ids, run_ids, visits, retry_keys, send_ids)
    select g.id, g.seq, g.workspace_id, g.channel_id, g.scenario_id, g.node_id, g.retry_key, g.messages, g.message_digest, g.aggregation_unit,
      g.due_at, g.settled, g.attempts, g.error, g.replayed, case when g.settled = 'sent' then ${at}::timestamptz end,
      case when g.settled = 'failed' then ${at}::timestamptz end, m.friend_ids, m.run_ids, m.visits, m.retry_keys, m.send_ids
    from gone g join members m on m.batch_id = g.id
    -- A channel deleted while its batch was in flight took its friends: nothing is left to record.
    where exists (select 1 from channels c where c.id = g.channel_id)
    returning cardinality(friend_ids)::int as n`);
  return rows.reduce((sum, row) => sum + row.n, 0);
}

/** A `cancelled` send row for each member `source` yields (batch_id, friend_id, run_id, visit, retry_key, send_id), with its batch's columns. */
function cancelledRowsInsert(source: ReturnType<typeof sql>) {
  return sql`
    insert into ${sends} (id, workspace_id, channel_id, friend_id, run_id, scenario_id, node_id, visit, retry_key, messages, message_digest,
      status, attempts, due_at, aggregation_unit)
    select x.send_id, b.workspace_id, b.channel_id, x.friend_id, x.run_id, b.scenario_id, b.node_id, x.visit, x.retry_key, b.messages, b.message_digest,
      'cancelled', b.attempts, b.due_at, b.aggregation_unit
    from (${source}) x join ${cohortBatches} b on b.id = x.batch_id
    on conflict do nothing`;
}
