import { sql, type SQL } from 'drizzle-orm';
import type { Condition } from '@lsb/shared';
import type { Db } from '../db/pool.ts';
import { pendingEnrolments } from '../db/schema/index.ts';
import { compileCondition } from '../segments/compile.ts';
import type { Tx } from './tx.ts';

/** Who to enrol: listed friends, or everyone a segment condition matches (evaluated in the database). */
export type EnrolTarget =
  | { friendIds: string[] }
  | { condition: Condition; timeZone: string };

/** How many friends a queued chunk holds: a worker enters them in one transaction. */
export const ENROLMENT_CHUNK = 1_000;

/**
 * Queues the target's active friends in chunks, in a single statement however many friends match
 * (a million is one INSERT … SELECT of a thousand rows). A friend still queued for the scenario, or
 * in a chunk being applied, is left out (the re-entry policy would decide the second the same way),
 * so no two chunks hold one friend for one scenario: workers apply chunks side by side, and two
 * transactions deciding the same enrolment unseen by each other could start an "every time"
 * scenario twice. Requests for one scenario are queued one at a time (an advisory lock), so two of
 * them cannot both miss each other's friends. Returns how many friends were queued.
 */
export async function queueEnrolments(db: Db, workspaceId: string, scenarioId: string, target: EnrolTarget, now: Date, chunk = ENROLMENT_CHUNK): Promise<number> {
  if ('friendIds' in target && target.friendIds.length === 0) return 0;
  const matching = 'friendIds' in target
    ? sql`f.id = any(${sql.param(target.friendIds)}::uuid[])`
    : conditionSql(compileCondition(target.condition, { now, timeZone: target.timeZone, workspaceId }));
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`enrol:${scenarioId}`}, 0))`);
    const { rows: [queued] } = await tx.execute<{ friends: number }>(sql`
      with already as (
        select unnest(q.friend_ids) as id from ${pendingEnrolments} q where q.scenario_id = ${scenarioId}),
      picked as (
        select f.id, (row_number() over () - 1) / ${chunk} as chunk from friends f
        where ${matching} and f.workspace_id = ${workspaceId} and f.status = 'active'
          and not exists (select 1 from already a where a.id = f.id)),
      chunks as (
        insert into ${pendingEnrolments} (workspace_id, scenario_id, friend_ids, requested_at)
        select ${workspaceId}::uuid, ${scenarioId}::uuid, array_agg(id), ${now.toISOString()}::timestamptz
        from picked group by chunk order by chunk
        returning cardinality(friend_ids) as friends)
      select coalesce(sum(friends), 0)::int as friends from chunks`);
    return queued!.friends;
  });
}

/** The segment compiler's text with its own $1…$n placeholders, as a drizzle fragment with those values. */
export function numbered(text: string, params: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const out: SQL[] = [sql.raw(parts[0]!)];
  // sql.param: one bound value even for an array (a choice list is `= any($n::text[])`); a bare array would be spread into `($a, $b)`.
  for (let i = 1; i < parts.length; i += 2) out.push(sql`${sql.param(params[Number(parts[i]) - 1])}`, sql.raw(parts[i + 1]!));
  return sql.join(out, sql.raw(''));
}

/** A compiled segment condition as a parenthesised drizzle fragment over `friends f`. */
export function conditionSql(compiled: { sql: string; params: unknown[] }): SQL {
  return sql`(${numbered(compiled.sql, compiled.params)})`;
}

/** One queued chunk: friends of one workspace, for one scenario. */
export interface EnrolmentChunk { workspaceId: string; scenarioId: string; friendIds: string[] }

/**
 * Takes the oldest queued chunk, skipping those another worker holds, and deletes it in the
 * caller's transaction: it is applied by it or stays queued, never both. The friends come back as
 * JSON, which the driver parses natively, where it parses an array's text element by element.
 */
export async function takeEnrolments(tx: Tx): Promise<EnrolmentChunk | undefined> {
  const { rows: [taken] } = await tx.execute<{ workspace_id: string; scenario_id: string; friend_ids: string[] }>(sql`
    delete from ${pendingEnrolments} where seq = (
      select seq from ${pendingEnrolments} order by seq limit 1 for update skip locked)
    returning workspace_id, scenario_id, array_to_json(friend_ids) as friend_ids`);
  return taken && { workspaceId: taken.workspace_id, scenarioId: taken.scenario_id, friendIds: taken.friend_ids };
}
