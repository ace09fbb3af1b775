import { sql } from 'drizzle-orm';
import type { Db } from '../db/pool.ts';
import { sends } from '../db/schema/index.ts';
import type { CapPolicy } from '@lsb/shared/api';
import { claimQueuedBroadcastBatches, renewBroadcastLeases, retakeLapsedBroadcastBatches } from './broadcast-batches.ts';
import {
  behindCohortBatchSql, claimQueuedCohortBatches, deferCohortBatch, renewCohortLeases, retakeLapsedCohortBatches, settleCohortBatches,
} from './cohort-batches.ts';
import { takeCapSlots } from './caps.ts';
import { usableUnitSql } from './insight.ts';
import { columnsOf } from './any-of.ts';
import type { Tx } from './tx.ts';
import { chunks } from '../chunks.ts';

/** LINE accepts at most this many user IDs in one multicast request. */
export const MULTICAST_MAX = 500;

/** One LINE request: a multicast of up to 500 friends with identical messages, or one push. */
export interface SendBatch {
  /** The X-Line-Retry-Key, fixed when the batch was first claimed: one member's own retry key. */
  key: string;
  channelId: string;
  messages: unknown[];
  /** In id order, the same on every attempt, so a retry repeats the identical request body. */
  members: Array<{ id: string; lineUserId: string }>;
  /** Attempts so far, this one included. */
  attempts: number;
  /** LINE's customAggregationUnit the batch's node asks for (insight API), or null. */
  aggregationUnit?: string | null;
  /** A batched broadcast's multicast (a `broadcast_batches` row; members are friend ids), not send rows. */
  broadcast?: true;
  /** A cohort's multicast (a `cohort_batches` row; members are friend ids): it settles into `cohort_sends`, no send row per friend. */
  cohort?: true;
}

type Candidate = {
  id: string; friend_id: string; channel_id: string; node_id: string | null; message_digest: string; retry_key: string;
  line_user_id: string; friend_status: string; workspace_id: string; cap_policy: CapPolicy;
};

/**
 * Claims work for one sender pass, in one transaction: batches whose lease lapsed (a claimer that
 * died, or a retry's back-off that ended) are taken again with their key and members unchanged;
 * then up to `limit` queued, due rows are grouped into new batches (same channel, node and rendered
 * messages, ≤ 500 each) and leased. Rows another worker is claiming are skipped (`SKIP LOCKED`).
 *
 * A friend's messages go out in queue order: a row is claimed only when none of the friend's
 * earlier due rows is still queued or in flight. That covers a run's consecutive send nodes and
 * the runs one event starts together (queued in scenario priority order). A message held for its
 * delivery window is not due yet and does not hold back one that may go now.
 *
 * In a workspace with a message cap, takeCapSlots (store/caps.ts) decides per row under a lock on
 * the friend, so two claims racing for a friend's last slot cannot both send.
 */
export async function claimSendBatches(
  db: Db, now: Date, leaseUntil: Date, limit: { rows: number; batches: number; multicasts?: number },
): Promise<SendBatch[]> {
  return db.transaction(async (tx) => {
    const multicasts = Math.min(limit.multicasts ?? 0, limit.batches);
    const retakenCohorts = await retakeLapsedCohortBatches(tx, now, leaseUntil, multicasts);
    const retaken = [
      ...await retakeLapsed(tx, now, leaseUntil), ...retakenCohorts,
      ...await retakeLapsedBroadcastBatches(tx, now, leaseUntil, multicasts - retakenCohorts.length),
    ];
    let room = limit.batches - retaken.length;
    if (room <= 0) return retaken;
    const queued = limit.rows > 0 ? await claimQueued(tx, now, leaseUntil, limit.rows, room) : [];
    room -= queued.length;
    // Then the multicasts kept as one row each (≤ 500 friends): cohorts' (cohort-batches.ts), then
    // batched broadcasts' (broadcast-batches.ts), within what the sender may hold of them.
    let multicastRoom = Math.min(room, multicasts - retaken.filter((batch) => batch.broadcast || batch.cohort).length);
    const cohorts = await claimQueuedCohortBatches(tx, now, leaseUntil, multicastRoom);
    multicastRoom -= cohorts.length;
    const broadcasts = await claimQueuedBroadcastBatches(tx, now, leaseUntil, multicastRoom);
    return [...retaken, ...queued, ...cohorts, ...broadcasts];
  });
}

/**
 * A live sender keeps its batches: their leases move on while they wait for LINE or its budget.
 * Rows locked meanwhile are skipped, never waited for: the settle holding them is finishing that
 * batch (its lease no longer matters), and a renewal that waited for it while the settle waited for
 * rows the renewal had locked would deadlock the two.
 */
