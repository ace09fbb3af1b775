import { sql } from 'drizzle-orm';
import type { Db } from '../db/pool.ts';
import { runs } from '../db/schema/index.ts';
import { advanceRuns } from '../runs/advance.ts';
import type { RunContext } from '../runs/context.ts';
import { claimDueRuns } from '../store/due-runs.ts';

/**
 * One pass of the wake tick: up to `chunk` waiting runs whose time has come, found by their wake
 * time's index, locked (`SKIP LOCKED`: several workers share a cohort), stepped together and written
 * in one transaction. Returns whether the chunk was full (more may be due at once).
 */
export async function wakeTick(db: Db, ctx: RunContext, chunk: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const due = await claimDueRuns(tx, ctx.clock.now(), chunk);
    if (due.length === 0) return false;
    const moved = await advanceRuns(tx, ctx, due.map((run) => ({ run, event: { kind: 'wake' as const } })));
    if (moved < due.length) {
      // A run the wake did not move (its row says waiting, its state parks nowhere) would be found
      // again at every pass: its wake time is cleared, so only an event can move it now.
      await tx.execute(sql`
        update ${runs} r set wake_at = null from unnest(${sql.param(due.map((run) => run.id))}::uuid[], ${sql.param(due.map((run) => run.stepSeq))}::int[]) as v(id, seq)
        where r.id = v.id and r.step_seq = v.seq and r.status = 'waiting'`);
    }
    return due.length === chunk;
  });
}
