import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { friends, runs } from '../db/schema/index.ts';
import type { RunRecord } from './runs.ts';
import type { Tx } from './tx.ts';

/**
 * Up to `limit` waiting runs whose wake time has come, earliest first, locked for the caller's
 * transaction; runs another worker holds are skipped, so several workers share a cohort. Runs of a
 * paused scenario stay waiting (resuming wakes them). `wake_at` is in the friend's time, which for
 * a virtual friend runs ahead of real time, so a run due by the real clock is due for its friend too
 * (a virtual friend's earlier wake-up is its own pg-boss job).
 */
export async function claimDueRuns(tx: Tx, now: Date, limit: number): Promise<RunRecord[]> {
  return tx.select().from(runs)
    .where(and(
      eq(runs.status, 'waiting'), lte(runs.wakeAt, now),
      sql`exists (select 1 from scenarios s where s.id = ${runs.scenarioId} and s.state = 'active')`,
    ))
    .orderBy(asc(runs.wakeAt)).limit(limit).for('update', { skipLocked: true });
}

/**
 * A run the wake did not move (its row says waiting, its state parks nowhere) would be found again
 * at every pass: its wake time is cleared, so only an event can move it now. A run that has moved
 * on since (another step) keeps its own.
 */
export async function clearWakeTimes(tx: Tx, due: ReadonlyArray<{ id: string; stepSeq: number }>): Promise<void> {
  await tx.execute(sql`
    update ${runs} r set wake_at = null from unnest(${sql.param(due.map((run) => run.id))}::uuid[], ${sql.param(due.map((run) => run.stepSeq))}::int[]) as v(id, seq)
    where r.id = v.id and r.step_seq = v.seq and r.status = 'waiting'`);
}

/** The scenario's waiting runs due by `now` in their friend's time (a virtual friend's clock may run ahead). */
export function runsDueInFriendTime(tx: Tx, workspaceId: string, scenarioId: string, now: Date): Promise<Array<{ id: string; stepSeq: number; offsetMs: number }>> {
  return tx.select({ id: runs.id, stepSeq: runs.stepSeq, offsetMs: friends.clockOffsetMs }).from(runs).innerJoin(friends, eq(friends.id, runs.friendId))
    .where(and(eq(runs.workspaceId, workspaceId), eq(runs.scenarioId, scenarioId), eq(runs.status, 'waiting'),
      sql`${runs.wakeAt} <= ${now.toISOString()}::timestamptz + ${friends.clockOffsetMs} * interval '1 millisecond'`));
}