export async function renewSendLeases(db: Db, batches: readonly SendBatch[], leaseUntil: Date): Promise<void> {
  const broadcast = batches.filter((batch) => batch.broadcast).map((batch) => batch.key);
  if (broadcast.length) await renewBroadcastLeases(db, broadcast, leaseUntil);
  await renewCohortLeases(db, batches.filter((batch) => batch.cohort).map((batch) => batch.key), leaseUntil);
  const rows = batches.filter((batch) => !batch.broadcast && !batch.cohort);
  if (rows.length === 0) return;
  await db.execute(sql`
    update ${sends} set lease_until = ${leaseUntil.toISOString()}::timestamptz
    where id in (select id from ${sends} where id = any(${sql.param(rows.flatMap(memberIds))}::uuid[]) and status = 'sending'
                 and lease_until < ${leaseUntil.toISOString()}::timestamptz for update skip locked)`);
}

/** A batch's rows: found by their ids (the primary key), not by the batch key, which has no index. */
export function memberIds(batch: Pick<SendBatch, 'members'>): string[] {
  return batch.members.map((member) => member.id);
}

async function retakeLapsed(tx: Tx, now: Date, leaseUntil: Date): Promise<SendBatch[]> {
  const at = now.toISOString();
  const { rows: lapsed } = await tx.execute<{ batch_key: string }>(sql`
    select batch_key from ${sends} where status = 'sending' and lease_until <= ${at}::timestamptz
    order by lease_until limit 1000 for update skip locked`);
  if (lapsed.length === 0) return [];
  const keys = [...new Set(lapsed.map((row) => row.batch_key))];
  // Fenced by the lease: if another worker took the batch meanwhile, its new lease leaves nothing
  // here. A batch's rows were leased together, so the in-flight index by lease finds them all.
  const { rows } = await tx.execute<{ id: string; batch_key: string; channel_id: string; attempts: number; line_user_id: string }>(sql`
    update ${sends} s set lease_until = ${leaseUntil.toISOString()}::timestamptz, attempts = s.attempts + 1
    from friends f
    where f.id = s.friend_id and s.status = 'sending' and s.lease_until <= ${at}::timestamptz
      and s.batch_key = any(${sql.param(keys)}::uuid[])
    returning s.id, s.batch_key, s.channel_id, s.attempts, f.line_user_id`);
  const byKey = new Map<string, typeof rows>();
  for (const row of rows) {
    const members = byKey.get(row.batch_key);
    if (members) members.push(row); else byKey.set(row.batch_key, [row]);
  }
  return withMessages(tx, [...byKey].map(([key, members]) => ({
    key,
    channelId: members[0]!.channel_id,
    members: members.map((m) => ({ id: m.id, lineUserId: m.line_user_id })).sort((a, b) => a.id.localeCompare(b.id)),
    attempts: Math.max(...members.map((m) => m.attempts)),
  })), now);
}

async function claimQueued(tx: Tx, now: Date, leaseUntil: Date, limit: number, maxBatches: number): Promise<SendBatch[]> {
  const at = now.toISOString();
  const { rows } = await tx.execute<Candidate>(sql`
    select s.id, s.friend_id, s.channel_id, s.node_id, s.message_digest, s.retry_key, f.line_user_id, f.status as friend_status,
      s.workspace_id, s.cap_policy
    from ${sends} s join friends f on f.id = s.friend_id
    where s.status = 'queued' and s.due_at <= ${at}::timestamptz
      and not exists (select 1 from ${sends} e where e.friend_id = s.friend_id and e.seq < s.seq
                      and e.status in ('queued', 'sending') and e.due_at <= ${at}::timestamptz)
      and not ${behindCohortBatchSql}
    order by s.seq limit ${limit}
    for update of s skip locked`);
  if (rows.length === 0) return [];
  // Blocked since the step that wrote it (the unfollow raced the step): LINE would answer 200 and
  // deliver nothing, so the honest outcome is cancelled.
  const gone = rows.filter((row) => row.friend_status !== 'active').map((row) => row.id);
  if (gone.length) await tx.execute(sql`update ${sends} set status = 'cancelled' where id = any(${sql.param(gone)}::uuid[])`);
  // The workspace's message cap (配信上限): rows over it are held or skipped, and stay out of this claim.
  const { withheld } = await takeCapSlots(tx, rows.filter((row) => row.friend_status === 'active').map((row) => ({
    id: row.id, friendId: row.friend_id, workspaceId: row.workspace_id, capPolicy: row.cap_policy,
  })), now);

  const groups = new Map<string, Candidate[]>();
  for (const row of rows) {
    if (row.friend_status !== 'active' || withheld.has(row.id)) continue;
    const group = row.node_id === null ? `push:${row.id}` : `${row.channel_id}|${row.node_id}|${row.message_digest}`;
    const members = groups.get(group);
    if (members) members.push(row); else groups.set(group, [row]);
  }
  const seqOf = new Map(rows.map((row, index) => [row.id, index]));
  const batches: Array<Omit<SendBatch, 'messages'>> = [];
  for (const members of groups.values()) {
    for (const chunk of chunks(members, MULTICAST_MAX)) {
      batches.push({
        key: chunk[0]!.retry_key,
        channelId: chunk[0]!.channel_id,
        members: chunk.map((m) => ({ id: m.id, lineUserId: m.line_user_id })).sort((a, b) => a.id.localeCompare(b.id)),
        attempts: 1,
      });
    }
  }
  // Batches in queue order, as many as this sender can carry; rows past them stay queued.
  batches.sort((a, b) => seqOf.get(a.members[0]!.id)! - seqOf.get(b.members[0]!.id)!);
  batches.splice(maxBatches);
  if (batches.length === 0) return [];
  const ids = batches.flatMap((batch) => batch.members.map((m) => m.id));
  const keys = batches.flatMap((batch) => batch.members.map(() => batch.key));
  await tx.execute(sql`
    update ${sends} s set status = 'sending', batch_key = v.key, lease_until = ${leaseUntil.toISOString()}::timestamptz, attempts = s.attempts + 1
    from unnest(${sql.param(ids)}::uuid[], ${sql.param(keys)}::uuid[]) as v(id, key) where s.id = v.id`);
  return withMessages(tx, batches, now);
}

