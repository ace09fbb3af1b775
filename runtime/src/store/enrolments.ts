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

/**
 * Queues one enrolment per active friend of the target in a single statement, however many friends
 * match (a million is one INSERT … SELECT). A friend already queued for the scenario is queued
 * once (the re-entry policy would decide the second the same way). Returns how many were queued.
 */
export async function queueEnrolments(db: Db, workspaceId: string, scenarioId: string, target: EnrolTarget, now: Date): Promise<number> {
  if ('friendIds' in target) {
    if (target.friendIds.length === 0) return 0;
    const result = await db.execute(sql`
      insert into ${pendingEnrolments} (workspace_id, friend_id, scenario_id, requested_at)
      select f.workspace_id, f.id, ${scenarioId}, ${now.toISOString()}::timestamptz
      from friends f where f.workspace_id = ${workspaceId} and f.status = 'active'
        and f.id = any(${sql.param(target.friendIds)}::uuid[])
      on conflict do nothing`);
    return result.rowCount ?? 0;
  }
  const compiled = compileCondition(target.condition, { now, timeZone: target.timeZone, workspaceId });
  const result = await db.execute(sql`
    insert into ${pendingEnrolments} (workspace_id, friend_id, scenario_id, requested_at)
    select f.workspace_id, f.id, ${scenarioId}, ${now.toISOString()}::timestamptz from friends f
    where ${conditionSql(compiled)} and f.workspace_id = ${workspaceId} and f.status = 'active'
    on conflict do nothing`);
  return result.rowCount ?? 0;
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

export interface PendingEnrolment { friendId: string; scenarioId: string }

/**
 * Takes up to `limit` queued enrolments, oldest first, skipping those another worker holds, and
 * deletes them in the caller's transaction: they are applied by it or stay queued, never both.
 */
export async function takeEnrolments(tx: Tx, limit: number): Promise<PendingEnrolment[]> {
  const { rows } = await tx.execute<{ friend_id: string; scenario_id: string; seq: string }>(sql`
    delete from ${pendingEnrolments} where seq in (
      select seq from ${pendingEnrolments} order by seq limit ${limit} for update skip locked)
    returning friend_id, scenario_id, seq`);
  return rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map((row) => ({ friendId: row.friend_id, scenarioId: row.scenario_id }));
}
