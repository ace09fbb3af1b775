import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { runs } from '../db/schema/index.ts';
import type { Tx } from './tx.ts';

type RunRecord = typeof runs.$inferSelect;

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