/** The rendered messages of each batch, read once from one member (members share them byte for byte). */
async function withMessages(tx: Tx, batches: Array<Omit<SendBatch, 'messages'>>, now: Date): Promise<SendBatch[]> {
  if (batches.length === 0) return [];
  // A unit LINE is known to refuse is left off here (store/insight.ts); deliver.ts handles a new refusal.
  const { rows } = await tx.execute<{ id: string; messages: unknown[]; aggregation_unit: string | null }>(sql`
    select s.id, s.messages, ${usableUnitSql(now)} as aggregation_unit
    from ${sends} s where s.id = any(${sql.param(batches.map((batch) => batch.members[0]!.id))}::uuid[])`);
  const rowOf = new Map(rows.map((row) => [row.id, row]));
  return batches.map((batch) => {
    const row = rowOf.get(batch.members[0]!.id)!;
    return { ...batch, messages: row.messages, ...(row.aggregation_unit ? { aggregationUnit: row.aggregation_unit } : {}) };
  });
}

/** What LINE's answer adds to a settled row, and so to the friend's timeline entry (shared's message_sent / send_failed). */
export type Settlement = { retryKeyReplayed?: true } | { status: number; reason: string };

/** One batch's outcome, for settleSendBatches. */
export interface BatchSettlement { batch: Pick<SendBatch, 'key' | 'members' | 'cohort'>; status: 'sent' | 'failed'; detail: Settlement }

/**
 * Settles batches in one statement for the batches of send rows and one for the cohort batches
 * (cohort-batches.ts, which move into `cohort_sends`): each batch's rows still in flight under its
 * key become sent (or failed). Rows already settled by another attempt are left alone. The row
 * itself is the friend's timeline entry (store/send-timeline.ts): a cohort's settles write no
 * timeline row per friend. Returns how many friends' sends were settled.
 */
export async function settleSendBatches(db: Db, settled: readonly BatchSettlement[], now: Date): Promise<number> {
  const cohorts = await settleCohortBatches(db, settled.filter(({ batch }) => batch.cohort), now);
  // In id order, so two settles of overlapping rows (a lapsed lease's second attempt) never deadlock.
  const rows = settled.filter(({ batch }) => !batch.cohort).flatMap(({ batch, status, detail }) => batch.members.map((member) => ({
    id: member.id, key: batch.key, status,
    error: 'status' in detail ? JSON.stringify(detail) : null, replayed: 'retryKeyReplayed' in detail && detail.retryKeyReplayed === true,
  }))).sort((a, b) => a.id.localeCompare(b.id));
  if (rows.length === 0) return cohorts;
  const column = columnsOf(rows);
  const at = now.toISOString();
  const result = await db.execute(sql`
    update ${sends} s set status = v.status,
      sent_at = case when v.status = 'sent' then ${at}::timestamptz end, failed_at = case when v.status = 'failed' then ${at}::timestamptz end,
      error = v.error, retry_key_replayed = v.replayed, lease_until = null
    from unnest(${column((r) => r.id)}::uuid[], ${column((r) => r.key)}::uuid[], ${column((r) => r.status)}::text[],
      ${column((r) => r.error)}::jsonb[], ${column((r) => r.replayed)}::boolean[]) as v(id, key, status, error, replayed)
    where s.id = v.id and s.batch_key = v.key and s.status = 'sending'`);
  return cohorts + (result.rowCount ?? 0);
}

/** A retry later: the batch stays in flight, leased to nobody until `until`, when any worker takes it again. */
export async function deferSendBatch(db: Db, batch: SendBatch, until: Date): Promise<void> {
  if (batch.cohort) return deferCohortBatch(db, batch.key, until);
  await db.execute(sql`
    update ${sends} set lease_until = ${until.toISOString()}::timestamptz
    where id = any(${sql.param(memberIds(batch))}::uuid[]) and batch_key = ${batch.key}::uuid and status = 'sending'`);
}
